import type { Position } from 'geojson';
import type { Result } from '../model';
import { fail, ok, text } from '../model';
import { invalidGeometryProblem } from './invalid-geometry-problem';
import { roundPosition, toUnits } from './lattice';
import { editRings, shortRingProblem } from './ring-edits';
import type { AreaInput, ChangedArea } from './trace-existing';

/** Options of {@link moveSharedVertex}. */
export interface MoveVertexOptions {
  /**
   * Vertices within this distance (degrees) of `from` move too: copies of a shared corner drawn with
   * floating-point noise. Default 0: only vertices at exactly the same 9-decimal position.
   */
  readonly toleranceDeg?: number;
}

/**
 * Topological editing: moves a vertex and, with it, the same vertex of every other area that has it, so
 * grids that share the corner stay joined. Nothing else changes: no vertex is inserted anywhere (a vertex
 * moved onto its neighbour merges with it). Returns the areas that changed.
 *
 * Refuses when no area has the vertex, when a ring would be left with fewer than three vertices, and when
 * an area would become invalid (self-intersecting). Overlaps with areas that do not share the vertex are
 * not checked here: the validator reports them.
 */
export function moveSharedVertex(
  areas: readonly AreaInput[],
  from: Position,
  to: Position,
  options: MoveVertexOptions = {},
): Result<ChangedArea[]> {
  const fx = toUnits(from[0]!);
  const fy = toUnits(from[1]!);
  const tolerance = Math.round((options.toleranceDeg ?? 0) * 1e9);
  const target = roundPosition(to);
  const matches = (p: Position): boolean => Math.hypot(toUnits(p[0]!) - fx, toUnits(p[1]!) - fy) <= tolerance;
  const changed: ChangedArea[] = [];
  for (const area of areas) {
    const edited = editRings(area.geometry, (ring) => ring.map((p) => (matches(p) ? target : p)));
    if (!edited) continue;
    const what = text(`网格（${area.label ?? area.id}）`, `grid ${area.label ?? area.id}`);
    if (edited.shortRing) return fail(shortRingProblem(what));
    const invalid = invalidGeometryProblem(edited.geometry, what);
    if (invalid) {
      return fail({
        kind: 'invalid-move',
        message: text(
          `移到这里会使${what.zh}的边界自相交或无效：请换一个位置。`,
          `Moving the vertex here would make the boundary of ${what.en} cross itself or become invalid: choose another place.`,
        ),
      });
    }
    changed.push({ id: area.id, geometry: edited.geometry });
  }
  if (changed.length === 0) {
    return fail({
      kind: 'no-vertex',
      message: text('没有找到要移动的顶点。', 'No grid has a vertex at that place.'),
    });
  }
  return ok(changed);
}
