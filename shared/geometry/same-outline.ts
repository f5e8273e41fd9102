import type { Position } from 'geojson';
import type { AreaGeometry } from '../model';

/**
 * How far (degrees) a vertex added to an edge may lie off that edge and still leave the outline unchanged:
 * 2e-9° (~0.2 mm). Vertices that neighbours gain on a shared edge are lattice points within 0.7e-9° of it.
 */
export const SAME_OUTLINE_TOLERANCE_DEG = 2e-9;

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function open(ring: readonly Position[]): Position[] {
  return ring.length > 1 && samePosition(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : [...ring];
}

/** Distance (degrees, planar) from p to segment a–b. */
function offSegment(p: Position, a: Position, b: Position): number {
  const dx = b[0]! - a[0]!;
  const dy = b[1]! - a[1]!;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : ((p[0]! - a[0]!) * dx + (p[1]! - a[1]!) * dy) / length2;
  if (t < 0 || t > 1) return Infinity;
  return Math.hypot(p[0]! - (a[0]! + t * dx), p[1]! - (a[1]! + t * dy));
}

/** Whether ring `after` is ring `before` with zero or more vertices added on its edges. */
function sameRing(before: readonly Position[], after: readonly Position[], toleranceDeg: number): boolean {
  const a = open(before);
  const b = open(after);
  if (a.length === 0 || b.length < a.length) return a.length === b.length;
  const start = b.findIndex((p) => samePosition(p, a[0]!));
  if (start < 0) return false;
  let next = 1; // index in `a` of the next old vertex to meet
  for (let k = 1; k <= b.length; k++) {
    if (next > a.length) return false;
    const p = b[(start + k) % b.length]!;
    const target = a[next % a.length]!;
    if (samePosition(p, target)) {
      next++;
      continue;
    }
    if (offSegment(p, a[next - 1]!, target) > toleranceDeg) return false;
  }
  return next === a.length + 1;
}

/**
 * True when `after` covers exactly the area of `before`: the same polygons and rings, every old vertex kept
 * in order, and any new vertex lying on an old edge (within `toleranceDeg`). This is what a neighbour may
 * undergo when an edit next to it keeps shared edges bit-identical by giving it a vertex; anything else
 * changes its outline.
 */
export function sameOutline(
  before: AreaGeometry,
  after: AreaGeometry,
  toleranceDeg: number = SAME_OUTLINE_TOLERANCE_DEG,
): boolean {
  const polygons = (g: AreaGeometry): Position[][][] =>
    g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const a = polygons(before);
  const b = polygons(after);
  if (a.length !== b.length) return false;
  return a.every((rings, i) => {
    const other = b[i]!;
    return rings.length === other.length && rings.every((ring, j) => sameRing(ring, other[j]!, toleranceDeg));
  });
}
