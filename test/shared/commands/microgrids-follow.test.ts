import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { composeCommands } from '../../../shared/commands/compose-commands';
import { drawMicrogridCommand } from '../../../shared/commands/draw-microgrid-command';
import { mergeGridsCommand } from '../../../shared/commands/merge-grids-command';
import { mergeMicrogridsCommand } from '../../../shared/commands/merge-microgrids-command';
import { splitGridCommand, splitGridsCommand } from '../../../shared/commands/split-grid-command';
import { splitMicrogridsCommand } from '../../../shared/commands/split-microgrid-command';
import { polygonAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import type { Change, Community, Division, Grid, MicroGrid, Result } from '../../../shared/model';
import { applyChange, builtinRuleSet, divisionOf } from '../../../shared/model';
import { validateDivision } from '../../../shared/validate';

const AT = '2026-12-05T20:00:00Z';
const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
const C = '510302003001';
const community: Community = {
  layer: 'community',
  id: 'c',
  code: C,
  name: '光明社区',
  kind: 'urban',
  extra: {},
  geometry: square(104.74, 29.35, 104.78, 29.37),
};
const grid = (n: number, x0: number, x1: number): Grid => ({
  layer: 'grid',
  id: `g${n}`,
  code: `${C}00${n}`,
  name: `光明社区第${n}网格`,
  parentCode: C,
  gridType: 'urban',
  extra: {},
  geometry: square(x0, 29.35, x1, 29.37),
});

function value(result: Result<Change>): Change {
  if (!result.ok) throw new Error(result.problems[0]!.message.en);
  return result.value;
}
const apply = (division: Division, result: Result<Change>): Division =>
  applyChange(division, value(result)).division;

/** Two grids side by side; grid 1 has two micro-grids, west and east of 104.75. */
function township(): Division {
  let division = divisionOf({ ruleSetId: 'ningbo' }, [
    community,
    grid(1, 104.74, 104.76),
    grid(2, 104.76, 104.78),
  ]);
  for (const drawn of [square(104.74, 29.35, 104.75, 29.37), square(104.75, 29.35, 104.76, 29.37)])
    division = apply(division, drawMicrogridCommand(division, 'g1', drawn, { avoidOverlap: true, at: AT }));
  return division;
}
const micro = (division: Division): MicroGrid[] =>
  [...division.microgrid.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
const lineage = (division: Division) => division.community.get('c')!.lineage ?? [];
const microIssues = (division: Division) =>
  validateDivision(division, builtinRuleSet('ningbo')!).issues.filter((i) =>
    ['overlap', 'gap', 'outside-parent', 'missing-parent', 'duplicate-code'].includes(i.rule),
  );

// North–south line at 104.755 across grid 1 (and through its east micro-grid), ends outside the community.
const CUT: Position[] = [
  [104.755, 29.34],
  [104.755, 29.38],
];

describe('micro-grids follow their grid', () => {
  it('a split clips the micro-grid it cuts and re-parents the pieces in the new part, with codes and lineage', () => {
    const before = township();
    const after = apply(before, splitGridCommand(before, 'g1', CUT, { keepCodeOnLarger: true, at: AT }));
    const grids = [...after.grid.values()].filter((g) => g.id !== 'g2');
    expect(grids).toHaveLength(2);
    const kept = after.grid.get('g1')!;
    const fresh = grids.find((g) => g.id !== 'g1')!;
    // The larger part (west, 0.015° wide) keeps 001; the east part is 003 (after 001, 002).
    expect(fresh.code).toBe(`${C}003`);
    const ms = micro(after);
    // West micro-grid untouched; east one cut: its west half stays (same code), its east half moves.
    expect(ms.map((m) => [m.code, m.parentCode])).toEqual([
      [`${C}001001`, kept.code],
      [`${C}001002`, kept.code],
      [`${C}003001`, fresh.code],
    ]);
    const moved = ms[2]!;
    expect(moved.name).toBe('光明社区第3网格第1微网格');
    const area = (m: MicroGrid) => polygonAreaM2(m.geometry);
    const eastBefore = before.microgrid.get(micro(before)[1]!.id)!;
    expect(area(ms[1]!) + area(moved)).toBeCloseTo(area(eastBefore), 0);
    expect(lineage(after)).toContainEqual({
      code: moved.code,
      from: [`${C}001002`],
      operation: 'split',
      at: AT,
    });
    expect(lineage(after)).toContainEqual({
      code: `${C}001002`,
      from: [`${C}001002`],
      operation: 'split',
      at: AT,
    });
    expect(microIssues(after)).toEqual([]);
  });

  it('a split retiring the code gives every micro-grid a new code under its new grid', () => {
    const before = township();
    const after = apply(before, splitGridCommand(before, 'g1', CUT, { keepCodeOnLarger: false, at: AT }));
    expect(micro(after).every((m) => m.parentCode !== `${C}001`)).toBe(true);
    expect(micro(after)).toHaveLength(3);
    expect(micro(after).every((m) => [...after.grid.values()].some((g) => g.code === m.parentCode))).toBe(
      true,
    );
    expect(microIssues(after)).toEqual([]);
  });

  it('a merge moves the retired grid’s micro-grids into the survivor with new codes', () => {
    let division = township();
    division = apply(
      division,
      drawMicrogridCommand(division, 'g2', square(104.76, 29.35, 104.78, 29.37), {
        avoidOverlap: true,
        at: AT,
      }),
    );
    const after = apply(division, mergeGridsCommand(division, ['g1', 'g2'], { keepCodeOf: 'g1', at: AT }));
    expect(micro(after).map((m) => [m.code, m.parentCode])).toEqual([
      [`${C}001001`, `${C}001`],
      [`${C}001002`, `${C}001`],
      [`${C}001003`, `${C}001`],
    ]);
    expect(lineage(after)).toContainEqual({
      code: `${C}001003`,
      from: [`${C}002001`],
      operation: 'merge',
      at: AT,
    });
    expect(microIssues(after)).toEqual([]);
  });

  it('undoes a split with its micro-grids in one step', () => {
    const before = township();
    const applied = applyChange(
      before,
      value(splitGridCommand(before, 'g1', CUT, { keepCodeOnLarger: true, at: AT })),
    );
    const undone = applyChange(applied.division, applied.inverse).division;
    expect(micro(undone)).toEqual(micro(before));
  });
});

describe('micro-grids split and merge with the same tools', () => {
  it('splits a micro-grid inside its grid: new code under the grid, lineage, no gap or overlap', () => {
    const before = township();
    const west = micro(before)[0]!;
    const line: Position[] = [
      [104.739, 29.36],
      [104.751, 29.36],
    ];
    const after = apply(
      before,
      splitMicrogridsCommand(before, [west.id], line, { keepCodeOnLarger: true, at: AT }),
    );
    expect(micro(after).map((m) => m.code)).toEqual([`${C}001001`, `${C}001002`, `${C}001003`]);
    expect(micro(after).every((m) => m.parentCode === `${C}001`)).toBe(true);
    expect(lineage(after)).toContainEqual({
      code: `${C}001003`,
      from: [`${C}001001`],
      operation: 'split',
      at: AT,
    });
    expect(microIssues(after)).toEqual([]);
  });

  it('merges two micro-grids keeping the chosen code, and refuses micro-grids of different grids', () => {
    const before = township();
    const [a, b] = micro(before);
    const after = apply(
      before,
      mergeMicrogridsCommand(before, [a!.id, b!.id], { keepCodeOf: b!.id, at: AT }),
    );
    expect(micro(after).map((m) => m.code)).toEqual([`${C}001002`]);
    expect(polygonAreaM2(micro(after)[0]!.geometry)).toBeCloseTo(
      polygonAreaM2(grid(1, 104.74, 104.76).geometry),
      0,
    );
    expect(lineage(after)).toContainEqual({
      code: `${C}001002`,
      from: [`${C}001001`, `${C}001002`],
      operation: 'merge',
      at: AT,
    });
    const other = apply(
      before,
      drawMicrogridCommand(before, 'g2', square(104.76, 29.35, 104.78, 29.37), {
        avoidOverlap: true,
        at: AT,
      }),
    );
    const refused = mergeMicrogridsCommand(other, [b!.id, micro(other)[2]!.id]);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems[0]!.kind).toBe('different-grids');
    const locked = { ...before.grid.get('g1')!, locked: true };
    const lockedDivision = applyChange(before, { put: [locked], delete: [], note: '锁定' }).division;
    expect(mergeMicrogridsCommand(lockedDivision, [a!.id, b!.id]).ok).toBe(false);
  });
});

describe('splitGridsCommand and composeCommands', () => {
  it('splits two grids of one community crossed by one line as one Change with distinct codes', () => {
    const before = township();
    const line: Position[] = [
      [104.73, 29.36],
      [104.79, 29.36],
    ];
    const result = value(splitGridsCommand(before, ['g1', 'g2'], line, { keepCodeOnLarger: true, at: AT }));
    const after = applyChange(before, result).division;
    const codes = [...after.grid.values()].map((g) => g.code).sort();
    expect(codes).toEqual([`${C}001`, `${C}002`, `${C}003`, `${C}004`]);
    expect(validateDivision(after, builtinRuleSet('ningbo')!).issues.filter((i) => i.rule === 'gap')).toEqual(
      [],
    );
    // Micro-grids of grid 1 were cut along the line too, and stay inside their grids.
    expect(micro(after)).toHaveLength(4);
    expect(microIssues(after)).toEqual([]);
    // One Change: undone at once.
    const undone = applyChange(after, applyChange(before, result).inverse).division;
    expect([...undone.grid.values()]).toEqual([...before.grid.values()]);
  });

  it('refuses as a whole when one step refuses, and drops what a later step deleted', () => {
    const before = township();
    const refused = composeCommands(
      before,
      [
        (doc) => splitGridCommand(doc, 'g1', CUT, { keepCodeOnLarger: true, at: AT }),
        (doc) =>
          splitGridCommand(
            doc,
            'g1',
            [
              [104.8, 29.4],
              [104.81, 29.41],
            ],
            { keepCodeOnLarger: true },
          ),
      ],
      'x',
    );
    expect(refused.ok).toBe(false);
    const made = composeCommands(
      before,
      [
        (doc) => splitGridCommand(doc, 'g1', CUT, { keepCodeOnLarger: true, at: AT }),
        (doc) => {
          const fresh = [...doc.grid.values()].find((g) => g.code === `${C}003`)!;
          return { ok: true, value: { put: [], delete: [{ layer: 'grid', id: fresh.id }], note: 'd' } };
        },
      ],
      'both',
    );
    const change = value(made);
    expect(change.delete).toEqual([]);
    expect(change.put.some((e) => e.layer === 'grid' && e.code === `${C}003`)).toBe(false);
  });
});
