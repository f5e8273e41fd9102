import type { Box } from './box-index';

/**
 * An area geometry flattened for fast repeated tests: every ring of every part as closed runs of x,y
 * pairs in one typed array, with its bounding box. Parts and holes are not told apart: point location
 * and coverage use the even-odd rule, which needs neither ring orientation nor part structure, so a
 * wrongly wound or self-intersecting polygon still gives a meaningful answer.
 */
export interface PreparedPolygon {
  /** x (longitude), y (latitude) pairs of all rings; each ring repeats its first vertex at its end. */
  readonly coords: Float64Array;
  /** For each ring, the index (in vertices, not numbers) one past its closing vertex. */
  readonly ringEnds: Uint32Array;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  /** True when no ring has three distinct finite vertices: the polygon covers nothing. */
  readonly empty: boolean;
  /** A box strictly inside, more than the edge tolerance from every edge (see `innerBox`). */
  readonly inner?: Box;
}
