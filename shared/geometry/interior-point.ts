import type { PreparedPolygon } from './prepared-polygon-type';

/**
 * A point inside a polygon, where a message about the whole entity points the reviewer: the middle of the
 * widest stretch inside along a horizontal line through the middle of its box (the centroid of a U-shaped
 * grid can lie outside it). Falls back to the first vertex, then to [0, 0] for a polygon with no vertex.
 */
export function interiorPoint(polygon: PreparedPolygon): [number, number] {
  if (polygon.empty) {
    const c = polygon.coords;
    return c.length >= 2 ? [c[0]!, c[1]!] : [0, 0];
  }
  // Slightly off the middle so the line is unlikely to pass exactly through a vertex.
  const y = polygon.minY + (polygon.maxY - polygon.minY) * 0.500_137;
  const xs: number[] = [];
  const c = polygon.coords;
  let start = 0;
  for (const end of polygon.ringEnds) {
    for (let i = start; i < end - 1; i++) {
      const y1 = c[2 * i + 1]!;
      const y2 = c[2 * i + 3]!;
      if (y1 > y !== y2 > y) {
        const x1 = c[2 * i]!;
        const x2 = c[2 * i + 2]!;
        xs.push(x1 + ((x2 - x1) * (y - y1)) / (y2 - y1));
      }
    }
    start = end;
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] = [c[0]!, c[1]!];
  let widest = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const width = xs[i + 1]! - xs[i]!;
    if (width > widest) {
      widest = width;
      best = [(xs[i]! + xs[i + 1]!) / 2, y];
    }
  }
  return best;
}
