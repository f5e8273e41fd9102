import { PieceCollector } from './coverage-pieces';
import type { Piece } from './coverage-pieces';
import type { PreparedPolygon } from '../geometry/prepared-polygon';
import { sweepCoverage } from './sweep-coverage';

/** Where two children of a parent overlap (indexes into the children, `first` < `second`). */
export interface ChildOverlap {
  readonly first: number;
  readonly second: number;
  readonly pieces: Piece[];
}

/** How a parent area is covered by its children. Pieces are unfiltered, largest first. */
export interface ParentCoverage {
  /** Pieces of the parent covered by none of the children. */
  readonly gaps: Piece[];
  /** For each child (same order as given), the pieces of it outside the parent. */
  readonly outside: Piece[][];
  /** Pairs of children that overlap, anywhere (inside the parent or not). */
  readonly overlaps: ChildOverlap[];
}

/**
 * Sweeps a parent (village/community, grid, township) with its children (grids, micro-grids,
 * communities) once, collecting the uncovered pieces of the parent, per child the pieces outside the
 * parent, and per pair of children the pieces where both lie. Overlaps between entities of different
 * parents are found pair by pair, from an index.
 */
export function parentCoverage(
  parent: PreparedPolygon,
  children: readonly PreparedPolygon[],
): ParentCoverage {
  const collector = new PieceCollector();
  const count = children.length;
  // Classes: -1 the gap, 0..count-1 a child's outside, count + first·count + second an overlap.
  const gapClass = -1;
  const overlapClasses = new Set<number>();
  sweepCoverage(
    [parent, ...children],
    (interval, inside, insideCount, insideList) => {
      const inParent = inside[0]!;
      const inChildren = insideCount - inParent;
      if (inChildren === 0) {
        collector.add(gapClass, interval);
        return;
      }
      if (!inParent) {
        for (let k = 0; k < insideCount; k++) collector.add(insideList[k]! - 1, interval);
      }
      if (inChildren < 2) return;
      // Two children or more: rare (a real overlap), so the pairs are listed plainly.
      for (let k = 0; k < insideCount; k++) {
        const a = insideList[k]!;
        if (a === 0) continue;
        for (let l = 0; l < insideCount; l++) {
          const b = insideList[l]!;
          if (b <= a) continue;
          const overlapClass = count + (a - 1) * count + (b - 1);
          overlapClasses.add(overlapClass);
          collector.add(overlapClass, interval);
        }
      }
    },
    { onSlab: (y0, y1) => collector.startSlab(y0, y1) },
  );
  const byClass = collector.piecesByClass();
  const overlaps = [...overlapClasses]
    .sort((a, b) => a - b)
    .map((overlapClass) => ({
      first: Math.floor((overlapClass - count) / count),
      second: (overlapClass - count) % count,
      pieces: byClass.get(overlapClass) ?? [],
    }));
  return {
    gaps: byClass.get(gapClass) ?? [],
    outside: children.map((_, i) => byClass.get(i) ?? []),
    overlaps,
  };
}
