import { MIN_PIECE_AREA_M2, MIN_PIECE_WIDTH_M } from '../model';
import { isSignificantArea } from '../geometry/piece-size';
import type { Piece } from './coverage-pieces';

/** Tolerances that separate real problems from floating-point slivers. */
export interface PieceTolerance {
  /** Pieces smaller than this are not reported (`--min-area`, default 1 m²). */
  readonly minAreaM2: number;
  /** Pieces thinner than this on average (area over the diagonal of their box) are noise (1 cm). */
  readonly minWidthM: number;
}

/** Default tolerances: 1 m² and 1 cm. */
export const DEFAULT_PIECE_TOLERANCE: PieceTolerance = {
  minAreaM2: MIN_PIECE_AREA_M2,
  minWidthM: MIN_PIECE_WIDTH_M,
};

/** True when a piece is large and wide enough to report. */
export function isSignificant(piece: Piece, tolerance: PieceTolerance): boolean {
  return isSignificantArea(piece.areaM2, piece, tolerance.minAreaM2, tolerance.minWidthM);
}

/** The pieces worth reporting, largest first. */
export function significantPieces(pieces: readonly Piece[], tolerance: PieceTolerance): Piece[] {
  return pieces.filter((piece) => isSignificant(piece, tolerance));
}
