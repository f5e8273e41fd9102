import fc from 'fast-check';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { sketchCounts } from '../../../renderer/divide/sketch-counts';
import type { CensusPoint, RuleSet } from '../../../shared/model';
import { applyChange } from '../../../shared/model';
import { splitGridCommand } from '../../../shared/commands/split-grid-command';
import { countCensus } from '../../../shared/geometry/count-census';
import { divisionOf } from '../../shared/geometry/division-fixtures';
import { communityEntity, gridEntity, rect } from '../../shared/geometry/geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
const BAND: RuleSet = {
  id: 'test',
  name: { zh: '测试', en: 'test' },
  source: { zh: '测试', en: 'test' },
  urban: { minHouseholds: 300, maxHouseholds: 500 },
  rural: null,
  microgrid: null,
  usesMicrogrids: false,
  requiresLeader: false,
};

function point(i: number, lon: number, lat: number, households: number): CensusPoint {
  return { layer: 'census', id: `p${i}`, lon, lat, households, population: households * 3, extra: {} };
}

describe('sketchCounts (counts before commit)', () => {
  it('gives each part of a split line the households it will have after the split', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 1, max: 199 }),
            y: fc.integer({ min: 1, max: 199 }),
            households: fc.integer({ min: 1, max: 60 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 20, max: 180 }),
        (points, cut) => {
          const division = divisionOf([
            communityEntity(rect(X, Y, X + 0.004, Y + 0.002)),
            gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002)),
            gridEntity(2, rect(X + 0.002, Y, X + 0.004, Y + 0.002)),
            ...points.map((p, i) => point(i, X + p.x * 1e-5, Y + p.y * 1e-5, p.households)),
          ]);
          const line: Position[] = [
            [X - 0.0005, Y + cut * 1e-5],
            [X + 0.0015, Y + cut * 1e-5 + 3e-6],
          ];
          const extended: Position[] = [line[0]!, [X + 0.0025, Y + cut * 1e-5 + 4.5e-6]];
          const id = 'grid-510302003001001';
          const { parts } = sketchCounts(division, BAND, {
            kind: 'line',
            geometry: { type: 'LineString', coordinates: extended },
            gridId: id,
          });
          const split = splitGridCommand(division, id, extended, { keepCodeOnLarger: true });
          // A line across the whole grid always splits it in two.
          expect(split.ok).toBe(true);
          if (!split.ok) return;
          expect(parts).toHaveLength(2);
          const after = applyChange(division, split.value).division;
          const counts = countCensus(after).byGrid;
          const made = split.value.put.filter((e) => e.layer === 'grid' && e.id !== 'grid-510302003001002');
          expect(parts.map((p) => p.households)).toEqual(made.map((g) => counts.get(g.id)!.households));
          for (const part of parts)
            expect(part.status).toBe(part.households < 300 ? 'under' : part.households > 500 ? 'over' : 'ok');
        },
      ),
      { numRuns: 25 },
    );
  });

  it('counts a grid being drawn once it has three points, and nothing before', () => {
    const division = divisionOf([
      communityEntity(rect(X, Y, X + 0.004, Y + 0.002)),
      point(1, X + 0.001, Y + 0.001, 350),
      point(2, X + 0.003, Y + 0.001, 90),
    ]);
    const ring = (positions: Position[]) => ({ type: 'Polygon' as const, coordinates: [positions] });
    const two = ring([
      [X, Y],
      [X + 0.002, Y],
      [X, Y],
    ]);
    expect(
      sketchCounts(division, BAND, { kind: 'polygon', geometry: two, avoidOverlap: true }).parts,
    ).toEqual([]);
    const three = ring([
      [X, Y],
      [X + 0.002, Y],
      [X + 0.002, Y + 0.002],
      [X, Y],
    ]);
    expect(
      sketchCounts(division, BAND, { kind: 'polygon', geometry: three, avoidOverlap: true }).parts,
    ).toEqual([{ households: 350, population: 1050, status: 'ok' }]);
  });
});
