import type { Position } from 'geojson';
import type { Result } from '../model';
import { fail, ok, text } from '../model';
import { latticeNearSegment } from './lattice-near-segment';
import { toDegrees, toUnits } from './lattice';
import { editRings, samePoint } from './ring-edits';
import type { AreaInput, ChangedArea } from './trace-existing';

/** The result of {@link insertVertex}: the new vertex and the areas that gained it. */
export interface InsertVertexResult {
  readonly position: Position;
  readonly changed: readonly ChangedArea[];
}

/**
 * Inserts a vertex on the edge from `edgeStart` to `edgeEnd`, in every area that has that edge (either
 * direction), so an edge shared by two grids stays identical. The vertex goes at `at` projected onto the
 * edge, or at the edge's middle, on a lattice point that lies on the edge to ~1e-13°: the shape does not
 * change until the planner drags the new vertex (see `moveSharedVertex`).
 *
 * Refuses when no area has the edge or the edge is too short to hold another 9-decimal vertex.
 */
export function insertVertex(
  areas: readonly AreaInput[],
  edgeStart: Position,
  edgeEnd: Position,
  at?: Position,
): Result<InsertVertexResult> {
  const ax = toUnits(edgeStart[0]!);
  const ay = toUnits(edgeStart[1]!);
  const bx = toUnits(edgeEnd[0]!);
  const by = toUnits(edgeEnd[1]!);
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  let t = 0.5;
  if (at && length2 > 0) {
    const projected = ((at[0]! * 1e9 - ax) * dx + (at[1]! * 1e9 - ay) * dy) / length2;
    t = Math.min(1, Math.max(0, projected));
  }
  const near = latticeNearSegment(ax, ay, bx, by, ax + t * dx, ay + t * dy, 64);
  if (!near) {
    return fail({
      kind: 'edge-too-short',
      message: text('这条边太短，放不下新的顶点。', 'This edge is too short to take another vertex.'),
    });
  }
  const position: Position = [toDegrees(near[0]), toDegrees(near[1])];
  const changed: ChangedArea[] = [];
  for (const area of areas) {
    const edited = editRings(area.geometry, (ring) => {
      const out: Position[] = [];
      ring.forEach((p, i) => {
        out.push(p);
        const q = ring[(i + 1) % ring.length]!;
        if (
          (samePoint(p, edgeStart) && samePoint(q, edgeEnd)) ||
          (samePoint(p, edgeEnd) && samePoint(q, edgeStart))
        )
          out.push(position);
      });
      return out;
    });
    if (edited) changed.push({ id: area.id, geometry: edited.geometry });
  }
  if (changed.length === 0) {
    return fail({
      kind: 'no-edge',
      message: text('没有找到这条边。', 'No grid has this edge.'),
    });
  }
  return ok({ position, changed });
}
