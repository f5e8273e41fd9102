import { invalidGeometryProblem } from '../geometry/invalid-geometry-problem';
import type { Community, Grid, Problem } from '../model';
import { text } from '../model';

/**
 * Why a community cannot be divided or its grids rebalanced as they are, or undefined when it can: one
 * of the areas the overlay is built on (the community's boundary, the grids on it, the grids to
 * rebalance) is not a valid polygon. A boundary that crosses itself has no well-defined inside to
 * divide, and a tangle of thousands of crossings would make the planar overlay grow with the square of
 * its vertices (around a 401-point star, divide took 12 s; around a 1,000-point one, minutes). Holes and
 * repeated vertices are fine.
 */
export function unusableGeometry(
  community: Community,
  areas: readonly (Community | Grid)[],
): Problem | undefined {
  const where = text(
    `社区/行政村 ${community.code}「${community.name}」`,
    `community ${community.code} "${community.name}"`,
  );
  for (const area of areas) {
    const what =
      area.layer === 'community'
        ? text(`${where.zh}的边界`, `the boundary of ${where.en}`)
        : text(
            `${where.zh}上的网格 ${area.code}「${area.name}」`,
            `grid ${area.code} "${area.name}" on ${where.en}`,
          );
    const problem = invalidGeometryProblem(area.geometry, what);
    if (problem) return problem;
  }
  return undefined;
}
