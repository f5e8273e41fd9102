import type { Polygon } from 'geojson';
import type { AreaGeometry, Result } from '../model';
import { MIN_PIECE_AREA_M2, ok } from '../model';
import { polygonAreaM2 } from './ellipsoid-area';
import { buildOverlay } from './planar-overlay';

/**
 * Cuts a polygon along the boundaries of parts that tile (or overlap) it: for each part, the pieces of the
 * polygon inside it (polygon ∩ part, one polygon per connected piece). Used when a grid is split and its
 * micro-grids must follow the new grids. All pieces are traced from one overlay, so two pieces that meet
 * share their edge vertex for vertex; the parts' boundaries are fixed inputs and do not move. Pieces under
 * `minPieceAreaM2` (default 1 m²) are dropped as slivers. Refuses only what the overlay refuses.
 */
export function clipToParts(
  polygon: AreaGeometry,
  parts: readonly AreaGeometry[],
  minPieceAreaM2: number = MIN_PIECE_AREA_M2,
): Result<Polygon[][]> {
  const built = buildOverlay({
    polygons: [
      ...parts.map((geometry) => ({ geometry, role: 'fixed' as const })),
      { geometry: polygon, role: 'fixed' as const },
    ],
  });
  if (!built.ok) return built;
  const overlay = built.value;
  const source = parts.length;
  return ok(
    parts.map((_, part) =>
      overlay
        .connectedGroups((face) => overlay.inside(face, source) && overlay.inside(face, part), false)
        .flatMap((group) => overlay.polygonsOf(new Set(group)))
        .filter((piece) => polygonAreaM2(piece) >= minPieceAreaM2),
    ),
  );
}
