import type { Position } from 'geojson';
import { snapCoordinate } from '../../shared/geometry/snap-coordinate';
import type { SnapCandidate } from '../../shared/geometry/snap-coordinate';
import type { AreaGeometry, Division, ReferenceLayer } from '../../shared/model';
import { visibleReferenceLines } from '../../shared/geometry/reference-lines';

/** The feature under vertex editing, which snapping leaves out. */
export interface SnapExclusion {
  readonly layer: 'grid' | 'microgrid';
  readonly id: string;
  readonly geometry: AreaGeometry;
}

/** Screen distance within which the pointer snaps, in CSS pixels. */
export const SNAP_PIXELS = 12;

function boxOf(geometry: AreaGeometry): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of polygons)
    for (const ring of rings)
      for (const [x, y] of ring) {
        if (x! < minX) minX = x!;
        if (y! < minY) minY = y!;
        if (x! > maxX) maxX = x!;
        if (y! > maxY) maxY = y!;
      }
  return [minX, minY, maxX, maxY];
}

const boxes = new WeakMap<AreaGeometry, [number, number, number, number]>();
function cachedBox(geometry: AreaGeometry): [number, number, number, number] {
  let box = boxes.get(geometry);
  if (!box) {
    box = boxOf(geometry);
    boxes.set(geometry, box);
  }
  return box;
}

/**
 * Snaps a pointer to the nearest vertex, else edge, of the grids, micro-grids and community boundaries
 * near it, and of the visible reference layers' lines and outlines (shared/geometry/snap-coordinate),
 * with a tolerance of {@link SNAP_PIXELS} screen pixels turned into degrees at the pointer. Only shapes
 * whose box is within reach are tried, so the cost follows what is under the pointer, not the size of
 * the township.
 *
 * `editing`: the grid whose vertices are being dragged. Only other features are snapped to: neither its
 * own vertices and edges nor the copies its neighbours share (they move with it), so a small drag stays
 * where the planner put it instead of snapping back (issue 11 item 8).
 */
export function snapToDivision(
  division: Division,
  position: Position,
  toleranceDeg: number,
  references: readonly ReferenceLayer[] = [],
  editing?: SnapExclusion,
): { position: Position; kind: 'vertex' | 'edge' } | undefined {
  const [x, y] = position as [number, number];
  const candidates: SnapCandidate[] = visibleReferenceLines(references, [x, y, x, y], toleranceDeg);
  for (const layer of ['community', 'grid', 'microgrid'] as const) {
    for (const entity of division[layer].values()) {
      const [minX, minY, maxX, maxY] = cachedBox(entity.geometry);
      if (
        x < minX - toleranceDeg ||
        x > maxX + toleranceDeg ||
        y < minY - toleranceDeg ||
        y > maxY + toleranceDeg
      )
        continue;
      if (editing && layer === editing.layer && entity.id === editing.id) continue;
      candidates.push({ id: entity.id, geometry: entity.geometry });
    }
  }
  const result = snapCoordinate(position, candidates, { toleranceDeg }, editing?.geometry);
  return result.kind === 'none' ? undefined : { position: result.position, kind: result.kind };
}
