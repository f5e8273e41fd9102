import type { CensusTable } from '../../shared/geometry/census-table';
import { censusTableFromColumns } from '../../shared/geometry/census-table';
import type { Division } from '../../shared/model';
import { censusColumnsOf } from '../../shared/model';

const tables = new WeakMap<Division['census'], CensusTable>();

/**
 * The census table (columns and KDBush index) of one set of census points, built once from the columns
 * the loader read (no walk over a million point objects) and shared by the counts, the live count of a
 * dragged vertex and the sketch counts.
 */
export function censusTableOf(census: Division['census']): CensusTable {
  let table = tables.get(census);
  if (!table) {
    table = censusTableFromColumns(censusColumnsOf(census));
    tables.set(census, table);
  }
  return table;
}
