import { PieceCollector } from './coverage-pieces';
import type { Piece } from './coverage-pieces';
import type { PreparedPolygon } from './prepared-polygon';
import { sweepCoverage } from './sweep-coverage';

/** How a parent area is covered by its children. Pieces are unfiltered, largest first. */
export interface ParentCoverage {
  /** Pieces of the parent covered by none of the children. */
  readonly gaps: Piece[];
  /** For each child (same order as given), the pieces of it outside the parent. */
  readonly outside: Piece[][];
}

/**
 * Sweeps a parent (village/community, grid, township) with its children (grids, micro-grids,
 * communities) once, collecting both the uncovered pieces of the parent and, per child, the pieces that
 * lie outside the parent. Overlaps between children are found pair by pair elsewhere, from an index.
 */
export function parentCoverage(
  parent: PreparedPolygon,
  children: readonly PreparedPolygon[],
): ParentCoverage {
  const collector = new PieceCollector();
  const gapClass = -1;
  const count = children.length;
  sweepCoverage(
    [parent, ...children],
    (interval, inside, insideCount) => {
      if (inside[0]) {
        if (insideCount === 1) collector.add(gapClass, interval);
        return;
      }
      for (let i = 1; i <= count; i++) if (inside[i]) collector.add(i - 1, interval);
    },
    { onSlab: (y0, y1) => collector.startSlab(y0, y1) },
  );
  const byClass = collector.piecesByClass();
  return {
    gaps: byClass.get(gapClass) ?? [],
    outside: children.map((_, i) => byClass.get(i) ?? []),
  };
}
