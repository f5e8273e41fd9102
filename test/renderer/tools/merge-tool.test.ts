import { describe, expect, it } from 'vitest';
import { lowestCode } from '../../../renderer/tools/merge-picked';
import { mergeTool } from '../../../renderer/tools/merge-tool';
import { DEFAULT_EDIT_SETTINGS } from '../../../renderer/tools/edit-settings';
import type { Change, Division, Result } from '../../../shared/model';
import { applyChange } from '../../../shared/model';
import { layerCodes } from './layer-codes';
import { G, twoGridTownship } from './two-grid-township';

const township = twoGridTownship;
function applied(division: Division, result: Result<Change>): Division {
  if (!result.ok) throw new Error(result.problems[0]!.message.en);
  return applyChange(division, result.value).division;
}
describe('合并 lets the planner choose which code survives', () => {
  it('keeps the lowest code by default, whatever the order of the clicks', () => {
    const division = township();
    expect(lowestCode(division, [G(5), G(2)])).toBe(G(2));
    const after = applied(division, mergeTool.finish(division, [G(5), G(2)], DEFAULT_EDIT_SETTINGS));
    expect(layerCodes(after, 'grid')).toEqual(['510302003001002']);
    // The micro-grids of the surviving grid keep their codes.
    expect(layerCodes(after, 'microgrid')).toEqual(['510302003001002001', '510302003001002002']);
  });

  it('keeps the chosen code, or gives a new one when asked', () => {
    const division = township();
    const kept = applied(division, mergeTool.finish(division, [G(2), G(5)], DEFAULT_EDIT_SETTINGS, G(5)));
    expect(layerCodes(kept, 'grid')).toEqual(['510302003001005']);
    // The micro-grids moved into grid 005 with codes under it.
    expect(layerCodes(kept, 'microgrid')).toEqual(['510302003001005001', '510302003001005002']);
    const fresh = applied(division, mergeTool.finish(division, [G(2), G(5)], DEFAULT_EDIT_SETTINGS, null));
    expect(layerCodes(fresh, 'grid')).toEqual(['510302003001006']);
  });

  it('merges picked micro-grids with the same tool', () => {
    const division = township();
    const after = applied(
      division,
      mergeTool.finish(division, ['m2', 'm1'], { ...DEFAULT_EDIT_SETTINGS, microgrids: true }),
    );
    expect(layerCodes(after, 'microgrid')).toEqual(['510302003001002001']);
    expect(layerCodes(after, 'grid')).toEqual(['510302003001002', '510302003001005']);
  });
});
