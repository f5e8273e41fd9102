import { describe, expect, it } from 'vitest';
import { assignCodesCommand } from '../../../shared/commands/assign-codes-command';
import { carveExclusiveGridCommand } from '../../../shared/commands/carve-exclusive-grid-command';
import { deleteGridCommand } from '../../../shared/commands/delete-grid-command';
import { drawGridCommand } from '../../../shared/commands/draw-grid-command';
import { fillGapCommand, fillSmallGapsCommand } from '../../../shared/commands/fill-gap-command';
import { mergeGridsCommand } from '../../../shared/commands/merge-grids-command';
import { splitGridCommand } from '../../../shared/commands/split-grid-command';
import type { CensusPoint, Change, Division, Entity, Grid, MicroGrid, Result } from '../../../shared/model';
import { applyChange } from '../../../shared/model';
import { countCensus } from '../../../shared/geometry/count-census';
import { validateDivision } from '../../../shared/validate/validate-division';
import { divisionOf, NO_RULE_SET_FOR_TESTS } from '../geometry/division-fixtures';
import {
  communityEntity,
  COMMUNITY_CODE,
  gridEntity,
  rect,
  sharedEdges,
} from '../geometry/geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
const AT = '2026-11-21T08:00:00.000Z';
const code = (sequence: number): string => `${COMMUNITY_CODE}${String(sequence).padStart(3, '0')}`;

function census(i: number, lon: number, lat: number, households: number): CensusPoint {
  return { layer: 'census', id: `p${i}`, lon, lat, households, population: households * 3, extra: {} };
}

/** A community 0.004° × 0.002° tiled by a west and an east grid, with households in both. */
function township(more: Entity[] = []): Division {
  return divisionOf([
    communityEntity(rect(X, Y, X + 0.004, Y + 0.002)),
    gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002), {
      staff: [{ role: 'leader', name: '王芳' }],
      justification: 'x',
    }),
    gridEntity(2, rect(X + 0.002, Y, X + 0.004, Y + 0.002)),
    census(1, X + 0.0005, Y + 0.0005, 120),
    census(2, X + 0.0015, Y + 0.0015, 80),
    census(3, X + 0.003, Y + 0.001, 200),
    // On the shared edge: counted once whatever happens.
    census(4, X + 0.002, Y + 0.001, 7),
    ...more,
  ]);
}

function value(result: Result<Change>): Change {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message.en).join('; '));
  return result.value;
}

function apply(division: Division, change: Change): Division {
  return applyChange(division, change).division;
}

/** Overlap and gap issues of a division (codes of the grids or community concerned). */
function coverage(division: Division): string[] {
  return validateDivision(division, NO_RULE_SET_FOR_TESTS)
    .issues.filter((issue) => issue.rule === 'overlap' || issue.rule === 'gap')
    .map((issue) => `${issue.rule} ${issue.codes.join(',')}`);
}

function households(division: Division): number {
  const counts = countCensus(division);
  return [...counts.byGrid.values()].reduce((sum, tally) => sum + tally.households, 0);
}

function gridByCode(division: Division, wanted: string): Grid | undefined {
  return [...division.grid.values()].find((grid) => grid.code === wanted);
}

const WEST_LINE = [
  [X - 0.001, Y + 0.0012],
  [X + 0.003, Y + 0.0008],
];

describe('splitGridCommand', () => {
  it('keeps the code on the larger part, gives the other the next code, records the lineage', () => {
    const before = township();
    const change = value(
      splitGridCommand(before, `grid-${code(1)}`, WEST_LINE, { keepCodeOnLarger: true, at: AT }),
    );
    expect(change.note).toBe(`拆分网格 ${code(1)}`);
    expect(change.delete).toEqual([]);
    const after = apply(before, change);
    const kept = after.grid.get(`grid-${code(1)}`)!;
    const part = gridByCode(after, code(3))!;
    expect(part.id).toBe(`grid-${code(3)}`);
    expect(part.name).toBe('光明社区第3网格');
    expect(part.staff).toEqual(kept.staff);
    expect(part.justification).toBeUndefined();
    expect(sharedEdges(kept.geometry, part.geometry)).toHaveLength(1);
    expect(after.community.get('community-1')!.lineage).toEqual([
      { code: code(1), from: [code(1)], operation: 'split', at: AT },
      { code: code(3), from: [code(1)], operation: 'split', at: AT },
    ]);
    expect(coverage(after)).toEqual([]);
    expect(households(after)).toBe(households(before));
    // The neighbour gained the cut's end vertex on the shared edge.
    expect(change.put.map((e) => e.id)).toContain(`grid-${code(2)}`);
  });

  it('retires the code: both parts numbered north to south, the original deleted', () => {
    const before = township();
    const change = value(
      splitGridCommand(before, `grid-${code(1)}`, WEST_LINE, { keepCodeOnLarger: false, at: AT }),
    );
    expect(change.delete).toEqual([{ layer: 'grid', id: `grid-${code(1)}` }]);
    const after = apply(before, change);
    const north = gridByCode(after, code(3))!;
    const south = gridByCode(after, code(4))!;
    expect(
      Math.max(
        ...(north.geometry.type === 'Polygon' ? north.geometry.coordinates[0]!.map((p) => p[1]!) : []),
      ),
    ).toBe(Y + 0.002);
    expect(
      Math.min(
        ...(south.geometry.type === 'Polygon' ? south.geometry.coordinates[0]!.map((p) => p[1]!) : []),
      ),
    ).toBe(Y);
    expect(after.community.get('community-1')!.lineage!.map((r) => r.code)).toEqual([code(3), code(4)]);
    expect(coverage(after)).toEqual([]);
    expect(households(after)).toBe(households(before));
  });

  it('is undone by its inverse', () => {
    const before = township();
    const { division, inverse } = applyChange(
      before,
      value(splitGridCommand(before, `grid-${code(1)}`, WEST_LINE, { keepCodeOnLarger: true, at: AT })),
    );
    const restored = applyChange(division, inverse).division;
    expect([...restored.grid.values()]).toEqual([...before.grid.values()]);
    expect(restored.community.get('community-1')).toEqual(before.community.get('community-1'));
  });

  it('refuses a line that does not cross, and a grid whose community is missing', () => {
    const before = township();
    const miss = splitGridCommand(
      before,
      `grid-${code(1)}`,
      [
        [X + 0.001, Y + 0.001],
        [X + 0.0011, Y + 0.001],
      ],
      {
        keepCodeOnLarger: true,
      },
    );
    expect(!miss.ok && miss.problems[0]!.kind).toBe('line-not-through');
    const orphan = divisionOf([gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002))]);
    const noCommunity = splitGridCommand(orphan, `grid-${code(1)}`, WEST_LINE, { keepCodeOnLarger: true });
    expect(!noCommunity.ok && noCommunity.problems[0]!.kind).toBe('missing-community');
  });
});

describe('codes are never reused', () => {
  it('after a delete, the next grid takes a new code, not the deleted one', () => {
    let division = township();
    division = apply(division, value(deleteGridCommand(division, `grid-${code(2)}`, { at: AT })));
    expect(division.community.get('community-1')!.lineage).toEqual([
      { code: code(2), from: [], operation: 'delete', at: AT },
    ]);
    const drawn = value(
      drawGridCommand(division, 'community-1', rect(X + 0.001, Y - 0.001, X + 0.005, Y + 0.003), {
        avoidOverlap: true,
        at: AT,
      }),
    );
    division = apply(division, drawn);
    expect(gridByCode(division, code(3))).toBeDefined();
    expect(gridByCode(division, code(2))).toBeUndefined();
    expect(coverage(division)).toEqual([]);
  });
});

describe('mergeGridsCommand', () => {
  const ids = [`grid-${code(1)}`, `grid-${code(2)}`];

  it('gives the merged grid a new code by default, retiring both', () => {
    const before = township();
    const change = value(mergeGridsCommand(before, ids, { at: AT }));
    expect(change.note).toBe(`合并网格 ${code(1)}、${code(2)}`);
    const after = apply(before, change);
    expect([...after.grid.values()].map((g) => g.code)).toEqual([code(3)]);
    expect(after.community.get('community-1')!.lineage).toEqual([
      { code: code(3), from: [code(1), code(2)], operation: 'merge', at: AT },
    ]);
    expect(coverage(after)).toEqual([]);
    expect(households(after)).toBe(households(before));
  });

  it('keeps the chosen grid’s code and attributes', () => {
    const after = apply(
      township(),
      value(mergeGridsCommand(township(), ids, { keepCodeOf: ids[1], at: AT })),
    );
    expect([...after.grid.keys()]).toEqual([ids[1]]);
  });

  it('refuses grids of different communities and an exclusive with an ordinary grid', () => {
    const other = gridEntity(9, rect(X + 0.004, Y, X + 0.005, Y + 0.002), { parentCode: '510302003002' });
    const result = mergeGridsCommand(township([other]), [ids[1]!, other.id]);
    expect(!result.ok && result.problems[0]!.kind).toBe('different-communities');
    const school = gridEntity(5, rect(X + 0.004, Y, X + 0.005, Y + 0.002), { gridType: 'exclusive' });
    const mixed = mergeGridsCommand(township([school]), [ids[1]!, school.id]);
    expect(!mixed.ok && mixed.problems[0]!.kind).toBe('mixed-types');
  });
});

describe('carveExclusiveGridCommand', () => {
  it('carves a school out of both grids, leaving no overlap and no gap', () => {
    const before = township();
    const school = rect(X + 0.0015, Y + 0.0005, X + 0.0025, Y + 0.0015);
    const change = value(
      carveExclusiveGridCommand(before, undefined, school, 'school', '第一中学', { at: AT }),
    );
    expect(change.note).toBe(`挖出专属网格 第一中学（${code(3)}）`);
    const after = apply(before, change);
    const created = gridByCode(after, code(3))!;
    expect(created).toMatchObject({
      gridType: 'exclusive',
      exclusiveCategory: 'school',
      name: '第一中学',
      status: 'draft',
    });
    expect(coverage(after)).toEqual([]);
    expect(households(after)).toBe(households(before));
    expect(after.community.get('community-1')!.lineage).toEqual([
      { code: code(3), from: [code(1), code(2)], operation: 'carve', at: AT },
    ]);
  });

  it('refuses to cut a grid apart unless told to separate the pieces', () => {
    const before = township();
    const road = rect(X + 0.0008, Y - 0.001, X + 0.0012, Y + 0.003);
    const refused = carveExclusiveGridCommand(before, 'community-1', road, 'transport', '道路');
    expect(!refused.ok && refused.problems[0]!.kind).toBe('splits-grid');
    const after = apply(
      before,
      value(
        carveExclusiveGridCommand(before, 'community-1', road, 'transport', '道路', {
          onSplitGrid: 'separate',
          at: AT,
        }),
      ),
    );
    expect([...after.grid.values()].map((g) => g.code).sort()).toEqual([code(1), code(2), code(3), code(4)]);
    expect(coverage(after)).toEqual([]);
    expect(households(after)).toBe(households(before));
  });

  it('deletes a grid it covers entirely', () => {
    const before = township();
    const change = value(
      carveExclusiveGridCommand(
        before,
        'community-1',
        rect(X + 0.0019, Y - 0.001, X + 0.005, Y + 0.003),
        'park',
        '公园',
      ),
    );
    expect(change.delete).toEqual([{ layer: 'grid', id: `grid-${code(2)}` }]);
    expect(coverage(apply(before, change))).toEqual([]);
  });
});

describe('fill commands', () => {
  /** The east grid made narrower: a strip is left uncovered. */
  function withGap(): Division {
    const division = township();
    const east = division.grid.get(`grid-${code(2)}`)!;
    return apply(division, {
      put: [{ ...east, geometry: rect(X + 0.0025, Y, X + 0.004, Y + 0.002) }],
      delete: [],
      note: '',
    });
  }

  it('makes a gap a new grid with the next code', () => {
    const before = withGap();
    expect(coverage(before)).toHaveLength(1);
    const after = apply(
      before,
      value(
        fillGapCommand(before, 'community-1', [X + 0.00225, Y + 0.001], { into: 'new-grid' }, { at: AT }),
      ),
    );
    expect(gridByCode(after, code(3))!.name).toBe('光明社区第3网格');
    expect(coverage(after)).toEqual([]);
  });

  it('gives small gaps to their longest neighbour', () => {
    const before = withGap();
    const after = apply(before, value(fillSmallGapsCommand(before, 'community-1', 1e6)));
    expect(coverage(after)).toEqual([]);
    const nothing = fillSmallGapsCommand(after, 'community-1', 1e6);
    expect(!nothing.ok && nothing.problems[0]!.kind).toBe('no-small-gaps');
  });
});

describe('deleteGridCommand', () => {
  it('deletes the grid and its micro-grids and retires its code', () => {
    const micro: MicroGrid = {
      layer: 'microgrid',
      id: 'm1',
      code: `${code(1)}001`,
      name: '微网格',
      parentCode: code(1),
      extra: {},
      geometry: rect(X, Y, X + 0.001, Y + 0.001),
    };
    const change = value(deleteGridCommand(township([micro]), `grid-${code(1)}`, { at: AT }));
    expect(change.delete).toEqual([
      { layer: 'grid', id: `grid-${code(1)}` },
      { layer: 'microgrid', id: 'm1' },
    ]);
    expect(change.note).toBe(`删除网格 ${code(1)}`);
  });
});

describe('assignCodesCommand', () => {
  it('codes grids without a valid code north to south after every code ever used, keeping valid ones', () => {
    const north = gridEntity(7, rect(X, Y + 0.002, X + 0.004, Y + 0.003), { code: '', id: 'north' });
    const south = gridEntity(8, rect(X, Y - 0.001, X + 0.004, Y), { code: 'WG-1', id: 'south' });
    const before = township([north, south]);
    const change = value(assignCodesCommand(before, 'community-1', { at: AT }));
    const after = apply(before, change);
    expect(after.grid.get('north')!.code).toBe(code(3));
    expect(after.grid.get('south')!.code).toBe(code(4));
    expect(after.grid.get(`grid-${code(1)}`)!.code).toBe(code(1));
    expect(after.community.get('community-1')!.lineage).toEqual([
      { code: code(3), from: [], operation: 'create', at: AT },
      { code: code(4), from: ['WG-1'], operation: 'create', at: AT },
    ]);
    const again = assignCodesCommand(after, 'community-1');
    expect(!again.ok && again.problems[0]!.kind).toBe('nothing-to-code');
  });
});

describe('new grids from old ones', () => {
  it('are drafts: a new code has not been filed', () => {
    const before = township();
    const filed = before.grid.get(`grid-${code(1)}`)!;
    const division = apply(before, { put: [{ ...filed, status: 'filed' }], delete: [], note: '' });
    const after = apply(
      division,
      value(splitGridCommand(division, filed.id, WEST_LINE, { keepCodeOnLarger: true, at: AT })),
    );
    expect(after.grid.get(filed.id)!.status).toBe('filed');
    expect(gridByCode(after, code(3))!.status).toBe('draft');
  });
});
