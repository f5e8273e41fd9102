import { PieceCollector } from './coverage-pieces';
import type { Piece } from './coverage-pieces';
import { boxesOverlap } from '../geometry/prepared-polygon';
import type { PreparedPolygon } from '../geometry/prepared-polygon';
import { sweepCoverage } from './sweep-coverage';

/**
 * The connected pieces where two polygons overlap, largest first, unfiltered (see
 * {@link significantPieces}). Only the latitudes where both boxes meet are swept.
 */
export function overlapPieces(a: PreparedPolygon, b: PreparedPolygon): Piece[] {
  if (!boxesOverlap(a, b)) return [];
  const collector = new PieceCollector();
  sweepCoverage([a, b], (interval) => collector.add(0, interval), {
    onSlab: (y0, y1) => collector.startSlab(y0, y1),
    window: { minY: Math.max(a.minY, b.minY), maxY: Math.min(a.maxY, b.maxY) },
    // Only stretches inside both polygons are visited.
    minInside: 2,
  });
  return collector.pieces(0);
}
