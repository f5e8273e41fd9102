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
        '所选社区/行政村已不存在：请重新选择网格。',
        'The chosen community no longer exists: select a grid again.',
      ),
    });
  const grids = [...doc.grid.values()].filter((grid) => grid.parentCode === community.code);
  let gaps: Result<Gap[]>;
  try {
    gaps = findGaps(community.geometry, grids.map(areaInput), { minAreaM2: MIN_PIECE_AREA_M2 });
  } catch {
    // Should the overlay throw on geometry it cannot take, the panel says so instead of breaking.
    return GAPS_FAILED;
  }
  if (!gaps.ok) return gaps;
  return ok(gaps.value.map(({ areaM2, at, neighbours }) => ({ areaM2, at, neighbours })));
}

const GAPS_FAILED = fail<never>({
  kind: 'geometry',
  message: text(
    '无法计算该社区/行政村的空白（其轮廓或网格的几何有误），数据未改动：请先按整体校验的提示修正几何。',
    'The gaps of this community could not be computed (its outline or its grids have invalid geometry); nothing was changed: fix the geometry as Check division shows first.',
  ),
});
