import type { Division, Result } from '../model';
import { fail, text } from '../model';
import type { DivideOptions } from './divide-options';
import type { DivisionProposal } from './divide-outcome';

export type { CommunityOutcome, DivisionProposal, OutOfBandGrid } from './divide-outcome';

/**
 * Divides the given communities (every community without grids when `communityIds` is empty), keeping
 * exclusive and locked grids as they are.
 */
export function divideCommunities(
  division: Division,
  communityIds: readonly string[],
  options: DivideOptions,
): Result<DivisionProposal> {
  void division;
  void communityIds;
  void options;
  return fail({
    kind: 'not-available',
    message: text('自动划分尚在开发中。', 'Automatic division is still being built.'),
  });
}
