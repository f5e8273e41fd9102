import { MIN_PIECE_AREA_M2 } from '../model';
import type { Polygon } from 'geojson';
import type { AreaGeometry, LocalText, Result } from '../model';
import { ok, text } from '../model';
import { overlayNewArea } from './new-area-overlay';
import type { ReducedArea } from './new-area-overlay';
import type { AreaInput, ChangedArea } from './trace-existing';

/** What {@link carvePolygon} cuts, and from what. */
export interface CarveInput {
  /** The exclusive area the planner drew (school, park, …). */
  readonly drawn: AreaGeometry;
  /** The community it belongs to: the carved area is clipped to it. None: not clipped. */
  readonly parent?: AreaGeometry;
  /** Grids the carved area is cut out of: they lose what it covers. */
  readonly carveFrom: readonly AreaInput[];
  /**
   * Grids that keep their shape (e.g. existing exclusive grids): the carved area avoids them. Give here
   * also the other grids near the drawing, so that they take the new vertices on edges they share.
   */
  readonly avoid?: readonly AreaInput[];
  /** Slivers under this area (m²) are tidied: see `overlayNewArea`. Default 1. */
  readonly minPieceAreaM2?: number;
  /** Names the carved area in messages; default 专属网格 / the exclusive grid. */
  readonly what?: LocalText;
}

/** The result of {@link carvePolygon}. */
export interface CarveResult {
  /** The carved area: drawn ∩ parent − avoided, one polygon (holes possible). */
  readonly carved: Polygon;
  /**
   * Grids of `carveFrom` whose shape changed. `pieces` is empty when the carved area covers the grid
   * entirely (delete it) and has two or more entries when the carved area cuts it apart.
   */
  readonly reduced: readonly ReducedArea[];
  /** Grids of `avoid` that gained vertices on an edge they share with the carved area. */
  readonly touched: readonly ChangedArea[];
}

/**
 * Cuts a drawn exclusive area out of the grids it overlaps. The carved area is clipped to its community
 * and avoids the `avoid` grids; the overlapped grids lose exactly what it covers, and their new boundary
 * runs through exactly the carved area's vertices (both come from one planar overlay).
 *
 * A grid the carved area splits into pieces is not refused here: it is reported with its pieces, and the
 * command decides (by default it refuses and asks the planner to split the grid first; see
 * `carveExclusiveGridCommand`). Refuses an invalid drawing, a drawing entirely outside the community or
 * over avoided grids, and one that falls into several pieces.
 */
export function carvePolygon(input: CarveInput): Result<CarveResult> {
  const result = overlayNewArea({
    drawn: input.drawn,
    ...(input.parent ? { parent: input.parent } : {}),
    carveFrom: input.carveFrom,
    avoid: input.avoid ?? [],
    minPieceAreaM2: input.minPieceAreaM2 ?? MIN_PIECE_AREA_M2,
    what: input.what ?? text('专属网格', 'the exclusive grid'),
  });
  if (!result.ok) return result;
  const { geometry, reduced, touched } = result.value;
  return ok({ carved: geometry, reduced, touched });
}
