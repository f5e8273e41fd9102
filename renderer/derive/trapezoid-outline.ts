import type { Position } from 'geojson';
import type { SlabInterval } from '../../shared/validate/sweep-coverage';

/** A piece of a sweep: the part of a slab between two edges (see shared/validate/sweep-coverage). */
export type Trapezoid = Omit<SlabInterval, 'areaM2'>;

type Span = readonly [number, number];

/** The parts of the line covered by exactly one of `a` and `b` (each a list of spans, in any order). */
function coveredByOne(a: readonly Span[], b: readonly Span[]): Span[] {
  const events: [number, number, number][] = [];
  for (const [from, to] of a) if (to > from) events.push([from, 1, 0], [to, -1, 0]);
  for (const [from, to] of b) if (to > from) events.push([from, 0, 1], [to, 0, -1]);
  events.sort((p, q) => p[0] - q[0]);
  const spans: Span[] = [];
  let inA = 0;
  let inB = 0;
  for (let k = 0; k < events.length;) {
    const x = events[k]![0];
    const wasOne = inA > 0 !== inB > 0;
    while (k < events.length && events[k]![0] === x) {
      inA += events[k]![1];
      inB += events[k]![2];
      k++;
    }
    const isOne = inA > 0 !== inB > 0;
    // From one side to the other at the same place is still boundary: the span goes on.
    if (wasOne && !isOne) spans[spans.length - 1] = [spans[spans.length - 1]![0], x];
    else if (!wasOne && isOne) spans.push([x, x]);
  }
  return spans.filter(([from, to]) => to > from);
}

/**
 * The outline of a region given as the trapezoids of one sweep (slabs cut at the same latitudes): each
 * piece's left and right side, and along each slab boundary the stretches covered from one side only.
 * Inner lines between slabs are left out, so the region is drawn as one outline (ui.md: outside the
 * village is a red outline), with no polygon clipping.
 */
export function trapezoidOutline(pieces: readonly Trapezoid[]): Position[][] {
  const lines: Position[][] = [];
  const tops = new Map<number, Span[]>();
  const bottoms = new Map<number, Span[]>();
  const at = (spans: Map<number, Span[]>, y: number): Span[] => {
    let list = spans.get(y);
    if (!list) spans.set(y, (list = []));
    return list;
  };
  for (const piece of pieces) {
    lines.push([
      [piece.left0, piece.y0],
      [piece.left1, piece.y1],
    ]);
    lines.push([
      [piece.right0, piece.y0],
      [piece.right1, piece.y1],
    ]);
    at(bottoms, piece.y0).push([piece.left0, piece.right0]);
    at(tops, piece.y1).push([piece.left1, piece.right1]);
  }
  for (const y of new Set([...tops.keys(), ...bottoms.keys()])) {
    for (const [from, to] of coveredByOne(tops.get(y) ?? [], bottoms.get(y) ?? [])) {
      lines.push([
        [from, y],
        [to, y],
      ]);
    }
  }
  return lines;
}
