import { useEffect, useState } from 'react';
import type { Community, Division, Result } from '../../shared/model';
import type { ListedGap } from '../tools/community-gaps';

/** The gap list of a community as last computed, and whether it is the current document's. */
export interface CommunityGaps {
  /** The newest list computed for this community (of an older document while `computing`), if any. */
  readonly result: Result<ListedGap[]> | null;
  /** True until the list of the document shown has arrived. */
  readonly computing: boolean;
}

/**
 * 填补空白's gap list for `community` in `division`, computed by `listGaps` off the main thread (issue 12:
 * an overlay of the community and its grids, again after every edit while the panel is open). An answer
 * is kept only for the document and community it was asked for; meanwhile the previous list of the same
 * community stays, marked as computing, so the panel does not jump.
 */
export function useCommunityGaps(
  division: Division,
  community: Community | null,
  listGaps: (division: Division, communityId: string) => Promise<Result<ListedGap[]>>,
): CommunityGaps {
  const [listed, setListed] = useState<{
    readonly division: Division;
    readonly communityId: string;
    readonly result: Result<ListedGap[]>;
  } | null>(null);
  useEffect(() => {
    if (!community) return;
    let wanted = true;
    void listGaps(division, community.id).then((result) => {
      if (wanted) setListed({ division, communityId: community.id, result });
    });
    return () => {
      wanted = false;
    };
  }, [division, community, listGaps]);
  if (!community || listed?.communityId !== community.id) return { result: null, computing: true };
  return { result: listed.result, computing: listed.division !== division };
}
