import { readFileSync } from 'node:fs';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import type { Grid } from '../../../shared/model';
import { builtinRuleSet, divisionOf } from '../../../shared/model';
import { validateDivision, Validator } from '../../../shared/validate';
import { polygonAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import { problemShapes } from '../../../renderer/derive/problem-shapes';

const total = (shapes: ReturnType<typeof problemShapes>, kind: string): number =>
  shapes.features
    .filter((f) => f.properties?.kind === kind)
    .reduce((sum, f) => sum + polygonAreaM2(f.geometry as Polygon), 0);

describe('problemShapes', () => {
  it('draws the undivided community of the demo as a gap of the area the validator measured', () => {
    const parsed = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
    if (!parsed.ok) throw new Error('demo');
    const issues = new Validator(parsed.value, builtinRuleSet('zigong')!).issues();
    const gap = issues.find((i) => i.rule === 'gap')!;
    const area = total(problemShapes(parsed.value, issues), 'gap');
    expect(Math.abs(area - gap.areaM2!) / gap.areaM2!).toBeLessThan(0.001);
  });

  it('draws an overlap of two grids with its area', () => {
    const square = (x0: number, x1: number): Polygon => ({
      type: 'Polygon',
      coordinates: [
        [
          [x0, 29.35],
          [x1, 29.35],
          [x1, 29.36],
          [x0, 29.36],
          [x0, 29.35],
        ],
      ],
    });
    const grid = (id: string, geometry: Polygon): Grid => ({
      layer: 'grid',
      id,
      code: `510302003001${id}`,
      name: id,
      parentCode: '510302003001',
      gridType: 'urban',
      extra: {},
      geometry,
    });
    const division = divisionOf({}, [
      grid('001', square(104.74, 104.751)),
      grid('002', square(104.75, 104.76)),
    ]);
    const report = validateDivision(division, builtinRuleSet('zigong')!);
    const overlap = report.issues.find((i) => i.rule === 'overlap')!;
    const issues = new Validator(division, builtinRuleSet('zigong')!).issues();
    const area = total(problemShapes(division, issues), 'overlap');
    expect(Math.abs(area - overlap.areaM2!) / overlap.areaM2!).toBeLessThan(0.001);
  });
});
