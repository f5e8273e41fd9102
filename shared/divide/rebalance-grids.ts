import type { Change, Division, Result } from '../model';
import { fail, text } from '../model';
import type { DivideOptions } from './divide-options';
import type { CommunityOutcome } from './divide-outcome';

/**
 * 平衡: redistributes the area of two or more adjacent, unlocked grids of one community so each meets the
 * band, keeping their number and codes (the new part overlapping an old grid most keeps its code).
 */
export function rebalanceGrids(
  division: Division,
  gridIds: readonly string[],
  options: DivideOptions,
): Result<{ readonly change: Change; readonly outcome: CommunityOutcome }> {
  void division;
  void gridIds;
  void options;
  return fail({
    kind: 'not-available',
    message: text('平衡尚在开发中。', 'Rebalancing is still being built.'),
  });
}
