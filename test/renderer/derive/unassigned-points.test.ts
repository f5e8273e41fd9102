import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import { builtinRuleSet, ColumnarCensus, encodeCensus } from '../../../shared/model';
import { Validator } from '../../../shared/validate';
import { unassignedPoints } from '../../../renderer/derive/unassigned-points';

describe('unassignedPoints', () => {
  it('maps every point of the unassigned-point issues, the same from a columnar census as from a plain map', () => {
    const parsed = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
    if (!parsed.ok) throw new Error('demo');
    const plain = parsed.value;
    const issues = new Validator(plain, builtinRuleSet('zigong')!).issues();
    const unassigned = issues.filter((issue) => issue.rule === 'unassigned-point');
    const ids = unassigned.flatMap((issue) => issue.ids);
    // The demo's undivided community leaves points outside every grid, fewer than 1 in 16 of them: the
    // columnar census finds them by scanning its ids, not by building its index.
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length * 16).toBeLessThan(plain.census.size);

    const fromPlain = unassignedPoints(plain, issues);
    expect(fromPlain.features).toHaveLength(ids.length);
    expect(fromPlain.features.map((feature) => feature.geometry)).toEqual(
      ids.map((id) => ({
        type: 'Point',
        coordinates: [plain.census.get(id)!.lon, plain.census.get(id)!.lat],
      })),
    );
    const columnar = { ...plain, census: ColumnarCensus.of(encodeCensus(plain.census.values())) };
    expect(unassignedPoints(columnar, issues)).toEqual(fromPlain);
  });
});
