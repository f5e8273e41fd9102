import { ColumnarCensus } from './census-columns';
import type { CensusPoint } from './types';

/** Households and population summed over census points. */
export interface CensusTotals {
  readonly households: number;
  readonly population: number;
}

/**
 * Sums the households and population of every census point, each value through `count` (say, 0 for a
 * value that is not finite); a columnar census is summed over its columns, without a point object.
 */
export function censusTotals(
  census: ReadonlyMap<string, CensusPoint>,
  count: (value: number) => number = (value) => value,
): CensusTotals {
  let households = 0;
  let population = 0;
  if (census instanceof ColumnarCensus) {
    const columns = census.numberColumns;
    for (let index = 0; index < columns.lon.length; index++) {
      households += count(columns.households[index]!);
      population += count(columns.population[index]!);
    }
  } else {
    for (const point of census.values()) {
      households += count(point.households);
      population += count(point.population);
    }
  }
  return { households, population };
}
