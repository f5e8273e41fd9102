import KDBush from 'kdbush';
import type { CensusPoint } from '../model';
import { ColumnarCensus } from '../model';

/**
 * Census points as columns (typed arrays) with a KDBush index over their positions. A million points
 * as objects would cost seconds to walk; as columns the count is a few hundred milliseconds.
 */
export interface CensusTable {
  readonly ids: readonly string[];
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly households: Float64Array;
  readonly population: Float64Array;
  /** Index over the points with finite coordinates; query it through {@link rowsInBox}. */
  readonly index: KDBush;
  /** Row of each item of `index` (items skip points with non-finite coordinates). */
  readonly indexRows: Uint32Array;
}

/** A point's households or population as counted: only a finite positive value counts. */
export function countOf(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** Census points already as columns (how the app stores and loads them): ids, positions and counts. */
export interface CensusColumnsInput {
  readonly ids: readonly string[];
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly households: ArrayLike<number>;
  readonly population: ArrayLike<number>;
}

/**
 * Builds the column table and its index. Points with non-finite coordinates are kept but not indexed. A
 * columnar census lends its columns; other maps are walked point by point.
 */
export function censusTable(census: ReadonlyMap<string, CensusPoint>): CensusTable {
  if (census instanceof ColumnarCensus) return censusTableFromColumns(census.columns);
  const n = census.size;
  const ids: string[] = new Array<string>(n);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const households = new Float64Array(n);
  const population = new Float64Array(n);
  let row = 0;
  for (const point of census.values()) {
    ids[row] = point.id;
    lon[row] = point.lon;
    lat[row] = point.lat;
    households[row] = countOf(point.households);
    population[row] = countOf(point.population);
    row++;
  }
  return indexed(ids, lon, lat, households, population);
}

/**
 * The same table from columns, without a point object: the columns' positions are shared (not copied),
 * the counts are read as {@link censusTable} reads them (only finite positive values count).
 */
export function censusTableFromColumns(columns: CensusColumnsInput): CensusTable {
  const n = columns.ids.length;
  const households = new Float64Array(n);
  const population = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    households[row] = countOf(columns.households[row]!);
    population[row] = countOf(columns.population[row]!);
  }
  return indexed(columns.ids, columns.lon, columns.lat, households, population);
}

function indexed(
  ids: readonly string[],
  lon: Float64Array,
  lat: Float64Array,
  households: Float64Array,
  population: Float64Array,
): CensusTable {
  const n = ids.length;
  let finite = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(lon[i]) && Number.isFinite(lat[i])) finite++;
  // KDBush needs at least one item to be queried safely; its item numbers map to rows through indexRows.
  const indexRows = new Uint32Array(finite);
  // Leaves of 256 points build a third faster than the default 64 for a million points, and box
  // queries of a grid (hundreds of points) scan about as much either way.
  const index = new KDBush(Math.max(finite, 1), 256);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(lon[i]) && Number.isFinite(lat[i])) {
      indexRows[k++] = i;
      index.add(lon[i]!, lat[i]!);
    }
  }
  if (finite === 0) index.add(0, 0);
  index.finish();
  return { ids, lon, lat, households, population, index, indexRows };
}

/** Rows of the indexed points inside a box (edges included). */
export function rowsInBox(
  table: CensusTable,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): number[] {
  if (table.indexRows.length === 0) return [];
  const items = table.index.range(minX, minY, maxX, maxY);
  const rows = table.indexRows;
  for (let i = 0; i < items.length; i++) items[i] = rows[items[i]!]!;
  return items;
}

// Reused by positionsInBox: a query must not allocate (thousands of grids are queried per validation).
let positions = new Uint32Array(4096);
const stack = new Uint32Array(256);

/**
 * Positions, in the index's own sorted order, of the indexed points inside a box (edges included).
 * A position p is a point at `index.coords[2p], [2p + 1]`, whose row is `indexRows[index.ids[p]]`.
 * Reading coordinates by position walks memory in order, where rows jump across the whole table: for
 * a million points that halves the time of the bulk count. The returned view is valid until the next
 * call. Same traversal as KDBush's own `range`.
 */
export function positionsInBox(
  table: CensusTable,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): Uint32Array {
  if (table.indexRows.length === 0) return positions.subarray(0, 0);
  const { coords, nodeSize } = table.index;
  let count = 0;
  const push = (p: number): void => {
    if (count === positions.length) {
      const grown = new Uint32Array(positions.length * 2);
      grown.set(positions);
      positions = grown;
    }
    positions[count++] = p;
  };
  stack[0] = 0;
  stack[1] = table.index.ids.length - 1;
  stack[2] = 0;
  let sp = 3;
  while (sp > 0) {
    const axis = stack[--sp]!;
    const right = stack[--sp]!;
    const left = stack[--sp]!;
    if (right - left <= nodeSize) {
      for (let i = left; i <= right; i++) {
        const x = coords[2 * i]!;
        const y = coords[2 * i + 1]!;
        if (x >= minX && x <= maxX && y >= minY && y <= maxY) push(i);
      }
      continue;
    }
    const m = (left + right) >> 1;
    const x = coords[2 * m]!;
    const y = coords[2 * m + 1]!;
    if (x >= minX && x <= maxX && y >= minY && y <= maxY) push(m);
    if (axis === 0 ? minX <= x : minY <= y) {
      stack[sp++] = left;
      stack[sp++] = m - 1;
      stack[sp++] = 1 - axis;
    }
    if (axis === 0 ? maxX >= x : maxY >= y) {
      stack[sp++] = m + 1;
      stack[sp++] = right;
      stack[sp++] = 1 - axis;
    }
  }
  return positions.subarray(0, count);
}
