import type { Division, RuleSet, TargetStatus } from '../../shared/model';
import { targetFor, targetStatus } from '../../shared/model';
import { countCensus } from '../../shared/geometry/count-census';
import { censusTableOf } from './census-table-of';

/** What the list, the map and the attribute panel show of one grid. */
export interface GridFigure {
  readonly households: number;
  readonly population: number;
  readonly status: TargetStatus;
  /** Out of target but with a written justification: an accepted exception. */
  readonly accepted: boolean;
}

export type GridFigures = ReadonlyMap<string, GridFigure>;

/** Figures of the whole division for the status bar and the tree. */
export interface DivisionFigures {
  readonly grids: GridFigures;
  /** Micro-grids by id, against the rule set's micro-grid target. */
  readonly microgrids: GridFigures;
  readonly households: number;
  readonly population: number;
  readonly unassignedHouseholds: number;
  /** Households per community code, counted from the points inside each community's grids or itself. */
  readonly byCommunity: ReadonlyMap<string, { households: number; population: number }>;
}

/** Counts households per grid from the census points and compares them with the rule set's targets. */
export function deriveFigures(division: Division, ruleSet: RuleSet): DivisionFigures {
  const table = censusTableOf(division.census);
  const counts = countCensus(division, { table });
  const grids = new Map<string, GridFigure>();
  const byCommunity = new Map<string, { households: number; population: number }>();
  for (const grid of division.grid.values()) {
    const count = counts.byGrid.get(grid.id) ?? { households: 0, population: 0 };
    const status = targetStatus(targetFor(grid, ruleSet), count);
    grids.set(grid.id, {
      households: count.households,
      population: count.population,
      status,
      accepted: (status === 'under' || status === 'over') && Boolean(grid.justification?.trim()),
    });
    const sum = byCommunity.get(grid.parentCode) ?? { households: 0, population: 0 };
    byCommunity.set(grid.parentCode, {
      households: sum.households + count.households,
      population: sum.population + count.population,
    });
  }
  const microgrids = new Map<string, GridFigure>();
  for (const microgrid of division.microgrid.values()) {
    const count = counts.byMicrogrid.get(microgrid.id) ?? { households: 0, population: 0 };
    microgrids.set(microgrid.id, {
      households: count.households,
      population: count.population,
      status: targetStatus(targetFor(microgrid, ruleSet), count),
      accepted: false,
    });
  }
  let households = 0;
  let population = 0;
  // The same sums as before, read from the table's columns rather than a million point objects.
  for (let row = 0; row < table.ids.length; row++) {
    households += table.households[row]!;
    population += table.population[row]!;
  }
  return {
    grids,
    microgrids,
    households,
    population,
    unassignedHouseholds: counts.unassigned.households,
    byCommunity,
  };
}
