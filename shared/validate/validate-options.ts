import type { Layer } from '../model';
import { EDGE_TOLERANCE_DEG } from '../geometry/locate-point';
import { DEFAULT_PIECE_TOLERANCE } from './significant-pieces';

/** Layers that have an area. */
export type AreaLayer = Exclude<Layer, 'census'>;
export const AREA_LAYERS: readonly AreaLayer[] = ['township', 'community', 'grid', 'microgrid'];

/** Options of validation. Every member has a default. */
export interface ValidateOptions {
  /** Overlaps, gaps and parts outside a parent smaller than this are not reported (m², default 1). */
  readonly minAreaM2?: number;
  /** Pieces thinner than this on average are floating-point slivers (m, default 0.01). */
  readonly minWidthM?: number;
  /** Distance in degrees within which a census point is on an edge (default 1e-8, about 1 mm). */
  readonly toleranceDeg?: number;
  /**
   * Layers whose polygons may have holes. Default: township and community (enclaves) and grid (an
   * exclusive grid enclosed by a community grid); a hole nobody fills is reported as a gap anyway.
   * Micro-grids, the smallest unit, may not have holes.
   */
  readonly holesAllowed?: readonly AreaLayer[];
  /** A clock in ms (e.g. `performance.now`), to time the phases of a validation; shared/ has no timer. */
  readonly now?: () => number;
}

/** Options with their defaults filled in. */
export interface ResolvedOptions {
  readonly minAreaM2: number;
  readonly minWidthM: number;
  readonly toleranceDeg: number;
  readonly holesAllowed: ReadonlySet<AreaLayer>;
}

/** Fills in defaults. */
export function resolveOptions(options: ValidateOptions = {}): ResolvedOptions {
  return {
    minAreaM2: options.minAreaM2 ?? DEFAULT_PIECE_TOLERANCE.minAreaM2,
    minWidthM: options.minWidthM ?? DEFAULT_PIECE_TOLERANCE.minWidthM,
    toleranceDeg: options.toleranceDeg ?? EDGE_TOLERANCE_DEG,
    holesAllowed: new Set(options.holesAllowed ?? ['township', 'community', 'grid']),
  };
}
