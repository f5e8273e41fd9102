import type { Hatch, PagePoint, SceneArea } from './map-scene';

/**
 * Parallel lines covering a box at the hatch's angle and spacing (clipped to the area by the caller).
 * Lines are anchored to the page origin, so neighbouring areas' hatches line up.
 */
export function hatchSegments(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  hatch: Hatch,
): [PagePoint, PagePoint][] {
  // Page y grows downwards: a visually counter-clockwise angle has a negative y direction.
  const angle = (hatch.angle * Math.PI) / 180;
  const dx = Math.cos(angle);
  const dy = -Math.sin(angle);
  // Normal to the lines; offsets along it select the lines crossing the box.
  const nx = -dy;
  const ny = dx;
  const corners: PagePoint[] = [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ];
  const offsets = corners.map(([x, y]) => x * nx + y * ny);
  const along = corners.map(([x, y]) => x * dx + y * dy);
  const lowOffset = Math.floor(Math.min(...offsets) / hatch.spacing) * hatch.spacing;
  const highOffset = Math.max(...offsets);
  const t0 = Math.min(...along);
  const t1 = Math.max(...along);
  const segments: [PagePoint, PagePoint][] = [];
  for (let o = lowOffset; o <= highOffset; o += hatch.spacing) {
    segments.push([
      [o * nx + t0 * dx, o * ny + t0 * dy],
      [o * nx + t1 * dx, o * ny + t1 * dy],
    ]);
  }
  return segments;
}

/** The hatch lines over an area's bounding box (none for an area without points), to be clipped to its rings. */
export function areaHatchSegments(area: SceneArea, hatch: Hatch): [PagePoint, PagePoint][] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const ring of area.rings)
    for (const [x, y] of ring) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  return Number.isFinite(x0) ? hatchSegments(x0, y0, x1, y1, hatch) : [];
}
