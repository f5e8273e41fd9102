import { MIN_PIECE_AREA_M2 } from '../model';
import type { Polygon } from 'geojson';
import type { AreaGeometry, LocalText, Result } from '../model';
import { ok, text } from '../model';
import { overlayNewArea } from './new-area-overlay';
import type { AreaInput, ChangedArea } from './trace-existing';

/** Options of {@link clipToParentAndAvoidOverlap}. */
export interface ClipOptions {
  /** Pieces of the new grid under this area (m²) are dropped as slivers. Default 1. */
  readonly minPieceAreaM2?: number;
  /** Names the new grid in messages; default 网格 / the grid. */
  readonly what?: LocalText;
}

/** The result of {@link clipToParentAndAvoidOverlap}. */
export interface ClipResult {
  /** The new grid: drawn ∩ parent − existing, one polygon. */
  readonly geometry: Polygon;
  /** Existing grids that gained the new grid's vertices on edges they share with it (shape unchanged). */
  readonly neighbours: readonly ChangedArea[];
}

/**
 * Clips a newly drawn grid to its community and removes what existing grids already cover ("avoid
 * overlap", as QGIS's avoid-intersections editing does). Along an existing grid the new grid's boundary is
 * made of that grid's own vertices, and where the drawing crosses an existing edge the new vertex is
 * given to that grid too, so every shared edge is identical on both sides.
 *
 * Refuses an invalid drawing, one entirely outside the community or over existing grids, and one whose
 * remainder falls into several pieces (slivers under `minPieceAreaM2` are dropped first).
 */
export function clipToParentAndAvoidOverlap(
  drawn: AreaGeometry,
  parent: AreaGeometry | undefined,
  existing: readonly AreaInput[],
  options: ClipOptions = {},
): Result<ClipResult> {
  const result = overlayNewArea({
    drawn,
    ...(parent ? { parent } : {}),
    carveFrom: [],
    avoid: existing,
    minPieceAreaM2: options.minPieceAreaM2 ?? MIN_PIECE_AREA_M2,
    what: options.what ?? text('网格', 'the grid'),
  });
  if (!result.ok) return result;
  return ok({ geometry: result.value.geometry, neighbours: result.value.touched });
}
