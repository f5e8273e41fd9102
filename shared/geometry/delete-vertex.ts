import type { Position } from 'geojson';
import type { Result } from '../model';
import { fail, ok, text } from '../model';
import { invalidGeometryProblem } from './invalid-geometry-problem';
import { polygonsOf } from './lattice';
import { editRings, samePoint, shortRingProblem } from './ring-edits';
import type { AreaInput, ChangedArea } from './trace-existing';

/**
 * Deletes a vertex from every area that has it, so an edge shared by two grids stays shared (both sides
 * lose the same vertex and get the same straight edge).
 *
 * Refuses when no area has the vertex; when a ring would keep fewer than three distinct vertices; when
 * the vertex is a junction of three or more boundaries (the areas have more than two different vertices
 * next to it: deleting it would open a gap or an overlap between them); and when an area would become
 * invalid (self-intersecting).
 */
export function deleteVertex(areas: readonly AreaInput[], at: Position): Result<ChangedArea[]> {
  const neighbours: Position[] = [];
  for (const area of areas) {
    for (const rings of polygonsOf(area.geometry)) {
      for (const ring of rings) {
        const n = ring.length - 1;
        for (let i = 0; i < n; i++) {
          if (!samePoint(ring[i]!, at)) continue;
          for (const q of [ring[(i - 1 + n) % n]!, ring[(i + 1) % n]!])
            if (!neighbours.some((p) => samePoint(p, q))) neighbours.push(q);
        }
      }
    }
  }
  if (neighbours.length > 2) {
    return fail({
      kind: 'junction',
      message: text(
        '这个顶点是三条或更多边界的交汇点，删除会在网格之间留下缝隙或重叠：请改为移动它。',
        'This vertex joins three or more boundaries; deleting it would leave a gap or an overlap between grids. Move it instead.',
      ),
    });
  }
  const changed: ChangedArea[] = [];
  for (const area of areas) {
    const edited = editRings(area.geometry, (ring) => ring.filter((p) => !samePoint(p, at)));
    if (!edited) continue;
    const what = text(`网格（${area.label ?? area.id}）`, `grid ${area.label ?? area.id}`);
    if (edited.shortRing) return fail(shortRingProblem(what));
    const invalid = invalidGeometryProblem(edited.geometry, what);
    if (invalid) {
      return fail({
        kind: 'invalid-delete',
        message: text(
          `删除这个顶点会使${what.zh}的边界自相交或无效。`,
          `Deleting this vertex would make the boundary of ${what.en} cross itself or become invalid.`,
        ),
      });
    }
    changed.push({ id: area.id, geometry: edited.geometry });
  }
  if (changed.length === 0) {
    return fail({
      kind: 'no-vertex',
      message: text('没有找到要删除的顶点。', 'No grid has a vertex at that place.'),
    });
  }
  return ok(changed);
}
