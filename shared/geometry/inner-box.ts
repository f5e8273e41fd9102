import type { Box } from './box-index';
import { interiorPoint } from './interior-point';
import { EDGE_TOLERANCE_DEG, locatePoint, PointLocation } from './locate-point';
import type { PreparedPolygon } from './prepared-polygon-type';

// The clipped parameter range of the segment being tested by segmentMeetsBox (module state, not an array
// per call: it runs for every edge of every polygon, ten times each, when polygons are prepared).
let clipFrom = 0;
let clipTo = 1;

/** One boundary of Liang–Barsky clipping: narrows [clipFrom, clipTo], false when nothing is left. */
function clipBoundary(p: number, q: number): boolean {
  if (p === 0) return !(q < 0);
  const r = q / p;
  if (p < 0) {
    if (r > clipTo) return false;
    if (r > clipFrom) clipFrom = r;
  } else {
    if (r < clipFrom) return false;
    if (r < clipTo) clipTo = r;
  }
  return true;
}

/** True when the segment meets the closed box (Liang–Barsky clipping, written out: no allocation). */
function segmentMeetsBox(x1: number, y1: number, x2: number, y2: number, box: Box): boolean {
  clipFrom = 0;
  clipTo = 1;
  return (
    clipBoundary(-(x2 - x1), x1 - box.minX) &&
    clipBoundary(x2 - x1, box.maxX - x1) &&
    clipBoundary(-(y2 - y1), y1 - box.minY) &&
    clipBoundary(y2 - y1, box.maxY - y1)
  );
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
