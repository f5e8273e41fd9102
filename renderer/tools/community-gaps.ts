import { areaInput } from '../../shared/commands/grid-command-context';
import type { Gap } from '../../shared/geometry/fill-gap';
import { findGaps } from '../../shared/geometry/fill-gap';
import type { Division, Result } from '../../shared/model';
import { fail, MIN_PIECE_AREA_M2, ok, text } from '../../shared/model';

/** One gap of 填补空白's list: where it is, its area and the grids along it (its outline is not sent). */
export type ListedGap = Omit<Gap, 'geometry'>;

/**
 * 填补空白's list: the uncovered pieces of a community (at least the validator's smallest piece), largest
 * first. The sketch worker computes it off the main thread (an overlay of the community and its grids);
 * without a worker the window does, with this same function.
 */
export function communityGaps(doc: Division, communityId: string): Result<ListedGap[]> {
  const community = doc.community.get(communityId);
  if (!community)
    return fail({
      kind: 'no-community',
      message: text(
        '所选社区/村已不存在：请重新选择网格。',
        'The chosen community no longer exists: select a grid again.',
      ),
    });
  const grids = [...doc.grid.values()].filter((grid) => grid.parentCode === community.code);
  const gaps = findGaps(community.geometry, grids.map(areaInput), { minAreaM2: MIN_PIECE_AREA_M2 });
  if (!gaps.ok) return gaps;
  return ok(gaps.value.map(({ areaM2, at, neighbours }) => ({ areaM2, at, neighbours })));
}
