import type { SlabInterval } from './sweep-coverage';

/** A connected piece of a coverage class (a gap, an overlap, a part outside a parent). */
export interface Piece {
  readonly areaM2: number;
  /** A point inside the piece (the centre of its largest trapezoid), [lon, lat]. */
  readonly at: readonly [number, number];
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

interface Part {
  parent: number;
  classId: number;
  areaM2: number;
  bestArea: number;
  atX: number;
  atY: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

interface Open {
  /** Bottom and top x ranges of an interval, with its part. */
  readonly left0: number;
  readonly right0: number;
  readonly left1: number;
  readonly right1: number;
  readonly part: number;
}

/**
 * Joins the trapezoids a {@link sweepCoverage} emits, class by class, into connected pieces: a trapezoid
 * joins those of the slab below whose top shares a stretch of positive length with its bottom, and its
 * neighbour in the same slab when they share a side. Pieces touching only at a point stay apart.
 */
export class PieceCollector {
  private readonly parts: Part[] = [];
  private previous = new Map<number, Open[]>();
  private current = new Map<number, Open[]>();
  private slabTop = Number.NaN;
  /** Intervals added in the current and the previous slab: most slabs add none and cost nothing. */
  private addedHere = 0;
  private addedBelow = 0;

  /** Starts a slab: the intervals of the slab just finished are those new intervals may join. */
  startSlab(y0: number, y1: number): void {
    const contiguous = this.slabTop === y0;
    this.slabTop = y1;
    if (this.addedHere === 0 && this.addedBelow === 0) return;
    // Swap the two maps and empty the lists in place: a sweep has thousands of slabs, and allocating
    // per slab made the garbage collector a third of the validation time.
    const recycled = this.previous;
    this.previous = this.current;
    this.current = recycled;
    for (const list of this.current.values()) list.length = 0;
    if (!contiguous) for (const list of this.previous.values()) list.length = 0;
    this.addedBelow = contiguous ? this.addedHere : 0;
    this.addedHere = 0;
  }

  /** Adds an interval of class `classId` (any integer the caller chooses) to the current slab. */
  add(classId: number, interval: SlabInterval): void {
    const id = this.parts.length;
    this.addedHere++;
    this.parts.push({
      parent: id,
      classId,
      areaM2: interval.areaM2,
      bestArea: interval.areaM2,
      atX: (interval.left0 + interval.right0 + interval.left1 + interval.right1) / 4,
      atY: (interval.y0 + interval.y1) / 2,
      minX: Math.min(interval.left0, interval.left1),
      maxX: Math.max(interval.right0, interval.right1),
      minY: interval.y0,
      maxY: interval.y1,
    });
    const below = this.previous.get(classId);
    if (below) {
      for (const open of below) {
        // Tops of the slab below and bottoms of this one lie on the same latitude: compare x ranges.
        if (Math.min(open.right1, interval.right0) - Math.max(open.left1, interval.left0) > 0) {
          this.union(open.part, id);
        }
      }
    }
    let here = this.current.get(classId);
    if (!here) {
      here = [];
      this.current.set(classId, here);
    }
    const last = here[here.length - 1];
    // Two stretches of one class side by side are split by an edge that does not change the class
    // (another polygon's edge): they are one piece.
    if (last && last.right0 === interval.left0 && last.right1 === interval.left1) this.union(last.part, id);
    here.push({
      left0: interval.left0,
      right0: interval.right0,
      left1: interval.left1,
      right1: interval.right1,
      part: id,
    });
  }

  private find(i: number): number {
    const parts = this.parts;
    while (parts[i]!.parent !== i) {
      const p = parts[i]!.parent;
      parts[i]!.parent = parts[p]!.parent;
      i = p;
    }
    return i;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const A = this.parts[ra]!;
    const B = this.parts[rb]!;
    B.parent = ra;
    A.areaM2 += B.areaM2;
    if (B.bestArea > A.bestArea) {
      A.bestArea = B.bestArea;
      A.atX = B.atX;
      A.atY = B.atY;
    }
    A.minX = Math.min(A.minX, B.minX);
    A.minY = Math.min(A.minY, B.minY);
    A.maxX = Math.max(A.maxX, B.maxX);
    A.maxY = Math.max(A.maxY, B.maxY);
  }

  /** The connected pieces of each class, largest first. */
  piecesByClass(): Map<number, Piece[]> {
    const byClass = new Map<number, Piece[]>();
    for (let i = 0; i < this.parts.length; i++) {
      if (this.find(i) !== i) continue;
      const p = this.parts[i]!;
      let list = byClass.get(p.classId);
      if (!list) {
        list = [];
        byClass.set(p.classId, list);
      }
      list.push({
        areaM2: p.areaM2,
        at: [p.atX, p.atY],
        minX: p.minX,
        minY: p.minY,
        maxX: p.maxX,
        maxY: p.maxY,
      });
    }
    for (const list of byClass.values()) list.sort((a, b) => b.areaM2 - a.areaM2);
    return byClass;
  }

  /** The connected pieces of one class, largest first. */
  pieces(classId: number): Piece[] {
    return this.piecesByClass().get(classId) ?? [];
  }
}
