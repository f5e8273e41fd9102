import type { Hatch, PagePoint } from './map-scene';

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
