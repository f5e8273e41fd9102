import type { AreaGeometry, Division } from '../../shared/model';
import { assignRows, rankAreas } from '../../shared/geometry/count-census';
import { censusTableOf } from './census-table-of';

/**
 * Households and population inside one shape, for live feedback while a vertex is dragged or a shape is
 * drawn. The census index is built once per set of census points and reused for every pointer move, so
 * a count costs only the points near the shape.
 */
export function liveCount(
  division: Division,
  geometry: AreaGeometry,
): { households: number; population: number } {
  const table = censusTableOf(division.census);
  const owner = assignRows(table, rankAreas([{ id: 'live', code: '', geometry }]));
  let households = 0;
  let population = 0;
  for (let row = 0; row < owner.length; row++) {
    if (owner[row] === 0) {
      households += table.households[row]!;
      population += table.population[row]!;
    }
  }
  return { households, population };
}
