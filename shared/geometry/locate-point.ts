import type { PreparedPolygon } from './prepared-polygon-type';

/** Where a point lies relative to a polygon. Ordered: a larger value is a stronger claim on the point. */
export const PointLocation = {
  outside: 0,
  /** On an edge or within the tolerance of one. */
  boundary: 1,
  inside: 2,
} as const;
export type PointLocation = (typeof PointLocation)[keyof typeof PointLocation];

/**
 * Distance in degrees within which a point counts as on a polygon's boundary: 1e-8° is about 1 mm.
 * Shared edges drawn independently differ by ~1e-9° (floating-point noise), so a point on such an edge
 * is "on the boundary" of both neighbours and the tie rule, not the noise, decides where it counts.
 */
export const EDGE_TOLERANCE_DEG = 1e-8;

/**
 * Locates a point against a prepared polygon: inside (even-odd rule over all rings, so holes are
 * outside), on the boundary (within `toleranceDeg` of an edge), or outside.
 */
export function locatePoint(
  polygon: PreparedPolygon,
  x: number,
  y: number,
  toleranceDeg: number = EDGE_TOLERANCE_DEG,
): PointLocation {
  if (
    polygon.empty ||
    x < polygon.minX - toleranceDeg ||
    x > polygon.maxX + toleranceDeg ||
    y < polygon.minY - toleranceDeg ||
    y > polygon.maxY + toleranceDeg
  ) {
    return PointLocation.outside;
  }
  // Deep inside: no edge test needed (the inner box keeps twice the default tolerance from every edge).
  const inner = polygon.inner;
  if (
    inner &&
    toleranceDeg <= EDGE_TOLERANCE_DEG &&
    x > inner.minX &&
    x < inner.maxX &&
    y > inner.minY &&
    y < inner.maxY
  ) {
    return PointLocation.inside;
  }
  const c = polygon.coords;
  const ends = polygon.ringEnds;
  const tolerance2 = toleranceDeg * toleranceDeg;
  let inside = false;
  let start = 0;
  for (let r = 0; r < ends.length; r++) {
    const end = ends[r]!;
    for (let i = start; i < end - 1; i++) {
      const y1 = c[2 * i + 1]!;
      const y2 = c[2 * i + 3]!;
      // Most edges are rejected on latitude alone; both tests below need the point within this band.
      if (
        y1 < y2
          ? y < y1 - toleranceDeg || y > y2 + toleranceDeg
          : y < y2 - toleranceDeg || y > y1 + toleranceDeg
      ) {
        continue;
      }
      const x1 = c[2 * i]!;
      const x2 = c[2 * i + 2]!;
      if (
        (x1 < x2
          ? x >= x1 - toleranceDeg && x <= x2 + toleranceDeg
          : x >= x2 - toleranceDeg && x <= x1 + toleranceDeg) &&
        segmentDistance2(x, y, x1, y1, x2, y2) <= tolerance2
      ) {
        return PointLocation.boundary;
      }
      if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    }
    start = end;
  }
  return inside ? PointLocation.inside : PointLocation.outside;
}

/** Squared distance from (x, y) to the segment (x1, y1)–(x2, y2). */
export function segmentDistance2(
  x: number,
  y: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length2 = dx * dx + dy * dy;
  let t = length2 > 0 ? ((x - x1) * dx + (y - y1) * dy) / length2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const ex = x1 + t * dx - x;
  const ey = y1 + t * dy - y;
  return ex * ex + ey * ey;
}
