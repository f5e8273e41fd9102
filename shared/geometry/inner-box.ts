import type { Box } from './box-index';
import { interiorPoint } from './interior-point';
import { EDGE_TOLERANCE_DEG, locatePoint, PointLocation } from './locate-point';
import type { PreparedPolygon } from './prepared-polygon-type';

/** True when the segment meets the closed box (Liang–Barsky clipping, written out: no closures). */
function segmentMeetsBox(x1: number, y1: number, x2: number, y2: number, box: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const ps = [-(x2 - x1), x2 - x1, -(y2 - y1), y2 - y1];
  const qs = [x1 - box.minX, box.maxX - x1, y1 - box.minY, box.maxY - y1];
  for (let k = 0; k < 4; k++) {
    const p = ps[k]!;
    const q = qs[k]!;
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  return true;
}

function boxInside(polygon: PreparedPolygon, box: Box): boolean {
  const c = polygon.coords;
  let start = 0;
  for (const end of polygon.ringEnds) {
    for (let i = start; i < end - 1; i++) {
      if (segmentMeetsBox(c[2 * i]!, c[2 * i + 1]!, c[2 * i + 2]!, c[2 * i + 3]!, box)) return false;
    }
    start = end;
  }
  // No edge enters the box, so it is all inside or all outside: its centre decides.
  return (
    locatePoint(polygon, (box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2, 0) === PointLocation.inside
  );
}

/**
 * A large axis-aligned box strictly inside a polygon, farther than the edge tolerance from every edge,
 * or undefined. Census points in it are inside without a point-in-polygon test: for grid-shaped
 * polygons that is most of them. Found by growing a box around an interior point (binary search on
 * its size, each step checking that no edge meets it).
 */
export function innerBox(polygon: PreparedPolygon): Box | undefined {
  if (polygon.empty) return undefined;
  const [cx, cy] = interiorPoint(polygon);
  const halfWidth = (polygon.maxX - polygon.minX) / 2;
  const halfHeight = (polygon.maxY - polygon.minY) / 2;
  const margin = 2 * EDGE_TOLERANCE_DEG;
  const boxAt = (scale: number): Box => ({
    minX: cx - scale * halfWidth,
    minY: cy - scale * halfHeight,
    maxX: cx + scale * halfWidth,
    maxY: cy + scale * halfHeight,
  });
  let inside = 0;
  let outside = 1;
  if (!boxInside(polygon, boxAt(1 / 64))) return undefined;
  inside = 1 / 64;
  for (let step = 0; step < 8; step++) {
    const scale = (inside + outside) / 2;
    if (boxInside(polygon, boxAt(scale))) inside = scale;
    else outside = scale;
  }
  const box = boxAt(inside);
  if (box.maxX - box.minX <= 2 * margin || box.maxY - box.minY <= 2 * margin) return undefined;
  return {
    minX: box.minX + margin,
    minY: box.minY + margin,
    maxX: box.maxX - margin,
    maxY: box.maxY - margin,
  };
}
