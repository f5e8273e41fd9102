import { MIN_PIECE_AREA_M2, MIN_PIECE_WIDTH_M } from '../model';

// Whether a piece of area is too small or too thin to count: the validator does not report such gaps,
// overlaps and slivers, and automatic division does not make them into grids.

/** Metres per degree of latitude (mean) and of longitude at the equator, for size estimates only. */
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320;

/** A box in degrees. */
export interface DegreeBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** Rough length in metres of a piece: the diagonal of its box. Over-estimates width for bent slivers. */
export function boxDiagonalM(box: DegreeBox): number {
  const midLat = ((box.minY + box.maxY) / 2) * (Math.PI / 180);
  const dx = (box.maxX - box.minX) * M_PER_DEG_LON * Math.cos(midLat);
  const dy = (box.maxY - box.minY) * M_PER_DEG_LAT;
  return Math.hypot(dx, dy);
}

/**
 * True when a piece of `areaM2` within `box` counts: at least `minAreaM2`, and at least `minWidthM` wide
 * on average (its area over the diagonal of its box). Slivers under a millimetre wide come from edges
 * drawn twice with floating-point noise.
 */
export function isSignificantArea(
  areaM2: number,
  box: DegreeBox,
  minAreaM2: number = MIN_PIECE_AREA_M2,
  minWidthM: number = MIN_PIECE_WIDTH_M,
): boolean {
  if (!(areaM2 >= minAreaM2)) return false;
  const extent = boxDiagonalM(box);
  return extent <= 0 || areaM2 / extent >= minWidthM;
}
