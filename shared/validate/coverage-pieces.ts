import type { SlabInterval } from './sweep-coverage';
import { MAX_PIECE_INTERVALS, MAX_PIECE_PARTS, SweepTooComplex } from './sweep-too-complex';

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

/** The intervals of one class in one slab, left to right, and how far the slab above has read them. */
interface SlabRow {
  readonly opens: Open[];
  /** Opens before this one end left of every interval still to come above: none can join them. */
  cursor: number;
  /**
   * False when the tops of the opens are out of order (a slab too thin to split at a crossing keeps
   * crossing edges): the slab above then reads the row whole.
   */
  ordered: boolean;
}

/**
 * Joins the trapezoids a {@link sweepCoverage} emits, class by class, into connected pieces: a trapezoid
 * joins those of the slab below whose top shares a stretch of positive length with its bottom, and its
 * neighbour in the same slab when they share a side. Pieces touching only at a point stay apart.
 * Intervals of a class come left to right in a slab, so each slab is joined to the one below in one
 * walk over both (a tangle of thousands of stretches per slab stays linear); a row out of order is read
 * whole, as every row was before. An interval that joins a
 * piece adds to it and keeps no record of its own, so memory grows with the pieces started, not the
 * intervals. Past `maxParts` pieces started or `maxIntervals` intervals added it throws
 * {@link SweepTooComplex}.
 */
export class PieceCollector {
  private readonly parts: Part[] = [];
  private previous = new Map<number, SlabRow>();
  private current = new Map<number, SlabRow>();
  private slabTop = Number.NaN;
  /** Intervals added in the current and the previous slab: most slabs add none and cost nothing. */
  private addedHere = 0;
  private addedBelow = 0;

  /** Intervals added so far. */
  private intervals = 0;

  constructor(
    private readonly maxParts: number = MAX_PIECE_PARTS,
    private readonly maxIntervals: number = MAX_PIECE_INTERVALS,
  ) {}

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
    for (const row of this.current.values()) emptied(row);
    if (!contiguous) for (const row of this.previous.values()) emptied(row);
    this.addedBelow = contiguous ? this.addedHere : 0;
    this.addedHere = 0;
  }

  /** Adds an interval of class `classId` (any integer the caller chooses) to the current slab. */
  add(classId: number, interval: SlabInterval): void {
    if (++this.intervals > this.maxIntervals) throw new SweepTooComplex('intervals');
    this.addedHere++;
    let row = this.current.get(classId);
    if (!row) {
      row = { opens: [], cursor: 0, ordered: true };
      this.current.set(classId, row);
    }
    const here = row.opens;
    const last = here[here.length - 1];
    // The piece the interval joins (a part that is its root), -1 while it joins none.
    let part = -1;
    const below = this.previous.get(classId);
    if (below) {
      const opens = below.opens;
      // A slab too thin to split at a crossing may hold stretches out of order: read this one's from
      // the start of the row below.
      if (last && interval.left0 < last.left0) below.cursor = 0;
      // Tops of the slab below and bottoms of this one lie on the same latitude: compare x ranges.
      let i = 0;
      if (below.ordered) {
        while (below.cursor < opens.length && opens[below.cursor]!.right1 <= interval.left0) below.cursor++;
        i = below.cursor;
      }
      for (; i < opens.length; i++) {
        const open = opens[i]!;
        if (below.ordered && open.left1 >= interval.right0) break;
        // Joined as the old all-pairs walk joined them (the later piece's root stays the root), so a tie
        // for the largest trapezoid marks the piece at the same place.
        if (Math.min(open.right1, interval.right0) - Math.max(open.left1, interval.left0) > 0)
          part = part < 0 ? this.find(open.part) : this.union(open.part, part);
      }
    }
    // Two stretches of one class side by side are split by an edge that does not change the class
    // (another polygon's edge): they are one piece.
    if (last && last.right0 === interval.left0 && last.right1 === interval.left1)
      part = part < 0 ? this.find(last.part) : this.union(last.part, part);
    if (last && (interval.left1 < last.left1 || interval.right1 < last.right1)) row.ordered = false;
    if (part < 0) part = this.newPart(classId);
    this.absorb(part, interval);
    here.push({
      left0: interval.left0,
      right0: interval.right0,
      left1: interval.left1,
      right1: interval.right1,
      part,
    });
  }

  /** A part of no area yet: an interval that starts a piece. */
  private newPart(classId: number): number {
    const id = this.parts.length;
    if (id >= this.maxParts) throw new SweepTooComplex('pieces');
    this.parts.push({
      parent: id,
      classId,
      areaM2: 0,
      bestArea: -Infinity,
      atX: 0,
      atY: 0,
      minX: Infinity,
      minY: Infinity,
      maxX: -Infinity,
      maxY: -Infinity,
    });
    return id;
  }

  /** Adds an interval's area and extent to a piece's root; its centre marks the piece if it is the largest. */
  private absorb(root: number, interval: SlabInterval): void {
    const p = this.parts[root]!;
    const areaM2 = interval.areaM2;
    p.areaM2 += areaM2;
    if (areaM2 > p.bestArea) {
      p.bestArea = areaM2;
      p.atX = (interval.left0 + interval.right0 + interval.left1 + interval.right1) / 4;
      p.atY = (interval.y0 + interval.y1) / 2;
    }
    p.minX = Math.min(p.minX, interval.left0, interval.left1);
    p.maxX = Math.max(p.maxX, interval.right0, interval.right1);
    p.minY = Math.min(p.minY, interval.y0);
    p.maxY = Math.max(p.maxY, interval.y1);
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

  /** Joins the pieces of parts a and b; returns the root of the joined piece. */
  private union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return ra;
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
    return ra;
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

function emptied(row: SlabRow): void {
  row.opens.length = 0;
  row.cursor = 0;
  row.ordered = true;
}
