import type { CommunityOutcome } from '../../shared/divide';
import { countCensus } from '../../shared/geometry/count-census';
import { partCount } from '../../shared/geometry/check-geometry';
import { polsbyPopper } from '../../shared/geometry/polsby-popper';
import type { Change, Division, Grid, RuleSet } from '../../shared/model';
import { applyChange, targetFor, targetStatus } from '../../shared/model';
import type { Preview, ProposedGrid } from './divide-protocol';

/**
 * The figures of a proposal as the planner checks them before accepting: every grid the change puts,
 * counted from the census points of the division as it would be (so a point on a shared edge counts once,
 * by the same rule as everywhere), with its compactness, part count, status against the band and the
 * engine's reason when it is out of band.
 */
export function proposalFigures(
  division: Division,
  change: Change,
  communities: readonly CommunityOutcome[],
  ruleSet: RuleSet,
): Preview {
  const after = applyChange(division, change).division;
  const counts = countCensus(after);
  const reasons = new Map(communities.flatMap((c) => c.outOfBand.map((o) => [o.gridId, o.reason] as const)));
  const communityByCode = new Map([...after.community.values()].map((c) => [c.code, c.id]));
  const grids: ProposedGrid[] = change.put
    .filter((entity): entity is Grid => entity.layer === 'grid')
    .map((grid) => {
      const count = counts.byGrid.get(grid.id) ?? { households: 0, population: 0 };
      const reason = reasons.get(grid.id);
      return {
        gridId: grid.id,
        code: grid.code,
        name: grid.name,
        communityId: communityByCode.get(grid.parentCode) ?? '',
        households: count.households,
        population: count.population,
        compactness: polsbyPopper(grid.geometry),
        parts: partCount(grid.geometry),
        status: targetStatus(targetFor(grid, ruleSet), count),
        ...(reason ? { reason } : {}),
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { change, communities, grids };
}
