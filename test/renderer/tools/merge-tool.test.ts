import { describe, expect, it } from 'vitest';
import { lowestCode, mergeTool } from '../../../renderer/tools/merge-tool';
import { DEFAULT_EDIT_SETTINGS } from '../../../renderer/tools/edit-settings';
import type { Change, Division, MicroGrid, Result } from '../../../shared/model';
import { applyChange } from '../../../shared/model';
import { divisionOf } from '../../shared/geometry/division-fixtures';
import { communityEntity, gridEntity, rect } from '../../shared/geometry/geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
const G = (n: number) => `grid-510302003001${String(n).padStart(3, '0')}`;
const microgrid = (n: number, x0: number, x1: number): MicroGrid => ({
  layer: 'microgrid',
  id: `m${n}`,
  code: `510302003001002${String(n).padStart(3, '0')}`,
  name: `光明社区第2网格第${n}微网格`,
  parentCode: '510302003001002',
  extra: {},
  geometry: rect(X + x0, Y, X + x1, Y + 0.002),
});
function township(): Division {
  return divisionOf([
    communityEntity(rect(X, Y, X + 0.004, Y + 0.002)),
    gridEntity(2, rect(X, Y, X + 0.002, Y + 0.002)),
    gridEntity(5, rect(X + 0.002, Y, X + 0.004, Y + 0.002)),
    microgrid(1, 0, 0.001),
    microgrid(2, 0.001, 0.002),
  ]);
}
function applied(division: Division, result: Result<Change>): Division {
  if (!result.ok) throw new Error(result.problems[0]!.message.en);
  return applyChange(division, result.value).division;
}
const codes = (division: Division, layer: 'grid' | 'microgrid') =>
  [...division[layer].values()].map((e) => e.code).sort();

describe('合并 lets the planner choose which code survives', () => {
  it('keeps the lowest code by default, whatever the order of the clicks', () => {
    const division = township();
    expect(lowestCode(division, [G(5), G(2)])).toBe(G(2));
    const after = applied(division, mergeTool.finish(division, [G(5), G(2)], DEFAULT_EDIT_SETTINGS));
    expect(codes(after, 'grid')).toEqual(['510302003001002']);
    // The micro-grids of the surviving grid keep their codes.
    expect(codes(after, 'microgrid')).toEqual(['510302003001002001', '510302003001002002']);
  });

  it('keeps the chosen code, or gives a new one when asked', () => {
    const division = township();
    const kept = applied(division, mergeTool.finish(division, [G(2), G(5)], DEFAULT_EDIT_SETTINGS, G(5)));
    expect(codes(kept, 'grid')).toEqual(['510302003001005']);
    // The micro-grids moved into grid 005 with codes under it.
    expect(codes(kept, 'microgrid')).toEqual(['510302003001005001', '510302003001005002']);
    const fresh = applied(division, mergeTool.finish(division, [G(2), G(5)], DEFAULT_EDIT_SETTINGS, null));
    expect(codes(fresh, 'grid')).toEqual(['510302003001006']);
  });

  it('merges picked micro-grids with the same tool', () => {
    const division = township();
    const after = applied(
      division,
      mergeTool.finish(division, ['m2', 'm1'], { ...DEFAULT_EDIT_SETTINGS, microgrids: true }),
    );
    expect(codes(after, 'microgrid')).toEqual(['510302003001002001']);
    expect(codes(after, 'grid')).toEqual(['510302003001002', '510302003001005']);
  });
});
