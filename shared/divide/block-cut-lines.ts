import type { Polygon, Position } from 'geojson';
import { metresPerDegree } from '../geometry/metres-per-degree';

/** A unit of census points to keep whole, as the cuts see it: its points' extent and its weight. */
export interface CutUnit {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly weight: number;
}

/** Gaps narrower than this (degrees, ~1 mm) between two units are not cut through. */
const MIN_GAP_DEG = 1e-8;
/** How far a cut runs past where it must meet another line (degrees): a dangling stub the overlay drops. */
const OVERSHOOT_DEG = 3e-9;

interface Cell {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * Where a straight line at `at` on axis `axis` (0: x = at, 1: y = at) runs inside the block (even-odd over
 * all rings), as intervals of the other coordinate.
 */
function insideIntervals(block: readonly Polygon[], axis: 0 | 1, at: number): [number, number][] {
  const crossings: number[] = [];
  const other = axis === 0 ? 1 : 0;
  for (const polygon of block) {
    for (const ring of polygon.coordinates) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const p = ring[i]!;
        const q = ring[i + 1]!;
        const pa = p[axis]!;
        const qa = q[axis]!;
        if (pa < at === qa < at) continue;
        const t = (at - pa) / (qa - pa);
        crossings.push(p[other]! + t * (q[other]! - p[other]!));
      }
    }
  }
  crossings.sort((a, b) => a - b);
  const intervals: [number, number][] = [];
  for (let i = 0; i + 1 < crossings.length; i += 2) intervals.push([crossings[i]!, crossings[i + 1]!]);
  return intervals;
}

/**
 * Cut lines that divide a street block between buildings (never through one): a k-d bisection of the
 * block's units by weight, each cut a straight line across the current cell through the widest gap
 * that best halves the cell's weight, clipped to the block. Cells stop being cut when their weight is at
 * most `leafWeight` or when no gap is left. Every cut ends a hair past the block's boundary or the
 * cut it meets, so the planar overlay joins it there and drops the stub.
 *
 * Units are separated by their extents, so a unit whose points are spread (one address at several
 * positions) is never crossed; the cuts only run between units.
 */
export function blockCutLines(
  block: readonly Polygon[],
  units: readonly CutUnit[],
  leafWeight: number,
): Position[][] {
  const lines: Position[][] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of block) {
    for (const [x, y] of polygon.coordinates[0] ?? []) {
      minX = Math.min(minX, x!);
      minY = Math.min(minY, y!);
      maxX = Math.max(maxX, x!);
      maxY = Math.max(maxY, y!);
    }
  }
  if (!Number.isFinite(minX)) return lines;
  const scale = metresPerDegree((minY + maxY) / 2);
  const cut = (cell: Cell, members: readonly CutUnit[], depth: number): void => {
    let weight = 0;
    for (const unit of members) weight += unit.weight;
    if (weight <= leafWeight || members.length < 2 || depth > 40) return;
    let uMinX = Infinity;
    let uMinY = Infinity;
    let uMaxX = -Infinity;
    let uMaxY = -Infinity;
    for (const unit of members) {
      uMinX = Math.min(uMinX, unit.minX);
      uMinY = Math.min(uMinY, unit.minY);
      uMaxX = Math.max(uMaxX, unit.maxX);
      uMaxY = Math.max(uMaxY, unit.maxY);
    }
    // Cut across the longer side (in metres) of the cell's buildings first: it keeps pieces compact.
    const wide = (uMaxX - uMinX) * scale.lon >= (uMaxY - uMinY) * scale.lat;
    const axes: (0 | 1)[] = wide ? [0, 1] : [1, 0];
    for (const axis of axes) {
      const lo = (u: CutUnit): number => (axis === 0 ? u.minX : u.minY);
      const hi = (u: CutUnit): number => (axis === 0 ? u.maxX : u.maxY);
      const sorted = [...members].sort((a, b) => lo(a) - lo(b) || hi(a) - hi(b));
      let reach = -Infinity;
      let before = 0;
      let best = -1;
      let bestScore = Infinity;
      for (let i = 0; i + 1 < sorted.length; i++) {
        reach = Math.max(reach, hi(sorted[i]!));
        before += sorted[i]!.weight;
        const next = lo(sorted[i + 1]!);
        if (next - reach < MIN_GAP_DEG) continue;
        // Weight balance first; among near-equal splits, the wider gap (a lane between buildings).
        const score = Math.abs(before - weight / 2) / weight - Math.min(next - reach, 1e-4) * 100;
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      }
      if (best < 0) continue;
      let reachAtBest = -Infinity;
      for (let i = 0; i <= best; i++) reachAtBest = Math.max(reachAtBest, hi(sorted[i]!));
      const at = (reachAtBest + lo(sorted[best + 1]!)) / 2;
      const from = axis === 0 ? cell.minY : cell.minX;
      const to = axis === 0 ? cell.maxY : cell.maxX;
      for (const [a, b] of insideIntervals(block, axis, at)) {
        const start = Math.max(a, from);
        const end = Math.min(b, to);
        if (end <= start) continue;
        const s = start - OVERSHOOT_DEG;
        const e = end + OVERSHOOT_DEG;
        lines.push(
          axis === 0
            ? [
                [at, s],
                [at, e],
              ]
            : [
                [s, at],
                [e, at],
              ],
        );
      }
      const left = sorted.slice(0, best + 1);
      const right = sorted.slice(best + 1);
      if (axis === 0) {
        cut({ ...cell, maxX: at }, left, depth + 1);
        cut({ ...cell, minX: at }, right, depth + 1);
      } else {
        cut({ ...cell, maxY: at }, left, depth + 1);
        cut({ ...cell, minY: at }, right, depth + 1);
      }
      return;
    }
  };
  cut({ minX: minX - 1e-6, minY: minY - 1e-6, maxX: maxX + 1e-6, maxY: maxY + 1e-6 }, units, 0);
  return lines;
}
