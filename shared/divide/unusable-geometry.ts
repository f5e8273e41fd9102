import { checkGeometry } from '../geometry/check-geometry';
import type { GeometryDefectKind } from '../geometry/check-geometry';
import type { Community, Grid, Problem } from '../model';
import { text } from '../model';

/** Defects that leave an outline without a well-defined inside: the overlay cannot be built on them. */
const UNUSABLE: ReadonlySet<GeometryDefectKind> = new Set([
  'empty',
  'bad-coordinate',
  'unclosed-ring',
  'short-ring',
  'self-intersection',
  'ring-crossing',
  'hole-outside',
]);

/**
 * Why a community cannot be divided or its grids rebalanced as they are, or undefined when it can: one
 * of the areas the overlay is built on (the community's boundary, the grids on it, the grids to
 * rebalance) is not a valid polygon. A boundary that crosses itself has no well-defined
 * inside to divide, and a tangle of thousands of crossings would make the planar overlay grow with the
 * square of its vertices (a 1,000-point star ran out of memory after minutes). Holes and repeated
 * vertices are fine.
 */
export function unusableGeometry(
  community: Community,
  areas: readonly (Community | Grid)[],
): Problem | undefined {
  const bad = areas.find((area) =>
    checkGeometry(area.geometry, { holesAllowed: true }).some((defect) => UNUSABLE.has(defect.kind)),
  );
  if (!bad) return undefined;
  const which =
    bad.layer === 'community'
      ? text(
          `社区/村 ${community.code}「${community.name}」的边界`,
          `the boundary of community ${community.code} "${community.name}"`,
        )
      : text(
          `社区/村 ${community.code}「${community.name}」上的网格 ${bad.code}「${bad.name}」`,
          `grid ${bad.code} "${bad.name}" on community ${community.code} "${community.name}"`,
        );
  return {
    kind: 'invalid-geometry',
    message: text(
      `${which.zh}几何无效（自相交、未闭合或坐标无效），无法自动划分。请先按“几何无效”的校验结果修复，再划分。`,
      `Cannot divide: ${which.en} is not a valid polygon (it crosses itself, is not closed or has invalid coordinates). Repair it as the invalid geometry check shows, then divide again.`,
    ),
  };
}
