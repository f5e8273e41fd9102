import type { Division } from '../model';
import { communityKindOf } from '../model';
import { divideBand, feasibleRange, suggestedCountOfUnits, targetOfKind } from './divide-band';
import type { DivideOptions } from './divide-options';
import { unitWeights } from './region-census';
import { remainderCensus } from './remainder-census';

/** The counts a planner chooses from before dividing a community. */
export interface FeasibleGridCounts {
  readonly households: number;
  readonly population: number;
  readonly feasible: { min: number; max: number } | null;
  readonly suggested: number;
}

/**
 * The grid counts for which every grid can be within the band (null when none), and the totals of the
 * community's undivided remainder (the community less its existing grids), which is what gets divided.
 * A unit that may not be cut (one building, one compound) above the band's maximum makes every count
 * infeasible; the suggestion is then the count that comes nearest. `dividedTogether` are the communities
 * (ids) divided in the same run: a point on a boundary with one of them is counted once (edgeTakers).
 */
export function feasibleGridCounts(
  division: Division,
  communityId: string,
  options: DivideOptions,
  dividedTogether: readonly string[] = [],
): FeasibleGridCounts {
  const community = division.community.get(communityId);
  if (!community) return { households: 0, population: 0, feasible: null, suggested: 1 };
  const together = dividedTogether.flatMap((id) => division.community.get(id) ?? []);
  const census = remainderCensus(division, community, options, together);
  const band = divideBand(targetOfKind(options.ruleSet, communityKindOf(community)));
  const total = (measure: 'households' | 'population'): number =>
    measure === 'households' ? census.households : census.population;
  if (!band)
    return { households: census.households, population: census.population, feasible: null, suggested: 1 };
  const amount = total(band.measure);
  let feasible = feasibleRange(amount, band);
  const largest = band.measure === 'households' ? census.largestUnitHouseholds : census.largestUnitPopulation;
  if (feasible && largest > band.max) feasible = null;
  if (feasible && band.min > 0) {
    // Every grid needs at least one unit; never offer more grids than there are units.
    const most = Math.min(feasible.max, census.units);
    feasible = most >= feasible.min ? { min: feasible.min, max: most } : null;
  }
  return {
    households: census.households,
    population: census.population,
    feasible,
    suggested: suggestedCountOfUnits(
      amount,
      band,
      unitWeights(census, band.measure),
      Math.max(1, census.units),
    ),
  };
}
