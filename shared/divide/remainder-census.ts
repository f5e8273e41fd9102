import type { Community, Division, Grid } from '../model';
import type { DivideOptions } from './divide-options';
import { firstNewCode } from './first-new-code';
import type { RegionCensus } from './region-census';
import { edgeTakers, gridsOnCommunity, regionCensus } from './region-census';

/**
 * The census of a community's undivided remainder as a division run counts it: the community less the
 * grids on it (`kept`), edge points claimed as the validator's tie rule will give them (the kept grids
 * ranking before the first new code, and the communities divided in the same run ranking before this
 * one). What the counts before dividing and the division itself both start from.
 */
export function remainderCensus(
  division: Division,
  community: Community,
  options: DivideOptions,
  dividedTogether: readonly Community[],
  kept: readonly Grid[] = gridsOnCommunity(division, community),
): RegionCensus {
  return regionCensus(
    division,
    community,
    options.guides ?? [],
    kept,
    community.geometry,
    firstNewCode(division, community, options),
    edgeTakers(dividedTogether, community),
  );
}
