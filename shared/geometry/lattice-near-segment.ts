/**
 * How far (in lattice units, 1e-9°) a crossing may slide along an existing edge to find a lattice point
 * almost exactly on it: 1024 units is about 0.1 m, far below what a planner can draw or see, and it
 * leaves ~2000 candidates, so the best one is typically ~2e-4 units (2e-13°) off the edge.
 */
export const CROSSING_WINDOW_UNITS = 1024;

/**
 * A lattice point strictly inside segment a–b (integer coordinates) and as close as possible to its line,
 * within `window` units of (px, py) along the segment's major axis. Undefined when the segment has no
 * lattice column (or row) strictly between its ends within the window.
 *
 * Why: a crossing of a drawn line with an existing edge must become a vertex of the existing polygon. A
 * plainly rounded crossing is up to 0.7e-9° off the edge, which bends the edge and changes the polygon's
 * area by ~1e-7 of a small grid. Sliding the crossing a few centimetres along the edge to a lattice point
 * that lies on it to ~1e-13° keeps areas to ~1e-10 and the edge straight for every neighbour sharing it.
 */
export function latticeNearSegment(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  px: number,
  py: number,
  window: number = CROSSING_WINDOW_UNITS,
): [number, number] | undefined {
  const dx = bx - ax;
  const dy = by - ay;
  const alongX = Math.abs(dx) >= Math.abs(dy);
  // Walk the major axis (one lattice line per step) and round the minor coordinate.
  const a0 = alongX ? ax : ay;
  const a1 = alongX ? bx : by;
  const b0 = alongX ? ay : ax;
  const slope = alongX ? dy / dx : dx / dy;
  const p = alongX ? px : py;
  const low = Math.max(Math.min(a0, a1) + 1, Math.round(p) - window);
  const high = Math.min(Math.max(a0, a1) - 1, Math.round(p) + window);
  const start = Math.min(Math.max(Math.round(p), low), high);
  let best: [number, number] | undefined;
  let bestOff = Infinity;
  // Outward from the crossing, so that among equally good points the nearest wins and an exact one ends
  // the search.
  for (let k = 0; start - k >= low || start + k <= high; k++) {
    for (const t of k === 0 ? [start] : [start - k, start + k]) {
      if (t < low || t > high) continue;
      const exact = b0 + (t - a0) * slope;
      const minor = Math.round(exact);
      const off = Math.abs(minor - exact);
      if (off < bestOff) {
        bestOff = off;
        best = alongX ? [t, minor] : [minor, t];
      }
    }
    if (bestOff === 0) break;
  }
  return best;
}
