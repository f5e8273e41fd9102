import { MIN_PIECE_AREA_M2 } from '../model';
import type { Piece } from './coverage-pieces';

/** Metres per degree of latitude (mean) and of longitude at the equator, for size estimates only. */
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320;

/** Tolerances that separate real problems from floating-point slivers. */
export interface PieceTolerance {
  /** Pieces smaller than this are not reported (`--min-area`, default 1 m²). */
  readonly minAreaM2: number;
  /**
   * Pieces thinner than this on average (area divided by their extent) are noise from edges drawn twice:
   * a 1e-9° misfit along kilometres of shared edges makes a sliver of a few m² but under a millimetre wide.
   * Default 0.01 m (1 cm, finer than any survey a grid is drawn from).
   */
  readonly minWidthM: number;
}

/** Default tolerances: 1 m² and 1 cm. */
export const DEFAULT_PIECE_TOLERANCE: PieceTolerance = { minAreaM2: MIN_PIECE_AREA_M2, minWidthM: 0.01 };

/** Rough length in metres of a piece: the diagonal of its box. Over-estimates width for bent slivers. */
export function pieceExtentM(piece: Piece): number {
  const midLat = ((piece.minY + piece.maxY) / 2) * (Math.PI / 180);
  const dx = (piece.maxX - piece.minX) * M_PER_DEG_LON * Math.cos(midLat);
  const dy = (piece.maxY - piece.minY) * M_PER_DEG_LAT;
  return Math.hypot(dx, dy);
}

/** True when a piece is large and wide enough to report. */
export function isSignificant(piece: Piece, tolerance: PieceTolerance): boolean {
  if (!(piece.areaM2 >= tolerance.minAreaM2)) return false;
  const extent = pieceExtentM(piece);
  return extent <= 0 || piece.areaM2 / extent >= tolerance.minWidthM;
}

/** The pieces worth reporting, largest first. */
export function significantPieces(pieces: readonly Piece[], tolerance: PieceTolerance): Piece[] {
  return pieces.filter((piece) => isSignificant(piece, tolerance));
}
