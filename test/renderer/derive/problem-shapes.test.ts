import { readFileSync } from 'node:fs';
import type { MultiLineString, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import type { Grid } from '../../../shared/model';
import { builtinRuleSet, divisionOf } from '../../../shared/model';
import { validateDivision, Validator } from '../../../shared/validate';
import { polygonAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import { problemShapes } from '../../../renderer/derive/problem-shapes';
import { community, grid, rect } from '../../shared/validate/entities';

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

  it('outlines the part of a grid outside its community, without the lines between the slabs of the sweep', () => {
    const village = community('510302003001', rect(104.74, 29.35, 104.75, 29.36), '一村');
    // A grid reaching 0.002° east of its community, with a notch so that the sweep cuts it into slabs.
    const reaching = grid('510302003001001', village.code, {
      type: 'Polygon',
      coordinates: [
        [
          [104.745, 29.352],
          [104.752, 29.352],
          [104.752, 29.355],
          [104.751, 29.356],
          [104.752, 29.357],
          [104.752, 29.358],
          [104.745, 29.358],
          [104.745, 29.352],
        ],
      ],
    });
    const division = divisionOf({}, [village, reaching]);
    const issues = new Validator(division, builtinRuleSet('zigong')!).issues();
    expect(issues.some((issue) => issue.rule === 'outside-parent')).toBe(true);
    const shapes = problemShapes(division, issues);
    const outline = shapes.features.filter((f) => f.properties?.kind === 'outside-outline');
    expect(outline).toHaveLength(1);
    const lines = (outline[0]!.geometry as MultiLineString).coordinates;
    const drawn = lines.reduce((sum, [a, b]) => sum + Math.hypot(b![0]! - a![0]!, b![1]! - a![1]!), 0);
    // The outside part: x from 104.75 to 104.752, y from 29.352 to 29.358, less the notch's triangle.
    const notch = 2 * Math.hypot(0.001, 0.001) - 0.002;
    expect(drawn).toBeCloseTo(2 * 0.002 + 2 * 0.006 + notch, 9);
    // Its pieces are still filled (faintly), with the area the validator measured.
    const outside = issues.find((issue) => issue.rule === 'outside-parent')!;
    expect(Math.abs(total(shapes, 'outside') - outside.areaM2!) / outside.areaM2!).toBeLessThan(0.001);
  });
});
