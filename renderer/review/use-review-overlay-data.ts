import { useMemo } from 'react';
import type { Division } from '../../shared/model';
import type { ReviewOverlay } from '../map/use-review-overlay';
import { commentPins, diffFeatures } from './review-features';
import type { ReviewModel } from './use-review';

/**
 * The map overlay of the 审核 tab for the division shown: the diff's shapes and the pins of the comments
 * in play (the reviewer's draft in a package under review, else the newest reply the planner opened).
 */
export function useReviewOverlayData(review: ReviewModel, division: Division | null): ReviewOverlay {
  const { diffView, packageInfo, draft, latestReply, picking, pickPoint } = review;
  const diff = useMemo(
    () => (diffView ? diffFeatures(diffView.diff, diffView.before, diffView.after) : null),
    [diffView],
  );
  const pins = useMemo(() => {
    if (!division) return { type: 'FeatureCollection' as const, features: [] };
    if (packageInfo) return commentPins(draft.comments, new Set(), division);
    if (latestReply) {
      return commentPins(latestReply.stored.reply.comments, new Set(latestReply.stored.resolved), division);
    }
    return { type: 'FeatureCollection' as const, features: [] };
  }, [division, packageInfo, draft.comments, latestReply]);
  return { diff, pins, picking, onPick: pickPoint };
}
