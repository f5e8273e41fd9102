import type { CensusPoint, ExtraProperties, PersonalData } from '../../shared/model';

/**
 * What a census point has besides its id and numbers, kept only for the points that have any of it.
 * `index` is the point's position in its {@link CensusColumns}.
 */
export interface CensusDetail {
  readonly index: number;
  readonly address?: string;
  readonly personal?: PersonalData;
  readonly extra?: ExtraProperties;
}

/**
 * Census points as columns. IndexedDB clones typed arrays as single blocks, which is why a few large
 * rows are written ~70× faster than one object per point (stack-notes: 100k rows ~5 s, chunks ~0.07 s).
 * Counts are Uint32Array when every value is a whole number that fits, Float64Array otherwise, so that
 * an odd imported value (1.5, -1) is kept exactly instead of being wrapped round.
 */
export interface CensusColumns {
  readonly ids: readonly string[];
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly households: Uint32Array | Float64Array;
  readonly population: Uint32Array | Float64Array;
  /** Sparse: one entry per point that has an address, personal data or extra properties. */
  readonly details: readonly CensusDetail[];
}

/** Points per stored chunk: big enough to make writes cheap, small enough that one edit rewrites little. */
export const CENSUS_CHUNK_SIZE = 5000;

function fitsUint32(values: readonly number[]): boolean {
  for (const value of values) {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff || Object.is(value, -0)) return false;
  }
  return true;
}

function countColumn(values: readonly number[]): Uint32Array | Float64Array {
  return fitsUint32(values) ? Uint32Array.from(values) : Float64Array.from(values);
}

function hasKeys(record: object | undefined): boolean {
  if (record === undefined) return false;
  for (const _key in record) return true;
  return false;
}

/** Turns points into columns, keeping their order. */
export function encodeCensus(points: readonly CensusPoint[]): CensusColumns {
  const count = points.length;
  const ids = new Array<string>(count);
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const households = new Array<number>(count);
  const population = new Array<number>(count);
  const details: CensusDetail[] = [];
  for (let index = 0; index < count; index++) {
    const point = points[index] as CensusPoint;
    ids[index] = point.id;
    lon[index] = point.lon;
    lat[index] = point.lat;
    households[index] = point.households;
    population[index] = point.population;
    const hasAddress = point.address !== undefined;
    const hasPersonal = point.personal !== undefined;
    // An empty `extra` is the norm and is restored as {} on load, so it costs nothing to store.
    const hasExtra = hasKeys(point.extra);
    if (hasAddress || hasPersonal || hasExtra) {
      details.push({
        index,
        ...(hasAddress ? { address: point.address } : {}),
        ...(hasPersonal ? { personal: point.personal } : {}),
        ...(hasExtra ? { extra: point.extra } : {}),
      });
    }
  }
  return { ids, lon, lat, households: countColumn(households), population: countColumn(population), details };
}

/** Rebuilds the points of {@link encodeCensus}, in order. */
export function decodeCensus(columns: CensusColumns): CensusPoint[] {
  const count = columns.ids.length;
  const points = new Array<CensusPoint>(count);
  const { ids, lon, lat, households, population } = columns;
  // Most points have no details: they are built in one shape, without a lookup or a spread each (a
  // million of them is the largest part of opening a city-sized project).
  for (let index = 0; index < count; index++) {
    points[index] = {
      layer: 'census',
      id: ids[index] as string,
      lon: lon[index] as number,
      lat: lat[index] as number,
      households: households[index] as number,
      population: population[index] as number,
      extra: {},
    };
  }
  for (const detail of columns.details) {
    const point = points[detail.index];
    if (point === undefined) continue;
    points[detail.index] = {
      ...point,
      extra: detail.extra ?? {},
      ...(detail.address !== undefined ? { address: detail.address } : {}),
      ...(detail.personal !== undefined ? { personal: detail.personal } : {}),
    };
  }
  return points;
}

const attached = new WeakMap<ReadonlyMap<string, CensusPoint>, CensusColumns>();

/**
 * Records that `census` holds exactly the points of `columns`, in that order: the loader has the columns
 * at hand, and whoever needs the points as columns (the map, the counts, the workers) then takes them
 * instead of walking a million objects. Only for a map nobody will mutate (a loaded `Division`'s).
 */
export function attachCensusColumns(census: ReadonlyMap<string, CensusPoint>, columns: CensusColumns): void {
  attached.set(census, columns);
}

/** The points of `census` as columns: those the loader attached, else encoded once and remembered. */
export function censusColumnsOf(census: ReadonlyMap<string, CensusPoint>): CensusColumns {
  let columns = attached.get(census);
  if (!columns) {
    columns = encodeCensus([...census.values()]);
    attached.set(census, columns);
  }
  return columns;
}

/** The points of `columns` as the map a `Division` holds, with the columns attached to it. */
export function censusMapOf(columns: CensusColumns): ReadonlyMap<string, CensusPoint> {
  const census = new Map<string, CensusPoint>();
  for (const point of decodeCensus(columns)) census.set(point.id, point);
  // A repeated id keeps its last point, as applyChange would: then the map is not the columns.
  if (census.size === columns.ids.length) attachCensusColumns(census, columns);
  return census;
}

/** Splits points into runs of at most `size`, in order. */
export function splitIntoChunks<T>(items: readonly T[], size: number = CENSUS_CHUNK_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Joins column blocks end to end without rebuilding the points (used to keep old chunks in history). */
export function concatCensus(blocks: readonly CensusColumns[]): CensusColumns {
  let count = 0;
  let wholeCounts = true;
  for (const block of blocks) {
    count += block.ids.length;
    if (!(block.households instanceof Uint32Array) || !(block.population instanceof Uint32Array))
      wholeCounts = false;
  }
  const ids = new Array<string>(count);
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const households = wholeCounts ? new Uint32Array(count) : new Float64Array(count);
  const population = wholeCounts ? new Uint32Array(count) : new Float64Array(count);
  const details: CensusDetail[] = [];
  let offset = 0;
  for (const block of blocks) {
    for (let index = 0; index < block.ids.length; index++) ids[offset + index] = block.ids[index] as string;
    lon.set(block.lon, offset);
    lat.set(block.lat, offset);
    households.set(block.households, offset);
    population.set(block.population, offset);
    for (const detail of block.details) details.push({ ...detail, index: detail.index + offset });
    offset += block.ids.length;
  }
  return { ids, lon, lat, households, population, details };
}
