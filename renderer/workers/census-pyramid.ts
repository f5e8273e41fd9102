import { countOf } from '../../shared/geometry/census-table';
import type { TilePoint } from './point-tile-writer';

/** Deepest zoom drawn as clusters (as MapLibre's `clusterMaxZoom` was); deeper tiles hold each point. */
export const CLUSTER_MAX_ZOOM = 16;
/** The census tiles' maxzoom: single points, overzoomed by MapLibre beyond it. */
export const CENSUS_TILE_MAX_ZOOM = CLUSTER_MAX_ZOOM + 1;
/** Units across a tile (MVT's usual 4096). */
export const TILE_EXTENT = 4096;
/**
 * A cluster cell is 1/2^CELL_LEVELS of a tile across: 64 px of a 512-px tile, about the 40-px radius
 * MapLibre's clustering used (a cluster gathered points up to 40 px from its first one).
 */
const CELL_LEVELS = 3;
/** Levels of the points' Morton codes: the cells of the deepest clustered zoom. */
const DEEPEST = CLUSTER_MAX_ZOOM + CELL_LEVELS;
const CELLS = 2 ** DEEPEST;
const MAX_LAT = 85.0511287798066;

/** Clusters of one zoom, ordered by their cell's Morton code (so a tile's cells are one run). */
interface ClusterLevel {
  readonly codes: Float64Array;
  readonly counts: Uint32Array;
  readonly households: Float64Array;
  /** Mean position of the cluster's points, in world units (0…1 across the Web Mercator square). */
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * The census binned for tiles: the points (with finite coordinates) in Morton order of their cell at
 * the deepest clustered zoom, and per zoom 0…CLUSTER_MAX_ZOOM the clusters, each zoom's made by merging
 * four cells of the zoom below. A cluster's count and households are exact sums and each point is in
 * exactly one cluster per zoom; cells are aligned with tiles, so each cluster is in exactly one tile.
 */
export interface CensusPyramid {
  readonly codes: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly households: Float64Array;
  /** Indexed by zoom. */
  readonly levels: readonly ClusterLevel[];
}

/** 16 bits spread to the even bits of 32. */
function spread(value: number): number {
  let v = value & 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v >>> 0;
}

/** The Morton code of a cell (x in the even bits, y in the odd), exact for coordinates below 2^26. */
function morton(x: number, y: number): number {
  const low = (spread(x) | (spread(y) << 1)) >>> 0;
  const high = (spread(Math.floor(x / 65536)) | (spread(Math.floor(y / 65536)) << 1)) >>> 0;
  return high * 4294967296 + low;
}

const worldX = (lon: number): number => (lon + 180) / 360;
function worldY(lat: number): number {
  const sin = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}
const cellOf = (world: number): number => Math.min(CELLS - 1, Math.max(0, Math.floor(world * CELLS)));

/**
 * The order that sorts codes given as their low 32 bits and the bits above (below 2^7): three stable
 * counting passes of 13 bits, in integer arithmetic.
 */
function sortedOrder(low: Uint32Array, high: Uint8Array): Uint32Array {
  const n = low.length;
  let order = new Uint32Array(n);
  let spare = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const starts = new Uint32Array(1 << 13);
  const digit = (index: number, pass: number): number =>
    pass === 0
      ? low[index]! & 8191
      : pass === 1
        ? (low[index]! >>> 13) & 8191
        : (low[index]! >>> 26) | (high[index]! << 6);
  for (let pass = 0; pass < 3; pass++) {
    starts.fill(0);
    for (let i = 0; i < n; i++) starts[digit(i, pass)]!++;
    let sum = 0;
    for (let d = 0; d < starts.length; d++) {
      const count = starts[d]!;
      starts[d] = sum;
      sum += count;
    }
    for (let i = 0; i < n; i++) {
      const index = order[i]!;
      spare[starts[digit(index, pass)]!++] = index;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

/** Consecutive runs of equal `codes[i] / 4^shift` merged into one cluster each. */
function mergeRuns(
  codes: Float64Array,
  counts: ArrayLike<number>,
  households: Float64Array,
  x: Float64Array,
  y: Float64Array,
  divisor: number,
): ClusterLevel {
  const n = codes.length;
  let runs = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || Math.floor(codes[i]! / divisor) !== Math.floor(codes[i - 1]! / divisor)) runs++;
  }
  const level: ClusterLevel = {
    codes: new Float64Array(runs),
    counts: new Uint32Array(runs),
    households: new Float64Array(runs),
    x: new Float64Array(runs),
    y: new Float64Array(runs),
  };
  let run = -1;
  for (let i = 0; i < n; i++) {
    const code = Math.floor(codes[i]! / divisor);
    if (run < 0 || code !== level.codes[run]) level.codes[++run] = code;
    const count = counts[i]!;
    level.counts[run]! += count;
    level.households[run]! += households[i]!;
    // Sums of positions, weighted by the points they stand for; made means below.
    level.x[run]! += x[i]! * count;
    level.y[run]! += y[i]! * count;
  }
  for (let r = 0; r < runs; r++) {
    level.x[r]! /= level.counts[r]!;
    level.y[r]! /= level.counts[r]!;
  }
  return level;
}

/**
 * Bins the census columns for tiles. Points whose coordinates are not finite are left out (the model
 * keeps them; the validator reports them); households count as every count does (`countOf`: only a
 * finite positive value), so the clusters add up to the status bar's total.
 */
export function buildCensusPyramid(
  lon: Float64Array,
  lat: Float64Array,
  households: Uint32Array | Float64Array,
): CensusPyramid {
  const finite = new Uint32Array(lon.length);
  let n = 0;
  for (let i = 0; i < lon.length; i++) {
    if (Number.isFinite(lon[i]!) && Number.isFinite(lat[i]!)) finite[n++] = i;
  }
  const kept = finite.subarray(0, n);
  const low = new Uint32Array(n);
  const high = new Uint8Array(n);
  const unsortedX = new Float64Array(n);
  const unsortedY = new Float64Array(n);
  const unsortedWeights = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = kept[k]!;
    const count = households[i]!;
    unsortedWeights[k] = countOf(count);
    const wx = worldX(lon[i]!);
    const wy = worldY(lat[i]!);
    unsortedX[k] = wx;
    unsortedY[k] = wy;
    const cx = cellOf(wx);
    const cy = cellOf(wy);
    low[k] = (spread(cx) | (spread(cy) << 1)) >>> 0;
    high[k] = spread(cx >>> 16) | (spread(cy >>> 16) << 1);
  }
  const order = sortedOrder(low, high);
  const codes = new Float64Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const from = order[k]!;
    codes[k] = high[from]! * 4294967296 + low[from]!;
    x[k] = unsortedX[from]!;
    y[k] = unsortedY[from]!;
    weights[k] = unsortedWeights[from]!;
  }
  const levels: ClusterLevel[] = new Array<ClusterLevel>(CLUSTER_MAX_ZOOM + 1);
  let below = mergeRuns(codes, new Uint8Array(n).fill(1), weights, x, y, 1);
  levels[CLUSTER_MAX_ZOOM] = below;
  for (let z = CLUSTER_MAX_ZOOM - 1; z >= 0; z--) {
    below = mergeRuns(below.codes, below.counts, below.households, below.x, below.y, 4);
    levels[z] = below;
  }
  return { codes, x, y, households: weights, levels };
}

/** The first index whose code is ≥ `code` (codes ascending). */
function lowerBound(codes: Float64Array, code: number): number {
  let low = 0;
  let high = codes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (codes[mid]! < code) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The features of tile z/x/y, in tile units: clusters (`point_count`, `households` summed) up to
 * CLUSTER_MAX_ZOOM, where a cluster of one point is that point; each point (`households`) deeper, but
 * points on the same spot as one cluster.
 */
export function censusTileFeatures(pyramid: CensusPyramid, z: number, x: number, y: number): TilePoint[] {
  const size = 2 ** z;
  if (!Number.isInteger(z) || z < 0 || z > 30 || !Number.isInteger(x) || !Number.isInteger(y)) return [];
  if (x < 0 || y < 0 || x >= size || y >= size) return [];
  const features: TilePoint[] = [];
  // Inside the tile's extent: MapLibre leaves out points on or beyond its edge.
  const unit = (world: number, tile: number): number =>
    Math.min(TILE_EXTENT - 1, Math.max(0, Math.floor((world * size - tile) * TILE_EXTENT)));
  const place = (wx: number, wy: number, properties: Record<string, number>): void => {
    features.push({ x: unit(wx, x), y: unit(wy, y), properties });
  };
  if (z <= CLUSTER_MAX_ZOOM) {
    const level = pyramid.levels[z]!;
    const span = 4 ** CELL_LEVELS;
    const first = morton(x, y) * span;
    const end = lowerBound(level.codes, first + span);
    for (let c = lowerBound(level.codes, first); c < end; c++) {
      const count = level.counts[c]!;
      const households = level.households[c]!;
      place(level.x[c]!, level.y[c]!, count === 1 ? { households } : { point_count: count, households });
    }
    return features;
  }
  // The tile's ancestor (or itself) among the Morton levels, then the points inside the tile itself.
  // Points on the same unit of the tile (1/8 px at zoom 17) are one feature, a cluster of them: the
  // screen could not tell them apart, and a hostile census of a million points on one spot stays one
  // feature rather than a tile of a million.
  const up = Math.max(0, z - DEEPEST);
  const span = 4 ** Math.max(0, DEEPEST - z);
  const first = morton(Math.floor(x / 2 ** up), Math.floor(y / 2 ** up)) * span;
  const end = lowerBound(pyramid.codes, first + span);
  const atUnit = new Map<number, { x: number; y: number; properties: Record<string, number> }>();
  for (let p = lowerBound(pyramid.codes, first); p < end; p++) {
    const px = pyramid.x[p]! * size - x;
    const py = pyramid.y[p]! * size - y;
    if (px < 0 || py < 0 || px >= 1 || py >= 1) continue;
    const ux = unit(pyramid.x[p]!, x);
    const uy = unit(pyramid.y[p]!, y);
    const households = pyramid.households[p]!;
    const same = atUnit.get(ux * TILE_EXTENT + uy);
    if (!same) {
      const feature = { x: ux, y: uy, properties: { households } };
      atUnit.set(ux * TILE_EXTENT + uy, feature);
      features.push(feature);
    } else {
      same.properties = {
        point_count: (same.properties['point_count'] ?? 1) + 1,
        households: same.properties['households']! + households,
      };
    }
  }
  return features;
}
