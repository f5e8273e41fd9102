import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeGridsCommand } from '../../../shared/commands/merge-grids-command';
import { splitGridCommand } from '../../../shared/commands/split-grid-command';
import { carveExclusiveGridCommand } from '../../../shared/commands/carve-exclusive-grid-command';
import { deleteGridCommand } from '../../../shared/commands/delete-grid-command';
import { diffDivisions } from '../../../shared/diff/diff-divisions';
import type { DiffChange } from '../../../shared/diff/division-diff';
import { countCensus } from '../../../shared/geometry/count-census';
import { polygonAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import type {
  CensusPoint,
  Change,
  Community,
  Division,
  Entity,
  Grid,
  MicroGrid,
  Result,
} from '../../../shared/model';
import { applyChange } from '../../../shared/model';
import { divisionOf } from '../geometry/division-fixtures';
import { communityEntity, COMMUNITY_CODE, gridEntity, rect } from '../geometry/geometry-test-helpers';
import { star } from '../geometry/tangles';

const X = 104.75;
const Y = 29.36;
const W = 0.001;
const H = 0.001;
const AT = '2026-12-01T08:00:00.000Z';
const code = (sequence: number): string => `${COMMUNITY_CODE}${String(sequence).padStart(3, '0')}`;

/**
 * A community tiled by `columns` × `rows` square grids (…001 upwards, row by row from the south) with one
 * census point of `households(i)` households near each grid's south-west corner and one in its middle.
 */
function township(
  columns: number,
  rows: number,
  households: (i: number) => number = (i) => 10 + i,
): Division {
  const entities: Entity[] = [communityEntity(rect(X, Y, X + columns * W, Y + rows * H))];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const i = r * columns + c;
      const x0 = X + c * W;
      const y0 = Y + r * H;
      entities.push(
        gridEntity(i + 1, rect(x0, y0, x0 + W, y0 + H), { staff: [{ role: 'leader', name: `网格长${i}` }] }),
      );
      const point = (n: number, lon: number, lat: number): CensusPoint => ({
        layer: 'census',
        id: `p${i}-${n}`,
        lon,
        lat,
        households: households(i),
        population: households(i) * 3,
        extra: {},
      });
      entities.push(point(0, x0 + W * 0.13, y0 + H * 0.17), point(1, x0 + W * 0.61, y0 + H * 0.53));
    }
  }
  return divisionOf(entities);
}

function value(result: Result<Change>): Change {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message.en).join('; '));
  return result.value;
}

function apply(division: Division, change: Change): Division {
  return applyChange(division, change).division;
}

/** The same division with the communities' lineage as in `like` (a file that kept no new records). */
function withoutNewLineage(division: Division, like: Division): Division {
  const community = new Map<string, Community>();
  for (const [id, entity] of division.community) {
    const lineage = like.community.get(id)?.lineage;
    const { lineage: _dropped, ...rest } = entity;
    community.set(id, lineage ? { ...rest, lineage } : rest);
  }
  return { ...division, community };
}

function gridOf(division: Division, wanted: string): Grid {
  return [...division.grid.values()].find((grid) => grid.code === wanted)!;
}

function totalHouseholds(division: Division): number {
  return [...countCensus(division).byGrid.values()].reduce((sum, tally) => sum + tally.households, 0);
}

describe('diffDivisions', () => {
  it('lists nothing for a division compared with itself', () => {
    const division = township(3, 2);
    expect(diffDivisions(division, division)).toEqual({
      summary: { added: 0, removed: 0, split: 0, merged: 0, geometry: 0, attributes: 0 },
      changes: [],
    });
  });

  it('reports an added and a removed grid with their households and whole area', () => {
    const before = township(2, 1);
    const after = apply(before, value(deleteGridCommand(before, `grid-${code(2)}`, { at: AT })));
    const removed = diffDivisions(before, after);
    expect(removed.summary.removed).toBe(1);
    expect(removed.changes).toHaveLength(1);
    const change = removed.changes[0]!;
    expect(change).toMatchObject({
      kind: 'removed',
      codes: [code(2)],
      fromCodes: [code(2)],
      householdsBefore: 22,
      householdsAfter: 0,
    });
    expect(change.matchedBy).toBe('lineage');
    // 0.001° × 0.001° at 29.36° N: about 111 m × 97 m.
    expect(change.areaChangedM2).toBeGreaterThan(10_000);
    expect(change.areaChangedM2).toBeLessThan(11_500);
    const added = diffDivisions(after, before);
    expect(added.changes).toMatchObject([
      { kind: 'added', codes: [code(2)], fromCodes: [], householdsBefore: 0, householdsAfter: 22 },
    ]);
  });

  it('reports a moved boundary as two geometry changes with the area moved', () => {
    const before = township(2, 1);
    const shift = 0.0001;
    const grids = new Map(before.grid);
    grids.set(`grid-${code(1)}`, { ...gridOf(before, code(1)), geometry: rect(X, Y, X + W + shift, Y + H) });
    grids.set(`grid-${code(2)}`, {
      ...gridOf(before, code(2)),
      geometry: rect(X + W + shift, Y, X + 2 * W, Y + H),
    });
    const after: Division = { ...before, grid: grids };
    const diff = diffDivisions(before, after);
    expect(diff.summary).toEqual({ added: 0, removed: 0, split: 0, merged: 0, geometry: 2, attributes: 0 });
    const [a, b] = diff.changes as [DiffChange, DiffChange];
    expect(a.codes).toEqual([code(1)]);
    expect(b.codes).toEqual([code(2)]);
    // 0.0001° × 0.001°: about 9.7 m × 111 m.
    expect(a.areaChangedM2).toBeCloseTo(b.areaChangedM2, 6);
    expect(a.areaChangedM2).toBeGreaterThan(1000);
    expect(a.areaChangedM2).toBeLessThan(1150);
    expect(a.fields).toEqual([]);
  });

  it('ignores a boundary moved by less than the minimum area, and honours a larger minimum', () => {
    const before = township(2, 1);
    const grids = new Map(before.grid);
    const tiny = 1e-8; // ~1 mm × 111 m ≈ 0.1 m²
    grids.set(`grid-${code(1)}`, { ...gridOf(before, code(1)), geometry: rect(X, Y, X + W + tiny, Y + H) });
    const after: Division = { ...before, grid: grids };
    expect(diffDivisions(before, after).changes).toEqual([]);
    expect(diffDivisions(before, after, { minAreaM2: 0.01 }).changes).toHaveLength(1);
  });

  it('lists changed attributes by name, unknown properties included', () => {
    const before = township(2, 1);
    const grids = new Map(before.grid);
    const grid = gridOf(before, code(2));
    grids.set(grid.id, {
      ...grid,
      name: '新名字',
      status: 'pending',
      staff: [{ role: 'leader', name: '新网格长', phone: '13800000000' }],
      extra: { WGBH: 'x' },
    });
    const diff = diffDivisions(before, { ...before, grid: grids });
    expect(diff.changes).toEqual([
      {
        kind: 'attributes',
        codes: [code(2)],
        fromCodes: [code(2)],
        areaChangedM2: 0,
        householdsBefore: 22,
        householdsAfter: 22,
        fields: ['WGBH', 'name', 'staff', 'status'],
        layer: 'grid',
        matchedBy: 'code',
      },
    ]);
  });

  it('reports a renumbered grid (no lineage) as the same grid with its code changed', () => {
    const before = township(2, 1);
    const grids = new Map(before.grid);
    const grid = gridOf(before, code(2));
    grids.set(grid.id, { ...grid, code: code(9) });
    const diff = diffDivisions(before, { ...before, grid: grids });
    expect(diff.changes).toMatchObject([
      { kind: 'attributes', codes: [code(9)], fromCodes: [code(2)], fields: ['code'], matchedBy: 'overlap' },
    ]);
  });

  it('diffs micro-grids separately, by code', () => {
    const base = township(1, 1);
    const micro = (n: number, x0: number, x1: number): MicroGrid => ({
      layer: 'microgrid',
      id: `m${n}`,
      code: `${code(1)}00${n}`,
      name: `微网格${n}`,
      parentCode: code(1),
      extra: {},
      geometry: rect(x0, Y, x1, Y + H),
    });
    const before: Division = {
      ...base,
      microgrid: new Map([
        ['m1', micro(1, X, X + W / 2)],
        ['m2', micro(2, X + W / 2, X + W)],
      ]),
    };
    const after: Division = { ...base, microgrid: new Map([['m1', micro(1, X, X + W)]]) };
    const diff = diffDivisions(before, after);
    expect(diff.changes).toMatchObject([
      {
        kind: 'merge',
        layer: 'microgrid',
        codes: [`${code(1)}001`],
        fromCodes: [`${code(1)}001`, `${code(1)}002`],
        householdsBefore: 20,
        householdsAfter: 20,
      },
    ]);
    expect(diff.summary.merged).toBe(1);
  });
});

// Property tests: an edit made with shared/commands is recognised as exactly that event, with lineage
// and, when the lineage is dropped (two files from different sources), by overlap alone.
const layouts = fc.record({ columns: fc.integer({ min: 2, max: 4 }), rows: fc.integer({ min: 1, max: 3 }) });

describe('diffDivisions (properties)', () => {
  it('diff(a, a) is empty for any tiling and census', () => {
    fc.assert(
      fc.property(
        layouts,
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 12, maxLength: 12 }),
        ({ columns, rows }, counts) => {
          const division = township(columns, rows, (i) => counts[i]!);
          expect(diffDivisions(division, division).changes).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('a random split is one split of that grid into its parts, households kept', () => {
    fc.assert(
      fc.property(
        layouts,
        fc.nat(),
        fc.double({ min: 0.2, max: 0.8, noNaN: true }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        ({ columns, rows }, pick, at, keep, vertical, dropLineage) => {
          const before = township(columns, rows);
          const index = pick % (columns * rows);
          const target = gridOf(before, code(index + 1));
          const c = index % columns;
          const r = Math.floor(index / columns);
          const x = X + (c + at) * W;
          const y = Y + (r + at) * H;
          // The line runs past the grid on both sides (into neighbours or outside the community).
          const line = vertical
            ? [
                [x, Y + r * H - H / 3],
                [x, Y + (r + 1) * H + H / 3],
              ]
            : [
                [X + c * W - W / 3, y],
                [X + (c + 1) * W + W / 3, y],
              ];
          const change = value(splitGridCommand(before, target.id, line, { keepCodeOnLarger: keep, at: AT }));
          let after = apply(before, change);
          if (dropLineage) after = withoutNewLineage(after, before);
          const newCodes = [...after.grid.values()]
            .map((g) => g.code)
            .filter((g) => !before.grid.has(`grid-${g}`));
          const expectedCodes = (keep ? [target.code, ...newCodes] : newCodes).sort();
          const diff = diffDivisions(before, after);
          expect(diff.changes).toHaveLength(1);
          const split = diff.changes[0]!;
          expect(split.kind).toBe('split');
          expect(split.fromCodes).toEqual([target.code]);
          expect(split.codes).toEqual(expectedCodes);
          expect(split.matchedBy).toBe(dropLineage ? 'overlap' : 'lineage');
          expect(split.householdsBefore).toBe(split.householdsAfter);
          expect(split.areaChangedM2).toBe(0);
          expect(diff.summary).toEqual({
            added: 0,
            removed: 0,
            split: 1,
            merged: 0,
            geometry: 0,
            attributes: 0,
          });
          expect(totalHouseholds(after)).toBe(totalHouseholds(before));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a random merge of two neighbours is one merge into the result', () => {
    fc.assert(
      fc.property(
        layouts,
        fc.nat(),
        fc.constantFrom('first', 'second', 'new'),
        fc.boolean(),
        ({ columns, rows }, pick, keep, dropLineage) => {
          const before = township(columns, rows);
          const index = pick % (columns * rows);
          const c = index % columns;
          // The east neighbour, or the west one in the last column.
          const other = c + 1 < columns ? index + 1 : index - 1;
          const a = gridOf(before, code(index + 1));
          const b = gridOf(before, code(other + 1));
          const keepCodeOf = keep === 'first' ? a.id : keep === 'second' ? b.id : undefined;
          const change = value(
            mergeGridsCommand(before, [a.id, b.id], { at: AT, ...(keepCodeOf ? { keepCodeOf } : {}) }),
          );
          let after = apply(before, change);
          if (dropLineage) after = withoutNewLineage(after, before);
          const merged = [...after.grid.values()].filter(
            (g) => !before.grid.has(g.id) || g.id === keepCodeOf,
          );
          expect(merged).toHaveLength(1);
          const diff = diffDivisions(before, after);
          expect(diff.changes).toHaveLength(1);
          expect(diff.changes[0]).toMatchObject({
            kind: 'merge',
            codes: [merged[0]!.code],
            fromCodes: [a.code, b.code].sort(),
            householdsBefore: 10 + index + 10 + other + (10 + index + 10 + other),
            householdsAfter: 10 + index + 10 + other + (10 + index + 10 + other),
            matchedBy: dropLineage ? 'overlap' : 'lineage',
            areaChangedM2: 0,
          });
          expect(diff.summary.merged).toBe(1);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a random attribute edit is one attributes change naming exactly that field', () => {
    const edits = {
      name: (grid: Grid): Grid => ({ ...grid, name: `${grid.name}（改）` }),
      note: (grid: Grid): Grid => ({ ...grid, note: '新备注' }),
      staff: (grid: Grid): Grid => ({
        ...grid,
        staff: [...(grid.staff ?? []), { role: 'part-time', name: '兼职' }],
      }),
      gridType: (grid: Grid): Grid => ({ ...grid, gridType: 'exclusive', exclusiveCategory: 'school' }),
      status: (grid: Grid): Grid => ({ ...grid, status: 'filed' }),
      parentCode: (grid: Grid): Grid => ({ ...grid, parentCode: '510302003002' }),
    } as const;
    fc.assert(
      fc.property(
        layouts,
        fc.nat(),
        fc.constantFrom(...(Object.keys(edits) as (keyof typeof edits)[])),
        ({ columns, rows }, pick, field) => {
          const before = township(columns, rows);
          const grid = gridOf(before, code((pick % (columns * rows)) + 1));
          const grids = new Map(before.grid);
          grids.set(grid.id, edits[field](grid));
          const diff = diffDivisions(before, { ...before, grid: grids });
          expect(diff.changes).toHaveLength(1);
          expect(diff.changes[0]).toMatchObject({
            kind: 'attributes',
            codes: [grid.code],
            fields: field === 'gridType' ? ['exclusiveCategory', 'gridType'] : [field],
          });
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('diffDivisions (carving)', () => {
  it('an exclusive grid carved over one grid and part of another: added, removed, geometry', () => {
    const before = township(3, 1);
    // Covers all of grid 2 and the east quarter of grid 1.
    const carve = carveExclusiveGridCommand(
      before,
      undefined,
      rect(X + 0.75 * W, Y - H / 4, X + 2 * W, Y + H + H / 4),
      'school',
      '学校',
      { at: AT },
    );
    const after = apply(before, value(carve));
    const school = [...after.grid.values()].find((grid) => grid.gridType === 'exclusive')!;
    const diff = diffDivisions(before, after);
    expect(diff.changes.map((change) => [change.kind, change.codes, change.fromCodes])).toEqual([
      ['geometry', [code(1)], [code(1)]],
      ['removed', [code(2)], [code(2)]],
      ['added', [school.code], []],
    ]);
    expect(diff.changes[1]!.matchedBy).toBe('lineage');
  });
});

describe('diffDivisions (bad files)', () => {
  it('survives duplicate codes and self-crossing rings, pairing duplicates in id order', () => {
    const before = township(2, 1);
    const grids = new Map(before.grid);
    const first = gridOf(before, code(1));
    // A second grid under code 1 (a bad file) and grid 2 drawn as a bow tie.
    grids.set('dup', { ...first, id: 'dup', geometry: rect(X + 3 * W, Y, X + 4 * W, Y + H) });
    const bowTie: Grid = {
      ...gridOf(before, code(2)),
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [X + W, Y],
            [X + 2 * W, Y + H],
            [X + 2 * W, Y],
            [X + W, Y + H],
            [X + W, Y],
          ],
        ],
      },
    };
    grids.set(bowTie.id, bowTie);
    const after: Division = { ...before, grid: grids };
    const diff = diffDivisions(before, after);
    expect(diffDivisions(after, after).changes).toEqual([]);
    expect(diff.changes.map((change) => [change.kind, change.codes])).toEqual([
      ['added', [code(1)]],
      ['geometry', [code(2)]],
    ]);
  });
});

describe('diffDivisions (a tangle)', () => {
  it('compares a grid redrawn as a 401-point star by its areas, without noding its crossings', () => {
    const before = township(2, 1);
    const first = gridOf(before, code(1));
    const tangle: Grid = { ...first, geometry: star(X + W / 2, Y + H / 2, W / 2, 401) };
    const after: Division = { ...before, grid: new Map(before.grid).set(first.id, tangle) };
    const started = Date.now();
    const diff = diffDivisions(before, after);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(diff.changes.map((change) => [change.kind, change.codes])).toEqual([['geometry', [code(1)]]]);
    const change = diff.changes[0]!;
    expect(change.areaChangedM2).toBeCloseTo(
      Math.abs(polygonAreaM2(first.geometry) - polygonAreaM2(tangle.geometry)),
      1,
    );
  });
});

describe('diffDivisions (a duplicate removed)', () => {
  it('says a removed duplicate code was removed, whichever id sorts first, and leaves the kept grid alone', () => {
    const after = township(2, 1);
    const first = gridOf(after, code(1));
    for (const dupId of ['a-dup', 'z-dup']) {
      const grids = new Map(after.grid);
      grids.set(dupId, { ...first, id: dupId, geometry: rect(X + 3 * W, Y, X + 4 * W, Y + H) });
      const before: Division = { ...after, grid: grids };
      const diff = diffDivisions(before, after);
      expect(diff.changes.map((change) => [change.kind, change.codes, change.fromCodes])).toEqual([
        ['removed', [code(1)], [code(1)]],
      ]);
      expect(diff.changes[0]!.householdsBefore).toBe(0);
    }
  });

  it('pairs three duplicates of one code by id: two kept unchanged, one replaced by a new grid', () => {
    const base = township(2, 1);
    const first = gridOf(base, code(1));
    const at = (id: string, column: number): Grid => ({
      ...first,
      id,
      geometry: rect(X + column * W, Y + 2 * H, X + (column + 1) * W, Y + 3 * H),
    });
    const withGrids = (...grids: Grid[]): Division => {
      const map = new Map(base.grid);
      map.delete(first.id);
      for (const grid of grids) map.set(grid.id, grid);
      return { ...base, grid: map };
    };
    const diff = diffDivisions(
      withGrids(at('g1', 0), at('g2', 1), at('g3', 2)),
      withGrids(at('g0', 4), at('g2', 1), at('g3', 2)),
    );
    // g1 and g0 hold the same code: one grid whose boundary moved; g2 and g3 did not change.
    expect(diff.changes.map((change) => [change.kind, change.codes])).toEqual([['geometry', [code(1)]]]);
  });
});

describe('diffDivisions (moved boundaries, property)', () => {
  it('moving the edge between two neighbours is two geometry changes of exactly the swept area', () => {
    fc.assert(
      fc.property(
        layouts,
        fc.nat(),
        fc.double({ min: -0.45, max: 0.45, noNaN: true }).filter((f) => Math.abs(f) > 0.01),
        ({ columns, rows }, pick, fraction) => {
          const before = township(columns, rows);
          const index = pick % (columns * rows);
          const c = index % columns;
          const west = c + 1 < columns ? index : index - 1;
          const cw = west % columns;
          const r = Math.floor(west / columns);
          const x0 = X + cw * W;
          const y0 = Y + r * H;
          const edge = Number((x0 + W + fraction * W).toFixed(9));
          const a = gridOf(before, code(west + 1));
          const b = gridOf(before, code(west + 2));
          const grids = new Map(before.grid);
          grids.set(a.id, { ...a, geometry: rect(x0, y0, edge, y0 + H) });
          grids.set(b.id, { ...b, geometry: rect(edge, y0, x0 + 2 * W, y0 + H) });
          const after: Division = { ...before, grid: grids };
          const diff = diffDivisions(before, after);
          expect(diff.changes.map((change) => [change.kind, change.codes[0]])).toEqual([
            ['geometry', a.code],
            ['geometry', b.code],
          ]);
          const strip = polygonAreaM2(rect(Math.min(edge, x0 + W), y0, Math.max(edge, x0 + W), y0 + H));
          for (const change of diff.changes) expect(change.areaChangedM2).toBeCloseTo(strip, 1);
          // Households move with the boundary but none are lost.
          const moved = diff.changes.reduce(
            (sum, change) => sum + change.householdsAfter - change.householdsBefore,
            0,
          );
          expect(moved).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });
});
