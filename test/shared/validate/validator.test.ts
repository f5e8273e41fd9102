import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  applyChange,
  builtinRuleSet,
  change,
  ColumnarCensus,
  divisionOf,
  encodeCensus,
} from '../../../shared/model';
import type { Grid } from '../../../shared/model';
import { Validator } from '../../../shared/validate/validator';
import { census, community, grid, rect, township } from './entities';

const T = '510302001000';
const C = '510302001001';
const zigong = builtinRuleSet('zigong')!;

function start(): Validator {
  return new Validator(
    divisionOf({}, [
      township(T, rect(104, 29, 104.02, 29.01)),
      community(C, rect(104, 29, 104.02, 29.01)),
      grid(`${C}001`, C, rect(104, 29, 104.01, 29.01)),
      grid(`${C}002`, C, rect(104.01, 29, 104.02, 29.01)),
      census(104.005, 29.005, 400, 1000, 'a'),
      census(104.0095, 29.005, 1, 3, 'near-edge'),
      census(104.015, 29.005, 400, 1000, 'b'),
    ]),
    zigong,
  );
}

function moveEastEdge(g: Grid, toLon: number): Grid {
  const ring = (g.geometry as Polygon).coordinates[0]!.map(([x, y]) => [x === 104.01 ? toLon : x!, y!]);
  return { ...g, geometry: { type: 'Polygon', coordinates: [ring] } };
}

describe('Validator', () => {
  it('validates once, then reports what an edit changed', () => {
    const validator = start();
    expect(validator.issues()).toEqual([]);
    expect(validator.tally('grid', `g-${C}001`)).toEqual({ households: 401, population: 1003, points: 2 });

    const g1 = validator.division.grid.get(`g-${C}001`)!;
    const delta = validator.update(change('drag the east edge', [moveEastEdge(g1, 104.011)]));
    expect(delta.removed).toEqual([]);
    expect(delta.added.map((issue) => issue.rule)).toEqual(['overlap']);
    expect(delta.added[0]!.ids).toEqual([`g-${C}001`, `g-${C}002`]);
    expect(delta.countsChanged).toEqual([]);
    expect(delta.scopesRecomputed).toBeLessThan(20);

    // Undo: the overlap goes away under the same key it was reported with.
    const undo = validator.update(change('undo', [g1]));
    expect(undo.removed).toEqual([delta.added[0]!.key]);
    expect(undo.added).toEqual([]);
    expect(validator.issues()).toEqual([]);
  });

  it('re-counts only the points an edit moves between grids', () => {
    const validator = start();
    const g1 = validator.division.grid.get(`g-${C}001`)!;
    const g2 = validator.division.grid.get(`g-${C}002`)!;
    // Both grids shrink their shared edge west: the point near the edge changes grid.
    const next = applyChange(
      validator.division,
      change('move shared edge', [moveEastEdge(g1, 104.009), moveEastEdge(g2, 104.009)]),
    );
    const delta = validator.revalidate(next.division, [
      { layer: 'grid', id: g1.id },
      { layer: 'grid', id: g2.id },
    ]);
    expect([...delta.countsChanged].sort()).toEqual([g1.id, g2.id]);
    expect(validator.tally('grid', g1.id).households).toBe(400);
    expect(validator.tally('grid', g2.id).households).toBe(401);
    expect(delta.added).toEqual([]);
  });

  it('reports a deleted grid as a gap and its points as unassigned', () => {
    const validator = start();
    const delta = validator.update(change('delete', [], [{ layer: 'grid', id: `g-${C}002` }]));
    expect(delta.added.map((issue) => issue.rule).sort()).toEqual(['gap', 'unassigned-point']);
    expect(validator.counts().unassigned.pointIds).toEqual(['b']);
    expect(validator.report('en').summary).toEqual({ grids: 1, errors: 2, warnings: 0, accepted: 0 });
  });

  it('reports unassigned points once per community with every point counted, never capped', () => {
    const points = Array.from({ length: 1500 }, (_, i) =>
      census(104.011 + (i % 50) * 0.0001, 29.001 + Math.floor(i / 50) * 0.0001, 2, 5, `p${i}`),
    );
    const validator = new Validator(
      divisionOf({}, [
        township(T, rect(104, 29, 104.02, 29.01)),
        community(C, rect(104, 29, 104.02, 29.01)),
        grid(`${C}001`, C, rect(104, 29, 104.01, 29.01)),
        ...points,
        census(104.5, 29.5, 7, 9, 'far-away'),
      ]),
      zigong,
    );
    const unassigned = validator.issues().filter((issue) => issue.rule === 'unassigned-point');
    expect(unassigned).toHaveLength(2);
    const inCommunity = unassigned.find((issue) => issue.parentCode === C)!;
    expect(inCommunity.ids).toHaveLength(1500);
    expect(inCommunity).toMatchObject({ points: 1500, households: 3000, population: 7500 });
    expect(inCommunity.message.zh).toBe(
      `社区/行政村 ${C}「社区${C.slice(-3)}」有 1,500 个人口点、3,000 户（7,500 人）不在任何网格内`,
    );
    const outside = unassigned.find((issue) => issue.parentCode === undefined)!;
    expect(outside.message.en).toBe(
      '1 census point (census point far-away) with 7 households (9 people) is in no grid and in no community',
    );
    const report = validator.report('zh');
    expect(report.issues.find((i) => i.rule === 'unassigned-point' && i.parentCode === C)).toMatchObject({
      points: 1500,
      households: 3000,
    });

    // Drawing the second grid assigns them: the community's issue goes, the one outside stays.
    const delta = validator.update(change('draw', [grid(`${C}002`, C, rect(104.01, 29, 104.02, 29.01))]));
    expect(delta.removed).toContain(inCommunity.key);
    expect(validator.issues().filter((issue) => issue.rule === 'unassigned-point')).toHaveLength(1);
  });

  it('names the same unassigned points over a columnar census as over a plain map, by position', () => {
    const plain = divisionOf({}, [
      township(T, rect(104, 29, 104.02, 29.01)),
      community(C, rect(104, 29, 104.02, 29.01)),
      grid(`${C}001`, C, rect(104, 29, 104.01, 29.01)),
      census(104.005, 29.005, 3, 7, 'inside'),
      { ...census(104.015, 29.005, 2, 5, 'east'), address: '东街 2 号' },
      census(104.5, 29.5, 7, 9, 'far-away'),
    ]);
    const columnar = { ...plain, census: ColumnarCensus.ofDistinct(encodeCensus(plain.census.values())) };
    const fromMap = new Validator(plain, zigong);
    const fromColumns = new Validator(columnar, zigong);
    expect(fromColumns.issues()).toEqual(fromMap.issues());
    expect(fromColumns.report('en').issues).toEqual(fromMap.report('en').issues);
    const outside = fromColumns
      .issues()
      .find((issue) => issue.rule === 'unassigned-point' && !issue.parentCode);
    expect(outside?.message.en).toContain('far-away');
  });
});
