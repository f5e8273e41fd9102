import { areaDensityM2PerDeg2 } from '../geometry/ellipsoid-area';
import type { PreparedPolygon } from '../geometry/prepared-polygon';
import { MAX_SWEEP_STEPS, SweepTooComplex } from './sweep-too-complex';

/**
 * One stretch of a horizontal slab between two consecutive edges: a trapezoid with horizontal top and
 * bottom. Reused between calls of the visitor: copy what you keep.
 */
export interface SlabInterval {
  /** Bottom and top latitude of the slab. */
  readonly y0: number;
  readonly y1: number;
  /** Left and right longitude at the bottom (`*0`) and at the top (`*1`). */
  readonly left0: number;
  readonly right0: number;
  readonly left1: number;
  readonly right1: number;
  /** Ellipsoidal area in m² (computed when read: most intervals a sweep visits are never measured). */
  readonly areaM2: number;
}

/** The one mutable interval a sweep reuses, with the slab's area factors computed on first use. */
class Interval implements SlabInterval {
  y0 = 0;
  y1 = 0;
  left0 = 0;
  right0 = 0;
  left1 = 0;
  right1 = 0;
  private factorsY0 = Number.NaN;
  private factorsY1 = Number.NaN;
  private fa = 0;
  private fm = 0;
  private fb = 0;

  get areaM2(): number {
    if (this.factorsY0 !== this.y0 || this.factorsY1 !== this.y1) {
      // Simpson's rule on width × area element (see trapezoidAreaM2), factors shared by the slab.
      this.factorsY0 = this.y0;
      this.factorsY1 = this.y1;
      this.fa = areaDensityM2PerDeg2(this.y0);
      this.fm = areaDensityM2PerDeg2((this.y0 + this.y1) / 2);
      this.fb = areaDensityM2PerDeg2(this.y1);
    }
    const w0 = this.right0 - this.left0;
    const w1 = this.right1 - this.left1;
    return ((this.y1 - this.y0) / 6) * (w0 * this.fa + 2 * (w0 + w1) * this.fm + w1 * this.fb);
  }
}

/**
 * Called for each interval inside at least one polygon: `inside[i]` is 1 when inside polygon i, and the
 * first `insideCount` entries of `insideList` are those polygons (in no particular order), so a visitor
 * never loops over every polygon of a large sweep.
 */
export type IntervalVisitor = (
  interval: SlabInterval,
  inside: Uint8Array,
  insideCount: number,
  insideList: Uint32Array,
) => void;

/** Called when the sweep starts a new slab (intervals of consecutive slabs may join into one piece). */
export type SlabStart = (y0: number, y1: number) => void;

/** Edge ordering differences smaller than this (degrees, ~0.1 µm) are not treated as crossings. */
const CROSSING_TOLERANCE_DEG = 1e-12;
/** No slab thinner than this is split further: its area is below any tolerance. */
const MIN_SLAB_DEG = 1e-13;
const MAX_SPLIT_DEPTH = 48;

// Scratch buffers shared by all sweeps (JavaScript runs one sweep at a time; visitors never start
// another): a sweep per candidate pair must not allocate, or the garbage collector dominates.
let edgeX0 = new Float64Array(256);
let edgeY0 = new Float64Array(256);
let edgeX1 = new Float64Array(256);
let edgeY1 = new Float64Array(256);
let edgeOwner = new Uint32Array(256);
// Per-edge values of the current slab: x at its bottom and top, and their sum (the sort key).
let xa = new Float64Array(256);
let xb = new Float64Array(256);
let keys = new Float64Array(256);
let cacheY = new Float64Array(256);
let cacheX = new Float64Array(256);
let boundaries = new Float64Array(512);
let byStart = new Uint32Array(256);
let active = new Uint32Array(64);
let inside = new Uint8Array(64);
let insideList = new Uint32Array(64);
let insideSlot = new Uint32Array(64);

function ensureEdges(n: number): void {
  if (edgeX0.length >= n) return;
  const size = Math.max(n, edgeX0.length * 2);
  edgeX0 = new Float64Array(size);
  edgeY0 = new Float64Array(size);
  edgeX1 = new Float64Array(size);
  edgeY1 = new Float64Array(size);
  edgeOwner = new Uint32Array(size);
  byStart = new Uint32Array(size);
  boundaries = new Float64Array(2 * size + 2);
  xa = new Float64Array(size);
  xb = new Float64Array(size);
  keys = new Float64Array(size);
  cacheY = new Float64Array(size);
  cacheX = new Float64Array(size);
}

function ensureActive(n: number): void {
  if (active.length >= n) return;
  const size = Math.max(n, active.length * 2);
  const previous = active;
  active = new Uint32Array(size);
  active.set(previous);
}

function ensurePolygons(n: number): void {
  if (inside.length >= n) return;
  const size = Math.max(n, inside.length * 2);
  inside = new Uint8Array(size);
  insideList = new Uint32Array(size);
  insideSlot = new Uint32Array(size);
}

/** Copies the non-horizontal edges meeting the latitude window into the scratch buffers. */
function collectEdges(
  polygons: readonly PreparedPolygon[],
  minY: number,
  maxY: number,
  maxX: number,
): number {
  let total = 0;
  for (const polygon of polygons) total += polygon.coords.length / 2;
  ensureEdges(total);
  let count = 0;
  for (let p = 0; p < polygons.length; p++) {
    const polygon = polygons[p]!;
    if (polygon.empty || polygon.maxY <= minY || polygon.minY >= maxY) continue;
    const c = polygon.coords;
    let start = 0;
    for (const end of polygon.ringEnds) {
      for (let i = start; i < end - 1; i++) {
        const ay = c[2 * i + 1]!;
        const by = c[2 * i + 3]!;
        // Horizontal edges lie on slab boundaries and never separate inside from outside within a slab.
        if (ay === by) continue;
        const low = ay < by;
        const ly = low ? ay : by;
        const hy = low ? by : ay;
        if (hy <= minY || ly >= maxY) continue;
        // An edge right of every interval of interest changes nothing to their left.
        if (c[2 * i]! > maxX && c[2 * i + 2]! > maxX) continue;
        edgeX0[count] = low ? c[2 * i]! : c[2 * i + 2]!;
        edgeY0[count] = ly;
        edgeX1[count] = low ? c[2 * i + 2]! : c[2 * i]!;
        edgeY1[count] = hy;
        edgeOwner[count] = p;
        count++;
      }
      start = end;
    }
  }
  return count;
}

function xAt(e: number, y: number): number {
  const y0 = edgeY0[e]!;
  const y1 = edgeY1[e]!;
  if (y <= y0) return edgeX0[e]!;
  if (y >= y1) return edgeX1[e]!;
  const x0 = edgeX0[e]!;
  return x0 + ((edgeX1[e]! - x0) * (y - y0)) / (y1 - y0);
}

/** Sorts indexes of edges by increasing `values` (insertion sort: the list is nearly sorted already). */
function sortByValue(indexes: Uint32Array, values: Float64Array, tieBreak: Float64Array, k: number): void {
  for (let i = 1; i < k; i++) {
    const item = indexes[i]!;
    const value = values[item]!;
    const tie = tieBreak[item]!;
    let j = i - 1;
    while (j >= 0) {
      const other = indexes[j]!;
      const otherValue = values[other]!;
      if (otherValue < value || (otherValue === value && tieBreak[other]! <= tie)) break;
      indexes[j + 1] = other;
      j--;
    }
    indexes[j + 1] = item;
  }
}

/**
 * The edge steps a sweep of this polygon alone takes when no edges cross: for each edge, the slabs
 * between consecutive vertex latitudes that it spans. A sweep with other polygons takes at least as
 * many over the same latitudes, so a polygon above {@link MAX_SWEEP_STEPS} is too complex to sweep at
 * all (a valid comb of 10,000 teeth of different lengths: 100 million). A usual grid takes a few times
 * its vertices. O(n log n), without sweeping.
 */
export function sweepSteps(polygon: PreparedPolygon): number {
  const c = polygon.coords;
  const n = c.length / 2;
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = c[2 * i + 1]!;
  ys.sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || ys[i] !== ys[distinct - 1]) ys[distinct++] = ys[i]!;
  const levels = ys.subarray(0, distinct);
  let steps = 0;
  let start = 0;
  for (const end of polygon.ringEnds) {
    for (let i = start; i < end - 1; i++) {
      const a = c[2 * i + 1]!;
      const b = c[2 * i + 3]!;
      if (a !== b) steps += Math.abs(levelOf(levels, b) - levelOf(levels, a));
    }
    start = end;
  }
  return steps;
}

/** Index of `y` in the sorted distinct `levels` (it is one of them). */
function levelOf(levels: Float64Array, y: number): number {
  let low = 0;
  let high = levels.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (levels[mid]! < y) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Options of {@link sweepCoverage}. */
export interface SweepOptions {
  /** Called when a slab starts. */
  readonly onSlab?: SlabStart;
  /**
   * Only this latitude range is swept (default: the polygons' extent). With `maxX`, intervals right of
   * it are of no interest: edges entirely right of it are left out (parity is counted from the left).
   */
  readonly window?: { readonly minY: number; readonly maxY: number; readonly maxX?: number };
  /** Intervals covered by fewer polygons are not visited (default 1). */
  readonly minInside?: number;
  /**
   * Edge steps the sweep may take before it throws {@link SweepTooComplex} (default
   * {@link MAX_SWEEP_STEPS}): its time stays bounded whatever the polygons.
   */
  readonly maxSteps?: number;
}

/**
 * Sweeps a set of polygons with horizontal slabs and reports, for every slab, each stretch between two
 * consecutive edges together with which polygons (even-odd rule) cover it.
 *
 * Slab boundaries are every vertex latitude and every latitude where two edges cross, so inside a slab
 * no edges cross and every stretch is an exact trapezoid: areas of overlaps, gaps and parts outside a
 * parent are sums of trapezoids, with no polygon clipping, no topology to keep consistent and no failure
 * mode on nearly coincident edges (they only make very thin trapezoids, which area and width tolerances
 * discard). Cost: slabs × edges crossing them, on the polygons given, which callers keep to the
 * candidates a spatial index finds.
 *
 * Areas are ellipsoidal, by Simpson's rule on each trapezoid (exact to rounding at these sizes).
 *
 * Throws {@link SweepTooComplex} past `maxSteps`: boundaries that cross themselves thousands of times
 * split the sweep at every crossing.
 */
export function sweepCoverage(
  polygons: readonly PreparedPolygon[],
  visit: IntervalVisitor,
  options: SweepOptions = {},
): void {
  const { onSlab, window } = options;
  const minInside = Math.max(1, options.minInside ?? 1);
  let minY = Infinity;
  let maxY = -Infinity;
  for (const polygon of polygons) {
    if (polygon.empty) continue;
    if (polygon.minY < minY) minY = polygon.minY;
    if (polygon.maxY > maxY) maxY = polygon.maxY;
  }
  if (window) {
    minY = Math.max(minY, window.minY);
    maxY = Math.min(maxY, window.maxY);
  }
  if (!(minY < maxY)) return;

  const n = collectEdges(polygons, minY, maxY, window?.maxX ?? Infinity);
  if (n < 2) return;
  ensurePolygons(polygons.length);

  // Slab boundaries: all edge end latitudes inside the window, and the window itself.
  let m = 0;
  boundaries[m++] = minY;
  boundaries[m++] = maxY;
  for (let e = 0; e < n; e++) {
    if (edgeY0[e]! > minY) boundaries[m++] = edgeY0[e]!;
    if (edgeY1[e]! < maxY) boundaries[m++] = edgeY1[e]!;
  }
  const ys = boundaries.subarray(0, m).sort();

  // Edges by start latitude.
  if (n <= 64) {
    for (let e = 0; e < n; e++) byStart[e] = e;
    sortByValue(byStart, edgeY0, edgeX0, n);
  } else {
    const starts = Array.from({ length: n }, (_, e) => e).sort((a, b) => edgeY0[a]! - edgeY0[b]!);
    for (let e = 0; e < n; e++) byStart[e] = starts[e]!;
  }

  const interval = new Interval();
  const maxSteps = options.maxSteps ?? MAX_SWEEP_STEPS;
  let steps = 0;
  // x of each edge at the top of the last slab it was in: the next slab's bottom, not computed twice.
  for (let e = 0; e < n; e++) cacheY[e] = Number.NaN;
  // Active edges are kept in x order from slab to slab, so the insertion sort has little to do.
  let k = 0;
  let next = 0;
  let openCount = 0;

  const slab = (ya: number, yb: number, depth: number): void => {
    steps += k;
    if (steps > maxSteps) throw new SweepTooComplex('steps');
    for (let i = 0; i < k; i++) {
      const e = active[i]!;
      const a = cacheY[e] === ya ? cacheX[e]! : xAt(e, ya);
      const b = xAt(e, yb);
      cacheY[e] = yb;
      cacheX[e] = b;
      xa[e] = a;
      xb[e] = b;
      keys[e] = a + b;
    }
    sortByValue(active, keys, xa, k);

    // Edges in mid-slab order must be in the same order at both ends, or two of them cross inside.
    if (depth < MAX_SPLIT_DEPTH && yb - ya > MIN_SLAB_DEG) {
      for (let j = 0; j + 1 < k; j++) {
        const p = active[j]!;
        const q = active[j + 1]!;
        const da = xa[p]! - xa[q]!;
        const db = xb[p]! - xb[q]!;
        if (da > CROSSING_TOLERANCE_DEG || db > CROSSING_TOLERANCE_DEG) {
          const t = da / (da - db);
          const yc = ya + (yb - ya) * t;
          if (yc > ya + MIN_SLAB_DEG / 2 && yc < yb - MIN_SLAB_DEG / 2 && t > 0 && t < 1) {
            slab(ya, yc, depth + 1);
            slab(yc, yb, depth + 1);
            return;
          }
        }
      }
    }

    onSlab?.(ya, yb);
    // Every polygon is closed by the slab's last edge; a broken one may stay open: reset.
    for (let i = 0; i < openCount; i++) inside[insideList[i]!] = 0;
    let insideCount = 0;
    interval.y0 = ya;
    interval.y1 = yb;
    for (let j = 0; j + 1 < k; j++) {
      const p = active[j]!;
      const polygon = edgeOwner[p]!;
      if (inside[polygon]) {
        inside[polygon] = 0;
        // Swap-remove from the list of covering polygons.
        const slot = insideSlot[polygon]!;
        const moved = insideList[--insideCount]!;
        insideList[slot] = moved;
        insideSlot[moved] = slot;
      } else {
        inside[polygon] = 1;
        insideSlot[polygon] = insideCount;
        insideList[insideCount++] = polygon;
      }
      if (insideCount < minInside) continue;
      const q = active[j + 1]!;
      if (xa[q]! - xa[p]! + (xb[q]! - xb[p]!) <= 0) continue;
      interval.left0 = xa[p]!;
      interval.right0 = xa[q]!;
      interval.left1 = xb[p]!;
      interval.right1 = xb[q]!;
      visit(interval, inside, insideCount, insideList);
    }
    openCount = insideCount;
  };

  try {
    for (let s = 0; s + 1 < ys.length; s++) {
      const ya = ys[s]!;
      const yb = ys[s + 1]!;
      if (ya === yb) continue;
      // Drop edges that end at or below this slab (keeping x order), add those that start at or below it.
      let kept = 0;
      for (let i = 0; i < k; i++) {
        const e = active[i]!;
        if (edgeY1[e]! > ya) active[kept++] = e;
      }
      k = kept;
      while (next < n && edgeY0[byStart[next]!]! <= ya) {
        const e = byStart[next++]!;
        if (edgeY1[e]! > ya) {
          ensureActive(k + 1);
          active[k++] = e;
        }
      }
      if (k < 2) continue;
      slab(ya, yb, 0);
    }
  } finally {
    // Leave the shared flags clear for the next sweep, also when a limit stopped this one mid-slab.
    inside.fill(0, 0, polygons.length);
  }
}
