import type { Division, RuleSet, TargetStatus } from '../../shared/model';
import { censusTotals, targetFor, targetStatus } from '../../shared/model';
import type { CensusCounts } from '../../shared/geometry/count-census';
import { countOf } from '../../shared/geometry/census-table';
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
  /**
   * True while the counts are on their way from the validation worker (a project just opened): no grid,
   * micro-grid or community has a figure yet and `unassignedHouseholds` is not known; the totals are.
   */
  readonly pending: boolean;
}

/** Counts households per grid from the census points and compares them with the rule set's targets. */
export function deriveFigures(
  division: Division,
  ruleSet: RuleSet,
  /**
   * Counts made elsewhere (the validation worker counts after every change): given, no census point is
   * counted here. Without them every point is counted again, on this thread, from the census's columns.
   */
  counted?: CensusCounts,
): DivisionFigures {
  const counts = counted ?? countCensus(division, { table: censusTableOf(division.census) });
  const grids = new Map<string, GridFigure>();
  const byCommunity = new Map<string, { households: number; population: number }>();
  for (const grid of division.grid.values()) {
    // Counts made for the document before a change lack its new grids: no figure until they are counted.
    if (counted && !counts.byGrid.has(grid.id)) continue;
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
    if (counted && !counts.byMicrogrid.has(microgrid.id)) continue;
    const count = counts.byMicrogrid.get(microgrid.id) ?? { households: 0, population: 0 };
    microgrids.set(microgrid.id, {
      households: count.households,
      population: count.population,
      status: targetStatus(targetFor(microgrid, ruleSet), count),
      accepted: false,
    });
  }
  const { households, population } = totalsOf(division.census);
  return {
    grids,
    microgrids,
    households,
    population,
    unassignedHouseholds: counts.unassigned.households,
    byCommunity,
    pending: false,
  };
}

/**
 * The figures of a division whose counts the validation worker is making: the totals only, every grid
 * without a figure (neutral on the map) until they arrive. Opening a project then counts no census point
 * on the window's thread (at 1,000,000 points its KDBush index and point-in-polygon held the map back).
 */
export function pendingFigures(division: Division): DivisionFigures {
  const { households, population } = totalsOf(division.census);
  return {
    grids: new Map(),
    microgrids: new Map(),
    households,
    population,
    unassignedHouseholds: 0,
    byCommunity: new Map(),
    pending: true,
  };
}

const totalsByCensus = new WeakMap<Division['census'], { households: number; population: number }>();

/** Households and population of all census points; kept per census map, which grid edits leave as is. */
function totalsOf(census: Division['census']): { households: number; population: number } {
  const known = totalsByCensus.get(census);
  if (known) return known;
  // Summed over the columns rather than a million point objects (and without building the count's index).
  const totals = censusTotals(census, countOf);
  totalsByCensus.set(census, totals);
  return totals;
}
