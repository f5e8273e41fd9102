import type { CensusPoint, ExtraProperties, PersonalData } from './types';

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
 * Census points as columns: a typed array per number instead of an object per point. A city's million
 * points as objects are most of its memory and of the garbage collector's work; as columns they are five
 * blocks. IndexedDB and `postMessage` also clone typed arrays as single blocks. Counts are Uint32Array
 * when every value is a whole number that fits, Float64Array otherwise, so that an odd imported value
 * (1.5, -1) is kept exactly instead of being wrapped round.
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

/** A census's columns but its ids: what whoever draws, counts or sums points needs. */
export type CensusNumbers = Omit<CensusColumns, 'ids'>;

/**
 * Census ids joined into one string, with where each ends: how ids are stored and how they cross to a
 * worker. IndexedDB and structured clone copy one string and one typed array as blocks, where a million
 * id strings are a million values to serialise, read back and collect (bench/app-open-bench.ts).
 */
export interface PackedIds {
  readonly idText: string;
  /** End of each id in `idText` (its start is the previous end). */
  readonly idEnds: Uint32Array;
}

/** Joins ids into {@link PackedIds}. */
export function packIds(ids: readonly string[]): PackedIds {
  const idEnds = new Uint32Array(ids.length);
  let end = 0;
  for (let index = 0; index < ids.length; index++) {
    end += (ids[index] as string).length;
    idEnds[index] = end;
  }
  return { idText: ids.join(''), idEnds };
}

/** The ids of {@link packIds} again, in order. */
export function unpackIds({ idText, idEnds }: PackedIds): string[] {
  const ids = new Array<string>(idEnds.length);
  let start = 0;
  for (let index = 0; index < idEnds.length; index++) {
    const end = idEnds[index] as number;
    ids[index] = idText.slice(start, end);
    start = end;
  }
  return ids;
}

/**
 * Makes the typed arrays that hold joined census columns. The window's store makes them over shared
 * memory where it can, so its workers read the same columns instead of each getting a copy.
 */
export interface ColumnAllocator {
  float64(length: number): Float64Array;
  uint32(length: number): Uint32Array;
}

/** Plain typed arrays. */
export const PLAIN_COLUMNS: ColumnAllocator = {
  float64: (length) => new Float64Array(length),
  uint32: (length) => new Uint32Array(length),
};

/** Packed id blocks end to end (census chunks as read): one string, the ends shifted. */
export function concatPackedIds(
  blocks: readonly PackedIds[],
  allocate: ColumnAllocator = PLAIN_COLUMNS,
): PackedIds {
  let count = 0;
  for (const block of blocks) count += block.idEnds.length;
  const idEnds = allocate.uint32(count);
  let offset = 0;
  let shift = 0;
  for (const block of blocks) {
    const { idEnds: ends } = block;
    for (let index = 0; index < ends.length; index++)
      idEnds[offset + index] = (ends[index] as number) + shift;
    offset += ends.length;
    shift += block.idText.length;
  }
  return { idText: blocks.map((block) => block.idText).join(''), idEnds };
}

/** The `extra` of every point that has none: shared and frozen, so a million points do not own a `{}` each. */
const NO_EXTRA: ExtraProperties = Object.freeze({});

function wholeCountsFit(values: ArrayLike<number>): boolean {
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff || Object.is(value, -0)) return false;
  }
  return true;
}

/** A count column: Uint32Array when every value is a whole number that fits, else Float64Array. */
export function countColumn(values: ArrayLike<number>): Uint32Array | Float64Array {
  return wholeCountsFit(values) ? Uint32Array.from(values) : Float64Array.from(values);
}

function hasKeys(record: object | undefined): boolean {
  if (record === undefined) return false;
  for (const _key in record) return true;
  return false;
}

/** What `point` has besides its id and numbers, as the detail at `index`; undefined when it has none. */
export function censusDetailOf(point: CensusPoint, index: number): CensusDetail | undefined {
  const hasAddress = point.address !== undefined;
  const hasPersonal = point.personal !== undefined;
  // An empty `extra` is the norm and is restored as {} on load, so it costs nothing to store.
  const hasExtra = hasKeys(point.extra);
  if (!hasAddress && !hasPersonal && !hasExtra) return undefined;
  return {
    index,
    ...(hasAddress ? { address: point.address } : {}),
    ...(hasPersonal ? { personal: point.personal } : {}),
    ...(hasExtra ? { extra: point.extra } : {}),
  };
}

/** Turns points into columns, keeping their order. */
export function encodeCensus(points: Iterable<CensusPoint>): CensusColumns {
  const list = Array.isArray(points) ? (points as readonly CensusPoint[]) : [...points];
  const count = list.length;
  const ids = new Array<string>(count);
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const households = new Float64Array(count);
  const population = new Float64Array(count);
  const details: CensusDetail[] = [];
  for (let index = 0; index < count; index++) {
    const point = list[index] as CensusPoint;
    ids[index] = point.id;
    lon[index] = point.lon;
    lat[index] = point.lat;
    households[index] = point.households;
    population[index] = point.population;
    const detail = censusDetailOf(point, index);
    if (detail) details.push(detail);
  }
  return { ids, lon, lat, households: countColumn(households), population: countColumn(population), details };
}

/** The point at `index` of `columns`, with its details when it has any. */
function pointAt(columns: CensusColumns, index: number, detail: CensusDetail | undefined): CensusPoint {
  return pointWithId(columns, columns.ids[index] as string, index, detail);
}

/** The point at `index` of the number columns, whose id is `id`. */
function pointWithId(
  columns: CensusNumbers,
  id: string,
  index: number,
  detail: CensusDetail | undefined,
): CensusPoint {
  const point: CensusPoint = {
    layer: 'census',
    id,
    lon: columns.lon[index] as number,
    lat: columns.lat[index] as number,
    households: columns.households[index] as number,
    population: columns.population[index] as number,
    extra: detail?.extra ?? NO_EXTRA,
  };
  if (detail === undefined) return point;
  return {
    ...point,
    ...(detail.address !== undefined ? { address: detail.address } : {}),
    ...(detail.personal !== undefined ? { personal: detail.personal } : {}),
  };
}

/** Rebuilds the points of {@link encodeCensus}, in order. */
export function decodeCensus(columns: CensusColumns): CensusPoint[] {
  const count = columns.ids.length;
  const points = new Array<CensusPoint>(count);
  const details = detailsByIndex(columns);
  for (let index = 0; index < count; index++) points[index] = pointAt(columns, index, details.get(index));
  return points;
}

function detailsByIndex(columns: Pick<CensusNumbers, 'details'>): Map<number, CensusDetail> {
  const details = new Map<number, CensusDetail>();
  for (const detail of columns.details) details.set(detail.index, detail);
  return details;
}

/**
 * The census of a `Division` held as columns: a `ReadonlyMap` of census points that makes a point object
 * only when one is asked for. Opening a project, validating a city file or packing the census for a
 * worker then never makes a million objects; whoever can work on columns takes {@link censusColumnsOf}.
 *
 * Ids must be distinct ({@link ColumnarCensus.of} checks and otherwise returns a plain `Map`, which
 * keeps the last point of a repeated id as `applyChange` would). A change to the census copies it into a
 * plain `Map` (`applyChange` does `new Map(census)`), so this map is never mutated. Points are values: two
 * `get`s of one id give equal objects, not the same one. A `ColumnarCensus` does not survive structured
 * clone as a map: send divisions to workers packed (renderer/workers/packed-division.ts).
 */
export class ColumnarCensus implements ReadonlyMap<string, CensusPoint> {
  private positions: Map<string, number> | undefined;
  private details: Map<number, CensusDetail> | undefined;

  private constructor(
    private readonly numbers: CensusNumbers,
    private whole: CensusColumns | undefined,
    private readonly packed: PackedIds | undefined,
  ) {}

  /** The columns with their ids (packed ids are split into strings the first time they are asked for). */
  get columns(): CensusColumns {
    this.whole ??= { ...this.numbers, ids: unpackIds(this.packed as PackedIds) };
    return this.whole;
  }

  /** The columns without the ids: never splits packed ids. */
  get numberColumns(): CensusNumbers {
    return this.numbers;
  }

  /** The ids packed: as they came when they came packed, else joined (not kept). */
  packedIds(): PackedIds {
    return this.packed ?? packIds(this.columns.ids);
  }

  /** The points of `columns` as a division's census map: columnar when their ids are distinct. */
  static of(columns: CensusColumns): ReadonlyMap<string, CensusPoint> {
    const census = ColumnarCensus.ofDistinct(columns);
    if (census.positionsOfIds().size === columns.ids.length) return census;
    const map = new Map<string, CensusPoint>();
    for (const point of decodeCensus(columns)) map.set(point.id, point);
    return map;
  }

  /**
   * The points of `columns`, whose ids the caller has already found distinct (a reader that checked them
   * as it read): skips {@link ColumnarCensus.of}'s check, which builds the map of ids that `get` and `has`
   * otherwise build only when first asked.
   */
  static ofDistinct(columns: CensusColumns): ColumnarCensus {
    return new ColumnarCensus(columns, columns, undefined);
  }

  /**
   * The points of `numbers` with their ids packed (stored census chunks, a census crossing to a worker),
   * distinct as for {@link ColumnarCensus.ofDistinct}. The ids stay one string until something asks for
   * an id: opening a project or drawing and counting its points never makes a million id strings.
   */
  static ofPacked(numbers: CensusNumbers, ids: PackedIds): ColumnarCensus {
    return new ColumnarCensus(numbers, undefined, ids);
  }

  get size(): number {
    return this.numbers.lon.length;
  }

  get [Symbol.toStringTag](): string {
    return 'ColumnarCensus';
  }

  has(id: string): boolean {
    return this.positionsOfIds().has(id);
  }

  get(id: string): CensusPoint | undefined {
    const index = this.positionsOfIds().get(id);
    return index === undefined ? undefined : this.at(index);
  }

  /**
   * The points of `ids` held here, by id. A few ids are found by one pass over the id column against a
   * set of them (about 50 ms for a million points) rather than by building the id index (over a second),
   * which only pays when many are wanted or the index exists already.
   */
  pointsOf(ids: Iterable<string>): Map<string, CensusPoint> {
    const wanted = new Set(ids);
    const found = new Map<string, CensusPoint>();
    if (this.positions !== undefined || wanted.size * FEW_IDS > this.size) {
      for (const id of wanted) {
        const point = this.get(id);
        if (point) found.set(id, point);
      }
      return found;
    }
    if (this.whole === undefined && this.packed !== undefined && wanted.size <= FEW_IDS) {
      // Ids still packed: found in the one string, without splitting a million of them.
      this.details ??= detailsByIndex(this.numbers);
      for (const id of wanted) {
        const index = packedIndexOf(this.packed, id);
        if (index >= 0) found.set(id, pointWithId(this.numbers, id, index, this.details.get(index)));
      }
      return found;
    }
    const { ids: column } = this.columns;
    for (let index = 0; index < column.length && found.size < wanted.size; index++) {
      const id = column[index] as string;
      if (wanted.has(id)) found.set(id, this.at(index));
    }
    return found;
  }

  /** The point at position `index` of the columns. */
  at(index: number): CensusPoint {
    this.details ??= detailsByIndex(this.numbers);
    return pointAt(this.columns, index, this.details.get(index));
  }

  forEach(
    callback: (value: CensusPoint, key: string, map: ReadonlyMap<string, CensusPoint>) => void,
    thisArg?: unknown,
  ): void {
    const { ids } = this.columns;
    for (let index = 0; index < ids.length; index++)
      callback.call(thisArg, this.at(index), ids[index] as string, this);
  }

  *entries(): MapIterator<[string, CensusPoint]> {
    const { ids } = this.columns;
    for (let index = 0; index < ids.length; index++) yield [ids[index] as string, this.at(index)];
  }

  *keys(): MapIterator<string> {
    yield* this.columns.ids;
  }

  *values(): MapIterator<CensusPoint> {
    for (let index = 0; index < this.size; index++) yield this.at(index);
  }

  [Symbol.iterator](): MapIterator<[string, CensusPoint]> {
    return this.entries();
  }

  private positionsOfIds(): Map<string, number> {
    if (this.positions === undefined) {
      const positions = new Map<string, number>();
      const { ids } = this.columns;
      for (let index = 0; index < ids.length; index++) positions.set(ids[index] as string, index);
      this.positions = positions;
    }
    return this.positions;
  }
}

/**
 * Below one wanted id in this many points, {@link ColumnarCensus.pointsOf} scans instead of indexing;
 * up to this many ids it searches packed ids as they are.
 */
const FEW_IDS = 16;

/** Position of `id` among packed ids, or -1: a match in the text counts only where an id starts and ends. */
function packedIndexOf({ idText, idEnds }: PackedIds, id: string): number {
  if (id === '') {
    // An empty id is where an id ends where the previous one did.
    for (let index = 0, start = 0; index < idEnds.length; start = idEnds[index++] as number)
      if (idEnds[index] === start) return index;
    return -1;
  }
  for (let at = idText.indexOf(id); at >= 0; at = idText.indexOf(id, at + 1)) {
    // The first id ending after `at` holds it; a match is that id when it starts at `at` and has its length.
    let low = 0;
    let high = idEnds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((idEnds[middle] as number) <= at) low = middle + 1;
      else high = middle;
    }
    const start = low === 0 ? 0 : (idEnds[low - 1] as number);
    if (start === at && idEnds[low] === at + id.length) return low;
  }
  return -1;
}

/** The points of `ids` that `census` holds, by id (see {@link ColumnarCensus.pointsOf}). */
export function censusPointsOf(
  census: ReadonlyMap<string, CensusPoint>,
  ids: Iterable<string>,
): Map<string, CensusPoint> {
  if (census instanceof ColumnarCensus) return census.pointsOf(ids);
  const found = new Map<string, CensusPoint>();
  for (const id of ids) {
    const point = census.get(id);
    if (point) found.set(id, point);
  }
  return found;
}

const encoded = new WeakMap<ReadonlyMap<string, CensusPoint>, CensusColumns>();

/** The points of `census` as columns: a columnar census's own, else encoded once and remembered. */
export function censusColumnsOf(census: ReadonlyMap<string, CensusPoint>): CensusColumns {
  if (census instanceof ColumnarCensus) return census.columns;
  let columns = encoded.get(census);
  if (!columns) {
    columns = encodeCensus(census.values());
    encoded.set(census, columns);
  }
  return columns;
}

/** The numbers of `census`'s points as columns: a columnar census's own, without splitting packed ids. */
export function censusNumbersOf(census: ReadonlyMap<string, CensusPoint>): CensusNumbers {
  return census instanceof ColumnarCensus ? census.numberColumns : censusColumnsOf(census);
}

/** The ids of `census` packed, in the order of {@link censusNumbersOf}'s columns. */
export function packedIdsOf(census: ReadonlyMap<string, CensusPoint>): PackedIds {
  return census instanceof ColumnarCensus ? census.packedIds() : packIds(censusColumnsOf(census).ids);
}

/** Joins column blocks end to end without making the points (census chunks, history). */
export function concatCensus(blocks: readonly CensusColumns[]): CensusColumns {
  const ids: string[] = [];
  for (const block of blocks) for (const id of block.ids) ids.push(id);
  return { ids, ...concatCensusNumbers(blocks) };
}

/** Joins the number columns of blocks end to end (their ids are joined apart: see {@link concatPackedIds}). */
export function concatCensusNumbers(
  blocks: readonly CensusNumbers[],
  allocate: ColumnAllocator = PLAIN_COLUMNS,
): CensusNumbers {
  let count = 0;
  let wholeCounts = true;
  for (const block of blocks) {
    count += block.lon.length;
    if (!(block.households instanceof Uint32Array) || !(block.population instanceof Uint32Array))
      wholeCounts = false;
  }
  const lon = allocate.float64(count);
  const lat = allocate.float64(count);
  const households = wholeCounts ? allocate.uint32(count) : allocate.float64(count);
  const population = wholeCounts ? allocate.uint32(count) : allocate.float64(count);
  const details: CensusDetail[] = [];
  let offset = 0;
  for (const block of blocks) {
    lon.set(block.lon, offset);
    lat.set(block.lat, offset);
    households.set(block.households, offset);
    population.set(block.population, offset);
    for (const detail of block.details) details.push({ ...detail, index: detail.index + offset });
    offset += block.lon.length;
  }
  return { lon, lat, households, population, details };
}
