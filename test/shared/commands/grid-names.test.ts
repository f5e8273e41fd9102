import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineageOfCode } from '../../../shared/codes/code-lineage';
import { defaultGridName } from '../../../shared/commands/grid-command-context';
import { mergeGridsCommand } from '../../../shared/commands/merge-grids-command';
import { splitGridCommand } from '../../../shared/commands/split-grid-command';
import type { Change, Division, Grid, Result } from '../../../shared/model';
import { applyChange } from '../../../shared/model';
import { divisionOf } from '../geometry/division-fixtures';
import { communityEntity, COMMUNITY_CODE, gridEntity, rect } from '../geometry/geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
const AT = '2026-11-21T08:00:00.000Z';
const code = (sequence: number): string => `${COMMUNITY_CODE}${String(sequence).padStart(3, '0')}`;

function value(result: Result<Change>): Change {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message.en).join('; '));
  return result.value;
}

const apply = (division: Division, change: Change): Division => applyChange(division, change).division;

/** 新民社区 0.004° × 0.002°, tiled by a west and an east grid. */
function township(): Division {
  return divisionOf([
    communityEntity(rect(X, Y, X + 0.004, Y + 0.002), { name: '新民社区' }),
    gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002), { name: '新民社区第1网格' }),
    gridEntity(2, rect(X + 0.002, Y, X + 0.004, Y + 0.002), { name: '新民社区第2网格' }),
  ]);
}

/** A west-east line across the grid's box at a fraction of its height, reaching past both sides. */
function crossing(grid: Grid, fraction: number): number[][] {
  const ring = grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : [];
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  const [minY, maxY] = [Math.min(...ys), Math.max(...ys)];
  const y = minY + (maxY - minY) * fraction;
  return [
    [Math.min(...xs) - 0.0005, y],
    [Math.max(...xs) + 0.0005, y],
  ];
}

const names = (division: Division): string[] => [...division.grid.values()].map((g) => g.name).sort();

describe('names of split and merged grids (issue 11 item 3)', () => {
  it('names each split part by the template for its code, however often it is split again', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.2, max: 0.8, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (fractions, keep) => {
          let division = township();
          let splits = 0;
          for (const fraction of fractions) {
            // Split the most recent grid each time: the case where names used to grow.
            const grids = [...division.grid.values()].sort((a, b) => (a.code < b.code ? 1 : -1));
            const target = grids[0]!;
            const split = splitGridCommand(division, target.id, crossing(target, fraction), {
              keepCodeOnLarger: keep,
              at: AT,
            });
            if (!split.ok) continue;
            division = apply(division, split.value);
            splits++;
          }
          // The first split always succeeds (a line across a rectangle), so names were made.
          expect(splits).toBeGreaterThan(0);
          expect(division.grid.size).toBe(2 + splits);
          for (const grid of division.grid.values()) {
            const sequence = Number(grid.code.slice(-3));
            expect(grid.name).toBe(`新民社区第${sequence}网格`);
            expect(grid.name).not.toMatch(/[（(]/);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('names a merge by the template for the surviving code, kept or new', () => {
    const ids = [`grid-${code(1)}`, `grid-${code(2)}`];
    const renamed = township();
    const custom = { ...renamed.grid.get(ids[1]!)!, name: '旧名称（002）（005）' };
    const before = apply(renamed, { note: '', put: [custom], delete: [] });
    const kept = apply(before, value(mergeGridsCommand(before, ids, { keepCodeOf: ids[1], at: AT })));
    expect(names(kept)).toEqual(['新民社区第2网格']);
    const fresh = apply(before, value(mergeGridsCommand(before, ids, { at: AT })));
    expect(names(fresh)).toEqual(['新民社区第3网格']);
  });

  it('follows an edited template, substituting each token once', () => {
    const division = township();
    const community = division.community.get('community-1')!;
    const options = { gridNameTemplate: '{community}-{seq}号网格（{code}）' };
    expect(defaultGridName(division, community, code(12), options)).toBe(`新民社区-12号网格（${code(12)}）`);
    const odd = { ...community, name: '{seq}社区' };
    expect(defaultGridName(division, odd, code(7), {})).toBe('{seq}社区第7网格');
    const split = value(
      splitGridCommand(division, `grid-${code(1)}`, crossing(division.grid.get(`grid-${code(1)}`)!, 0.5), {
        keepCodeOnLarger: false,
        at: AT,
        gridNameTemplate: '{community}{seq}组',
      }),
    );
    expect(names(apply(division, split))).toEqual(['新民社区3组', '新民社区4组', '新民社区第2网格']);
  });

  it('lists a split once in the lineage of the code it kept', () => {
    const before = township();
    const grid = before.grid.get(`grid-${code(1)}`)!;
    const after = apply(
      before,
      value(splitGridCommand(before, grid.id, crossing(grid, 0.4), { keepCodeOnLarger: true, at: AT })),
    );
    const community = after.community.get('community-1')!;
    expect(community.lineage).toHaveLength(2);
    expect(lineageOfCode(community, code(1))).toEqual([
      { code: code(1), from: [code(1)], operation: 'split', at: AT },
    ]);
    expect(lineageOfCode(community, code(3))).toEqual([
      { code: code(3), from: [code(1)], operation: 'split', at: AT },
    ]);
    // A later event on the same code is a second entry.
    const later = apply(
      after,
      value(
        mergeGridsCommand(after, [grid.id, `grid-${code(2)}`], {
          keepCodeOf: grid.id,
          at: '2026-12-01T00:00:00.000Z',
        }),
      ),
    );
    expect(lineageOfCode(later.community.get('community-1')!, code(1)).map((r) => r.operation)).toEqual([
      'split',
      'merge',
    ]);
  });
});
