import { PieceCollector } from './coverage-pieces';
import type { Piece } from './coverage-pieces';
import { boxesOverlap } from './prepared-polygon';
import type { PreparedPolygon } from './prepared-polygon';
import { sweepCoverage } from './sweep-coverage';

/**
 * The connected pieces where two polygons overlap, largest first, unfiltered (see
 * {@link significantPieces}). Only the latitudes where both boxes meet are swept.
 */
export function overlapPieces(a: PreparedPolygon, b: PreparedPolygon): Piece[] {
  if (!boxesOverlap(a, b)) return [];
  const collector = new PieceCollector();
  const minX = Math.max(a.minX, b.minX);
  const maxX = Math.min(a.maxX, b.maxX);
  sweepCoverage(
    [a, b],
    (interval, inside) => {
      // Stretches outside the common box cannot be in both; skipping them saves the collector work.
      if (
        inside[0] &&
        inside[1] &&
        Math.max(interval.right0, interval.right1) > minX &&
        Math.min(interval.left0, interval.left1) < maxX
      ) {
        collector.add(0, interval);
      }
    },
    (y0, y1) => collector.startSlab(y0, y1),
    { minY: Math.max(a.minY, b.minY), maxY: Math.min(a.maxY, b.maxY) },
  );
  return collector.pieces(0);
}
