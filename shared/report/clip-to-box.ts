import type { PageBox, PagePoint } from './map-scene';

type Edge = (p: PagePoint) => number;

/**
 * Clips a closed ring to a rectangle (Sutherland–Hodgman): the part of the area inside the rectangle,
 * with new edges along the rectangle's sides. Callers clip to a rectangle a little larger than the visible
 * one, so those new edges are never seen while the file keeps only what is on the page.
 */
export function clipRingToBox(ring: readonly PagePoint[], box: PageBox): PagePoint[] {
  const edges: Edge[] = [
    (p) => p[0] - box.x,
    (p) => box.x + box.width - p[0],
    (p) => p[1] - box.y,
    (p) => box.y + box.height - p[1],
  ];
  let points: PagePoint[] = [...ring];
  for (const inside of edges) {
    if (points.length === 0) break;
    const out: PagePoint[] = [];
    for (let i = 0; i < points.length; i++) {
      const current = points[i]!;
      const previous = points[(i + points.length - 1) % points.length]!;
      const dc = inside(current);
      const dp = inside(previous);
      if (dc >= 0) {
        if (dp < 0) out.push(cross(previous, current, dp, dc));
        out.push(current);
      } else if (dp >= 0) out.push(cross(previous, current, dp, dc));
    }
    points = out;
  }
  return points;
}

function cross(a: PagePoint, b: PagePoint, da: number, db: number): PagePoint {
  const t = da / (da - db);
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** The part of a segment inside a rectangle (Liang–Barsky), or undefined when it misses it. */
export function clipSegmentToBox(
  a: PagePoint,
  b: PagePoint,
  box: PageBox,
): [PagePoint, PagePoint] | undefined {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const checks: [number, number][] = [
    [-dx, a[0] - box.x],
    [dx, box.x + box.width - a[0]],
    [-dy, a[1] - box.y],
    [dy, box.y + box.height - a[1]],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q < 0) return undefined;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return undefined;
  }
  return [
    [a[0] + t0 * dx, a[1] + t0 * dy],
    [a[0] + t1 * dx, a[1] + t1 * dy],
  ];
}

/** Splits a polyline into the runs whose segments touch the rectangle (others are dropped). */
export function clipLineToBox(line: readonly PagePoint[], box: PageBox): PagePoint[][] {
  const runs: PagePoint[][] = [];
  let run: PagePoint[] = [];
  const x1 = box.x + box.width;
  const y1 = box.y + box.height;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const touches =
      Math.max(a[0], b[0]) >= box.x &&
      Math.min(a[0], b[0]) <= x1 &&
      Math.max(a[1], b[1]) >= box.y &&
      Math.min(a[1], b[1]) <= y1;
    if (touches) {
      if (run.length === 0) run.push(a);
      run.push(b);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 1) runs.push(run);
  return runs;
}
