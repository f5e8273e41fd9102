import type { Polygon, Position } from 'geojson';
import type { AreaGeometry, Problem, Result } from '../model';
import { appendAll, fail, ok, text } from '../model';
import { crossSign, orientation } from './exact-orientation';
import { latticeNearSegment } from './lattice-near-segment';
import { polygonsOf, toDegrees, toUnits } from './lattice';
import { segmentLengthM } from './metres-per-degree';
import { rewindRfc7946 } from './rewind';
import { checkGeometry, isTangled } from './check-geometry';

/** True when a polygon's crossings reach 100 or are too many to count (bounded by `checkGeometry`). */
export function tooTangledToNode(geometry: AreaGeometry): boolean {
  const defects = checkGeometry(geometry, { holesAllowed: true });
  return isTangled(defects) || defects.some((defect) => defect.kind === 'unchecked-crossings');
}

const TANGLED: Problem = {
  kind: 'tangled',
  message: text(
    '参与运算的一个图形边界自相交至少 100 处，或复杂得无法检查，无法计算：请先修复或简化“几何无效”中列出的网格。',
    'One of the shapes involved crosses itself at least 100 times, or is too complex to check, and cannot be worked on: repair or simplify the grids listed under invalid geometry first.',
  ),
};

/**
 * The planar overlay every boolean operation of the editor is built on (split, merge, carve, clip, fill).
 *
 * All input boundaries are put on one integer lattice (1e-9°), cut at every crossing ("noding") until no
 * two segments cross, and turned into a planar graph whose faces are labelled with their winding number
 * for each input polygon. An operation then picks faces (inside this, outside that) and traces their
 * boundary. Because every output is traced from the same graph, an edge two outputs share is made of the
 * same vertices on both sides, bit for bit: that is the point of doing it this way rather than with a
 * clipping library run once per output.
 *
 * Inputs are `fixed` (existing grids, communities) or `free` (what the planner just drew). Where a free
 * segment crosses a fixed one, the crossing is put on a lattice point lying on the fixed segment to
 * ~1e-13° (see {@link latticeNearSegment}), so existing boundaries do not move; other crossings are
 * rounded. Vertices closer than the snap tolerance are merged and a segment passing that close to a
 * vertex is routed through it, so edges drawn twice with floating-point noise become one edge.
 */

/** One input polygon of an overlay. */
export interface OverlayPolygon {
  readonly geometry: AreaGeometry;
  readonly role: 'fixed' | 'free';
}

/** What {@link buildOverlay} works on. */
export interface OverlayInput {
  /** Polygons, in priority order: where vertices are merged, the earlier fixed one keeps its position. */
  readonly polygons: readonly OverlayPolygon[];
  /** Polylines that cut faces without bounding anything (a split line). Always free. */
  readonly lines?: readonly (readonly Position[])[];
  /**
   * Vertices closer than this (lattice units, 1e-9°) are merged, and a segment passing closer than this
   * to a vertex is routed through it. Default {@link DEFAULT_SNAP_UNITS}.
   */
  readonly snapUnits?: number;
  /**
   * The most segments noding may make: past it the overlay is refused (kind `too-many-segments`) before
   * its faces are traced, which costs memory by faces × inputs. Unbounded by default (an edit's overlay
   * holds what the planner drew and its neighbours; automatic division bounds what guide layers bring).
   */
  readonly maxSegments?: number;
}

const TOO_MANY_SEGMENTS: Problem = {
  kind: 'too-many-segments',
  message: text(
    '线和图形相交得太多，无法在合理时间内计算：请减少参与运算的线。',
    'The lines and shapes cross too often to compute in reasonable time: use fewer lines.',
  ),
};

/**
 * Default snap distance: 2e-9° (0.2 mm). Shared edges drawn twice differ by about 1e-9° after rounding to
 * the lattice, and nothing a planner draws on purpose is this small.
 */
export const DEFAULT_SNAP_UNITS = 2;

/** Noding stops with a refusal after this many rounds (it needs two or three on real data). */
const MAX_NODING_ROUNDS = 40;

/** A polygon traced from the overlay, as vertex ids: an open counter-clockwise shell and clockwise holes. */
export interface RegionPolygon {
  readonly shell: readonly number[];
  readonly holes: readonly (readonly number[])[];
}

/** One side of a face (see {@link Overlay.faceSides}). */
export interface FaceSide {
  readonly across: number;
  readonly from: number;
  readonly to: number;
  /** Edge id (the same for the face across). */
  readonly edge: number;
  readonly lines: readonly number[];
}

/** Options of {@link Overlay.polygonsOf}. */
export interface TraceOptions {
  /**
   * Keep only vertices for which this returns true (for an existing polygon whose shape does not change:
   * it keeps its own vertices and takes only those it must share with a new neighbour).
   */
  readonly keep?: (vertex: number) => boolean;
  /** Rank of vertices for choosing where each ring starts (lowest first); default the vertex id. */
  readonly startRank?: (vertex: number) => number;
}

interface Instance {
  readonly source: number;
  /** True when the instance runs from the segment's `a` to its `b`. */
  readonly forward: boolean;
}

interface Segment {
  readonly a: number;
  readonly b: number;
  instances: Instance[];
  fixed: boolean;
}

function internalProblem(zh: string, en: string): Problem {
  return { kind: 'geometry-failed', message: text(zh, en) };
}

class UnionFind {
  private readonly parent: number[] = [];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  /** Joins two sets; the root of the result is `keep`'s root. */
  union(keep: number, other: number): void {
    const a = this.find(keep);
    const b = this.find(other);
    if (a !== b) this.parent[b] = a;
  }
}

/**
 * Builds the overlay of polygons and lines. Refuses (with a message) a polygon that is a tangle (its
 * rings cross 100 times or more, or too often to count: see `isTangled`), whose noding would grow with
 * the square of its vertices, and when noding does not settle, which takes pathological input.
 */
export function buildOverlay(input: OverlayInput): Result<Overlay> {
  if (input.polygons.some((polygon) => tooTangledToNode(polygon.geometry))) return fail(TANGLED);
  const builder = new OverlayBuilder(input.snapUnits ?? DEFAULT_SNAP_UNITS, input.polygons.length);
  input.polygons.forEach((polygon, source) => builder.addPolygon(polygon, source));
  (input.lines ?? []).forEach((line, index) => builder.addLine(line, input.polygons.length + index));
  return builder.build(input.maxSegments ?? Infinity);
}

class OverlayBuilder {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  readonly fixedVertex: boolean[] = [];
  private readonly ids = new Map<string, number>();
  /** Input rings and lines as raw vertex ids, before merging: [source, closed, ids]. */
  private readonly paths: { source: number; closed: boolean; fixed: boolean; ids: number[] }[] = [];
  private segments = new Map<string, Segment>();

  constructor(
    private readonly snap: number,
    private readonly polygonCount: number,
  ) {}

  vertex(x: number, y: number, fixed: boolean): number {
    const key = `${x},${y}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.xs.length;
      this.ids.set(key, id);
      this.xs.push(x);
      this.ys.push(y);
      this.fixedVertex.push(fixed);
    } else if (fixed) this.fixedVertex[id] = true;
    return id;
  }

  private addPath(positions: readonly Position[], source: number, closed: boolean, fixed: boolean): void {
    const ids: number[] = [];
    for (const position of positions) {
      const x = position[0];
      const y = position[1];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
        continue;
      const id = this.vertex(toUnits(x), toUnits(y), fixed);
      if (ids[ids.length - 1] !== id) ids.push(id);
    }
    if (closed && ids.length > 1 && ids[0] === ids[ids.length - 1]) ids.pop();
    if (ids.length >= (closed ? 3 : 2)) this.paths.push({ source, closed, fixed, ids });
  }

  addPolygon(polygon: OverlayPolygon, source: number): void {
    // Exterior rings counter-clockwise and holes clockwise, so the winding number is 1 inside.
    for (const rings of polygonsOf(rewindRfc7946(polygon.geometry))) {
      for (const ring of rings) this.addPath(ring, source, true, polygon.role === 'fixed');
    }
  }

  addLine(line: readonly Position[], source: number): void {
    this.addPath(line, source, false, false);
  }

  /** Merges vertices closer than the snap distance; a fixed vertex absorbs a free one. */
  private mergeCloseVertices(): number[] {
    const n = this.xs.length;
    const representative = Array.from({ length: n }, (_, i) => i);
    if (this.snap <= 0 || n === 0) return representative;
    const sets = new UnionFind();
    for (let i = 0; i < n; i++) sets.add();
    const cell = this.snap;
    const buckets = new Map<string, number[]>();
    const cellKey = (cx: number, cy: number): string => `${cx},${cy}`;
    // Fixed vertices first, so that a set's root (its surviving position) is fixed when it can be.
    const order = [...representative].sort(
      (i, j) => Number(this.fixedVertex[j]) - Number(this.fixedVertex[i]) || i - j,
    );
    for (const i of order) {
      const cx = Math.floor(this.xs[i]! / cell);
      const cy = Math.floor(this.ys[i]! / cell);
      for (let ox = -1; ox <= 1; ox++) {
        for (let oy = -1; oy <= 1; oy++) {
          for (const j of buckets.get(cellKey(cx + ox, cy + oy)) ?? []) {
            if (Math.hypot(this.xs[i]! - this.xs[j]!, this.ys[i]! - this.ys[j]!) <= this.snap)
              sets.union(j, i);
          }
        }
      }
      const key = cellKey(cx, cy);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
    return representative.map((i) => sets.find(i));
  }

  private addSegment(a: number, b: number, instances: readonly Instance[], fixed: boolean): void {
    if (a === b) return;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const flip = lo !== a;
    const key = `${lo}:${hi}`;
    const oriented = flip ? instances.map((i) => ({ source: i.source, forward: !i.forward })) : instances;
    const existing = this.segments.get(key);
    if (existing) {
      appendAll(existing.instances, oriented);
      existing.fixed ||= fixed;
    } else {
      this.segments.set(key, { a: lo, b: hi, instances: [...oriented], fixed });
    }
  }

  build(maxSegments: number): Result<Overlay> {
    const representative = this.mergeCloseVertices();
    const sourceRings: number[][][] = Array.from({ length: this.polygonCount }, () => []);
    for (const path of this.paths) {
      const ids: number[] = [];
      for (const raw of path.ids) {
        const id = representative[raw]!;
        if (ids[ids.length - 1] !== id) ids.push(id);
      }
      if (path.closed && ids.length > 1 && ids[0] === ids[ids.length - 1]) ids.pop();
      if (path.closed && path.source < this.polygonCount && ids.length >= 3)
        sourceRings[path.source]!.push(ids);
      const count = path.closed ? ids.length : ids.length - 1;
      for (let i = 0; i < count; i++) {
        this.addSegment(
          ids[i]!,
          ids[(i + 1) % ids.length]!,
          [{ source: path.source, forward: true }],
          path.fixed,
        );
      }
    }
    for (let round = 0; ; round++) {
      if (round === MAX_NODING_ROUNDS) {
        return fail(
          internalProblem(
            '图形太复杂，无法精确计算交点：请简化所画的线或多边形后重试。',
            'The shapes are too intricate to compute their crossings exactly: simplify what you drew and try again.',
          ),
        );
      }
      const split = this.nodeOnce(maxSegments);
      if (split === 'too-many' || this.segments.size > maxSegments) return fail(TOO_MANY_SEGMENTS);
      if (!split) break;
    }
    return ok(new Overlay(this.xs, this.ys, [...this.segments.values()], this.polygonCount, sourceRings));
  }

  /**
   * One round of noding: finds every interaction and splits segments. False when nothing was split;
   * 'too-many' as soon as the cuts found would take the segments far past `maxSegments` (a scribble of a few
   * thousand vertices crosses itself millions of times: the round stops there, in bounded time and
   * memory, instead of finding every crossing first).
   */
  private nodeOnce(maxSegments: number): boolean | 'too-many' {
    const list = [...this.segments.values()];
    const boxes = list.map((s) => {
      const ax = this.xs[s.a]!;
      const bx = this.xs[s.b]!;
      const ay = this.ys[s.a]!;
      const by = this.ys[s.b]!;
      return {
        minX: Math.min(ax, bx),
        maxX: Math.max(ax, bx),
        minY: Math.min(ay, by),
        maxY: Math.max(ay, by),
      };
    });
    const order = list.map((_, i) => i).sort((i, j) => boxes[i]!.minX - boxes[j]!.minX);
    const nodes = new Map<Segment, Set<number>>();
    // Each cut at a proper crossing adds a segment of its own (a scribble's millions are these); cuts
    // where segments touch or overlap along a line make pieces that coincide and are merged after the
    // round (n overlapping polygons on one line: n² cuts, 6n segments), so only crossings are counted.
    let crossingCuts = 0;
    const addNode = (segment: Segment, vertex: number, crossing: boolean): void => {
      if (vertex === segment.a || vertex === segment.b) return;
      let set = nodes.get(segment);
      if (!set) nodes.set(segment, (set = new Set()));
      if (set.has(vertex)) return;
      set.add(vertex);
      if (crossing) crossingCuts++;
    };
    const reach = this.snap;
    for (let oi = 0; oi < order.length; oi++) {
      const i = order[oi]!;
      const bi = boxes[i]!;
      for (let oj = oi + 1; oj < order.length; oj++) {
        const j = order[oj]!;
        const bj = boxes[j]!;
        if (bj.minX > bi.maxX + reach) break;
        if (bj.minY > bi.maxY + reach || bj.maxY < bi.minY - reach) continue;
        this.interact(list[i]!, list[j]!, addNode);
      }
      // Twice the limit: a line drawn twice crosses others at the same vertices, pieces merged later.
      if (list.length + crossingCuts > 2 * maxSegments) return 'too-many';
    }
    if (nodes.size === 0) return false;
    for (const [segment, set] of nodes) {
      this.segments.delete(`${segment.a}:${segment.b}`);
      const ax = this.xs[segment.a]!;
      const ay = this.ys[segment.a]!;
      const dx = this.xs[segment.b]! - ax;
      const dy = this.ys[segment.b]! - ay;
      const along = [...set].map((v) => ({ v, t: (this.xs[v]! - ax) * dx + (this.ys[v]! - ay) * dy }));
      along.sort((p, q) => p.t - q.t);
      let previous = segment.a;
      for (const { v } of along) {
        this.addSegment(previous, v, segment.instances, segment.fixed);
        previous = v;
      }
      this.addSegment(previous, segment.b, segment.instances, segment.fixed);
    }
    return true;
  }

  /**
   * Squared distance from vertex v to the interior of segment s, or Infinity when v projects outside;
   * 0 only when v lies exactly on the segment (exact orientation test).
   */
  private distanceToInterior(s: Segment, v: number): number {
    const ax = this.xs[s.a]!;
    const ay = this.ys[s.a]!;
    const dx = this.xs[s.b]! - ax;
    const dy = this.ys[s.b]! - ay;
    const vx = this.xs[v]! - ax;
    const vy = this.ys[v]! - ay;
    const dot = vx * dx + vy * dy;
    const length2 = dx * dx + dy * dy;
    if (dot <= 0 || dot >= length2) return Infinity;
    if (orientation(0, 0, dx, dy, vx, vy) === 0) return 0;
    const cross = dx * vy - dy * vx;
    return Math.max((cross * cross) / length2, Number.MIN_VALUE);
  }

  /** True when vertex v is within the snap distance of an end of segment s. */
  private nearEnd(s: Segment, v: number): boolean {
    const x = this.xs[v]!;
    const y = this.ys[v]!;
    return (
      Math.hypot(this.xs[s.a]! - x, this.ys[s.a]! - y) <= this.snap ||
      Math.hypot(this.xs[s.b]! - x, this.ys[s.b]! - y) <= this.snap
    );
  }

  private interact(
    p: Segment,
    q: Segment,
    addNode: (s: Segment, v: number, crossing: boolean) => void,
  ): void {
    const { xs, ys } = this;
    const o1 = orientation(xs[p.a]!, ys[p.a]!, xs[p.b]!, ys[p.b]!, xs[q.a]!, ys[q.a]!);
    const o2 = orientation(xs[p.a]!, ys[p.a]!, xs[p.b]!, ys[p.b]!, xs[q.b]!, ys[q.b]!);
    const o3 = orientation(xs[q.a]!, ys[q.a]!, xs[q.b]!, ys[q.b]!, xs[p.a]!, ys[p.a]!);
    const o4 = orientation(xs[q.a]!, ys[q.a]!, xs[q.b]!, ys[q.b]!, xs[p.b]!, ys[p.b]!);
    const snap2 = this.snap * this.snap;
    if (o1 * o2 < 0 && o3 * o4 < 0) {
      addNode(p, this.crossingNode(p, q), true);
      addNode(q, this.crossingNode(p, q), true);
      return;
    }
    // Touching, collinear overlap, or passing within the snap distance of an end of the other segment.
    for (const v of [q.a, q.b]) if (this.cutsAt(p, v, snap2)) addNode(p, v, false);
    for (const v of [p.a, p.b]) if (this.cutsAt(q, v, snap2)) addNode(q, v, false);
  }

  /**
   * True when segment s is to be cut at vertex v (not one of its ends): v lies exactly on it, or within
   * the snap distance of it and not within the snap distance of one of its ends. Such a near vertex is
   * left alone: cutting there would make a near-zero piece whose own neighbourhood cuts it back, and
   * noding would never settle (two vertices made by noding, 2e-9° apart, handing a long segment back and
   * forth). A vertex exactly on the segment is always cut at, however near an end: cutting there makes no
   * new vertex, so noding still settles, and left uncut the segment would overlap the edge from its end
   * to that vertex, two edges in one direction whose faces cannot be traced (a face of the region taken
   * for outside it).
   */
  private cutsAt(s: Segment, v: number, snap2: number): boolean {
    if (v === s.a || v === s.b) return false;
    const distance2 = this.distanceToInterior(s, v);
    if (distance2 > snap2) return false;
    return distance2 === 0 || !this.nearEnd(s, v);
  }

  private readonly crossingCache = new Map<string, number>();

  /** The vertex where two properly crossing segments are cut (the same for both). */
  private crossingNode(p: Segment, q: Segment): number {
    const key = `${p.a}:${p.b}|${q.a}:${q.b}`;
    const cached = this.crossingCache.get(key);
    if (cached !== undefined) return cached;
    const { xs, ys } = this;
    const ax = xs[p.a]!;
    const ay = ys[p.a]!;
    const dx = xs[p.b]! - ax;
    const dy = ys[p.b]! - ay;
    const ex = xs[q.b]! - xs[q.a]!;
    const ey = ys[q.b]! - ys[q.a]!;
    // Parameter of the crossing along p, from differences only (small numbers, little rounding).
    const t = (ex * (ys[q.a]! - ay) - ey * (xs[q.a]! - ax)) / (ex * dy - ey * dx);
    const px = ax + t * dx;
    const py = ay + t * dy;
    let node: number | undefined;
    // A crossing within the snap distance of an end goes through that end.
    let nearest = this.snap;
    for (const v of [p.a, p.b, q.a, q.b]) {
      const d = Math.hypot(xs[v]! - px, ys[v]! - py);
      if (d <= nearest) {
        nearest = d;
        node = v;
      }
    }
    if (node === undefined) {
      const onFixed = p.fixed !== q.fixed ? (p.fixed ? p : q) : undefined;
      const near = onFixed
        ? latticeNearSegment(xs[onFixed.a]!, ys[onFixed.a]!, xs[onFixed.b]!, ys[onFixed.b]!, px, py)
        : undefined;
      const [x, y] = near ?? [Math.round(px), Math.round(py)];
      node = this.vertex(x, y, p.fixed && q.fixed);
    }
    this.crossingCache.set(key, node);
    return node;
  }
}

/**
 * The planar graph of an overlay: vertices, edges with the winding change of every input polygon across
 * them, and faces labelled with winding numbers. Built by {@link buildOverlay}.
 */
export class Overlay {
  /** Number of bounded faces; the unbounded face has id `faceCount`. */
  readonly faceCount: number;
  private readonly origin: Int32Array;
  /** For each half-edge, the next half-edge around its face (face on the left). */
  private readonly nextHalf: Int32Array;
  private readonly faceOfHalf: Int32Array;
  private readonly halfEdgesOfFace: number[][];
  private readonly windings: Int32Array;
  private readonly lineEdge: Uint8Array;
  /** For each edge, the input lines (source ids) it runs along; empty for most edges. */
  private readonly linesOfEdge: (readonly number[])[];
  private readonly areas: Float64Array;

  constructor(
    private readonly xs: readonly number[],
    private readonly ys: readonly number[],
    segments: readonly Segment[],
    /** Number of input polygons (sources 0 … polygonCount-1). */
    readonly polygonCount: number,
    private readonly rings: readonly (readonly (readonly number[])[])[],
  ) {
    // Net winding change per polygon across each edge; edges no polygon bounds and no line cuts go.
    const kept: { a: number; b: number; deltas: Map<number, number>; line: boolean; lines: number[] }[] = [];
    for (const segment of segments) {
      const deltas = new Map<number, number>();
      let line = false;
      const lines: number[] = [];
      for (const instance of segment.instances) {
        if (instance.source >= polygonCount) {
          line = true;
          if (!lines.includes(instance.source)) lines.push(instance.source);
          continue;
        }
        deltas.set(instance.source, (deltas.get(instance.source) ?? 0) + (instance.forward ? 1 : -1));
      }
      for (const [source, delta] of deltas) if (delta === 0) deltas.delete(source);
      if (deltas.size > 0 || line) kept.push({ a: segment.a, b: segment.b, deltas, line, lines });
    }
    // Dangling ends (a split line running on past the polygon, or stopping inside it) bound nothing.
    const degree = new Map<number, number>();
    const bump = (v: number, by: number): void => {
      degree.set(v, (degree.get(v) ?? 0) + by);
    };
    for (const edge of kept) {
      bump(edge.a, 1);
      bump(edge.b, 1);
    }
    const incident = new Map<number, number[]>();
    kept.forEach((edge, index) => {
      for (const v of [edge.a, edge.b]) {
        const list = incident.get(v);
        if (list) list.push(index);
        else incident.set(v, [index]);
      }
    });
    const removed = new Uint8Array(kept.length);
    const queue = [...degree].filter(([, d]) => d === 1).map(([v]) => v);
    while (queue.length > 0) {
      const v = queue.pop()!;
      if (degree.get(v) !== 1) continue;
      for (const index of incident.get(v) ?? []) {
        if (removed[index]) continue;
        removed[index] = 1;
        const edge = kept[index]!;
        bump(edge.a, -1);
        bump(edge.b, -1);
        const other = edge.a === v ? edge.b : edge.a;
        if (degree.get(other) === 1) queue.push(other);
      }
    }
    const edges = kept.filter((_, index) => !removed[index]);

    // Half-edges 2e (a→b) and 2e+1 (b→a); twin(h) = h ^ 1.
    const halfCount = edges.length * 2;
    this.origin = new Int32Array(halfCount);
    this.lineEdge = new Uint8Array(edges.length);
    this.linesOfEdge = edges.map((edge) => edge.lines);
    const deltaLists: [number, number][][] = [];
    edges.forEach((edge, e) => {
      this.origin[2 * e] = edge.a;
      this.origin[2 * e + 1] = edge.b;
      this.lineEdge[e] = edge.line ? 1 : 0;
      deltaLists.push([...edge.deltas]);
    });
    const outgoing = new Map<number, number[]>();
    for (let h = 0; h < halfCount; h++) {
      const v = this.origin[h]!;
      const list = outgoing.get(v);
      if (list) list.push(h);
      else outgoing.set(v, [h]);
    }
    // Around each vertex, outgoing half-edges counter-clockwise by exact angle.
    const position = new Int32Array(halfCount);
    for (const [v, list] of outgoing) {
      const vx = xs[v]!;
      const vy = ys[v]!;
      const direction = (h: number): [number, number] => {
        const w = this.origin[h ^ 1]!;
        return [xs[w]! - vx, ys[w]! - vy];
      };
      list.sort((h1, h2) => {
        const [x1, y1] = direction(h1);
        const [x2, y2] = direction(h2);
        const half1 = y1 > 0 || (y1 === 0 && x1 > 0) ? 0 : 1;
        const half2 = y2 > 0 || (y2 === 0 && x2 > 0) ? 0 : 1;
        if (half1 !== half2) return half1 - half2;
        return -crossSign(x1, y1, x2, y2);
      });
      list.forEach((h, index) => (position[h] = index));
    }
    // next(h): at h's destination, the outgoing half-edge just clockwise of h's twin.
    this.nextHalf = new Int32Array(halfCount);
    for (let h = 0; h < halfCount; h++) {
      const twin = h ^ 1;
      const list = outgoing.get(this.origin[twin]!)!;
      this.nextHalf[h] = list[(position[twin]! - 1 + list.length) % list.length]!;
    }

    // Face cycles: counter-clockwise ones are bounded faces; each connected component also has one
    // clockwise cycle, its outer boundary, which belongs to the face that encloses the component.
    const cycleOf = new Int32Array(halfCount).fill(-1);
    const cycles: { halves: number[]; area2: number }[] = [];
    for (let h = 0; h < halfCount; h++) {
      if (cycleOf[h] !== -1) continue;
      const halves: number[] = [];
      let area2 = 0;
      const x0 = xs[this.origin[h]!]!;
      const y0 = ys[this.origin[h]!]!;
      let e = h;
      do {
        cycleOf[e] = cycles.length;
        halves.push(e);
        const p = this.origin[e]!;
        const q = this.origin[e ^ 1]!;
        area2 += (xs[p]! - x0) * (ys[q]! - y0) - (xs[q]! - x0) * (ys[p]! - y0);
        e = this.nextHalf[e]!;
      } while (e !== h);
      cycles.push({ halves, area2 });
    }
    const component = new UnionFind();
    const componentOfVertex = new Map<number, number>();
    for (const v of outgoing.keys()) componentOfVertex.set(v, component.add());
    edges.forEach((edge) => component.union(componentOfVertex.get(edge.a)!, componentOfVertex.get(edge.b)!));
    const faceOfCycle = new Int32Array(cycles.length).fill(-1);
    let faceCount = 0;
    cycles.forEach((cycle, c) => {
      if (cycle.area2 > 0) faceOfCycle[c] = faceCount++;
    });
    this.faceCount = faceCount;
    const unbounded = faceCount;
    const componentOfCycle = (c: number): number =>
      component.find(componentOfVertex.get(this.origin[cycles[c]!.halves[0]!]!)!);
    const boundedCycles = cycles.map((_, c) => c).filter((c) => faceOfCycle[c]! >= 0);
    this.areas = new Float64Array(faceCount);
    for (const c of boundedCycles) this.areas[faceOfCycle[c]!] = cycles[c]!.area2 / 2;
    cycles.forEach((cycle, c) => {
      if (faceOfCycle[c]! >= 0) return;
      // The smallest bounded face of another component around this component's first vertex.
      const own = componentOfCycle(c);
      const v = this.origin[cycle.halves[0]!]!;
      let best = unbounded;
      let bestArea = Infinity;
      for (const d of boundedCycles) {
        const area = cycles[d]!.area2;
        if (area >= bestArea || componentOfCycle(d) === own) continue;
        if (this.cycleContains(cycles[d]!.halves, xs[v]!, ys[v]!)) {
          best = faceOfCycle[d]!;
          bestArea = area;
        }
      }
      faceOfCycle[c] = best;
    });
    this.faceOfHalf = new Int32Array(halfCount);
    this.halfEdgesOfFace = Array.from({ length: faceCount + 1 }, () => []);
    for (let h = 0; h < halfCount; h++) {
      const face = faceOfCycle[cycleOf[h]!]!;
      this.faceOfHalf[h] = face;
      this.halfEdgesOfFace[face]!.push(h);
    }

    // Winding numbers: zero in the unbounded face; crossing edge e from its right (of a→b) to its left
    // adds the edge's delta for each polygon.
    const n = polygonCount;
    this.windings = new Int32Array((faceCount + 1) * n);
    const seen = new Uint8Array(faceCount + 1);
    seen[unbounded] = 1;
    const stack = [unbounded];
    while (stack.length > 0) {
      const face = stack.pop()!;
      for (const h of this.halfEdgesOfFace[face]!) {
        const other = this.faceOfHalf[h ^ 1]!;
        if (seen[other]) continue;
        seen[other] = 1;
        // h has `face` on its left; the twin's face is on its right.
        const sign = h % 2 === 0 ? -1 : 1;
        for (let s = 0; s < n; s++) this.windings[other * n + s] = this.windings[face * n + s]!;
        for (const [s, delta] of deltaLists[h >> 1]!) this.windings[other * n + s]! += sign * delta;
        stack.push(other);
      }
    }
  }

  /** Exact even-odd test of a lattice point against a cycle of half-edges (point not on it). */
  private cycleContains(halves: readonly number[], x: number, y: number): boolean {
    let inside = false;
    for (const h of halves) {
      const p = this.origin[h]!;
      const q = this.origin[h ^ 1]!;
      const px = this.xs[p]!;
      const py = this.ys[p]!;
      const qx = this.xs[q]!;
      const qy = this.ys[q]!;
      if (py > y !== qy > y) {
        // Crossing to the right of the point: the edge passes left-to-right relative to the upward ray.
        const side = orientation(px, py, qx, qy, x, y);
        if (qy > py ? side > 0 : side < 0) inside = !inside;
      }
    }
    return inside;
  }

  /** Winding number of face `face` for input polygon `source`. */
  winding(face: number, source: number): number {
    return this.windings[face * this.polygonCount + source]!;
  }

  /** True when `face` is inside input polygon `source` (non-zero winding). */
  inside(face: number, source: number): boolean {
    return this.winding(face, source) !== 0;
  }

  /** Area of a bounded face in square lattice units (for ordering and thresholds, not for reports). */
  faceAreaUnits2(face: number): number {
    return this.areas[face] ?? 0;
  }

  /** Every bounded face id. */
  faces(): number[] {
    return Array.from({ length: this.faceCount }, (_, face) => face);
  }

  /** The rings of input polygon `source` as vertex ids (after merging close vertices, before noding). */
  sourceRings(source: number): readonly (readonly number[])[] {
    return this.rings[source] ?? [];
  }

  /** Vertex ids of input polygon `source`'s own rings. */
  sourceVertices(source: number): Set<number> {
    return new Set(this.sourceRings(source).flat());
  }

  /** Position of a vertex in degrees. */
  position(vertex: number): [number, number] {
    return [toDegrees(this.xs[vertex]!), toDegrees(this.ys[vertex]!)];
  }

  /**
   * Groups of selected faces connected across edges (faces meeting at a single vertex are separate
   * groups), each sorted by face id, groups in order of their smallest face. With `acrossLines` false,
   * edges of input lines separate groups too (the parts of a split).
   */
  connectedGroups(selected: (face: number) => boolean, acrossLines = true): number[][] {
    const group = new Int32Array(this.faceCount).fill(-1);
    const groups: number[][] = [];
    for (let start = 0; start < this.faceCount; start++) {
      if (group[start] !== -1 || !selected(start)) continue;
      const members: number[] = [];
      const stack = [start];
      group[start] = groups.length;
      while (stack.length > 0) {
        const face = stack.pop()!;
        members.push(face);
        for (const h of this.halfEdgesOfFace[face]!) {
          const other = this.faceOfHalf[h ^ 1]!;
          if (!acrossLines && this.lineEdge[h >> 1]) continue;
          if (other < this.faceCount && group[other] === -1 && selected(other)) {
            group[other] = groups.length;
            stack.push(other);
          }
        }
      }
      groups.push(members.sort((a, b) => a - b));
    }
    return groups;
  }

  /**
   * Length in metres of the boundary of a set of faces that runs along faces for which `other` is true
   * (e.g. the edge a gap shares with one grid).
   */
  sharedBoundaryM(faces: ReadonlySet<number>, other: (face: number) => boolean): number {
    let total = 0;
    for (const face of faces) {
      for (const h of this.halfEdgesOfFace[face]!) {
        const across = this.faceOfHalf[h ^ 1]!;
        if (faces.has(across) || across >= this.faceCount || !other(across)) continue;
        const [ax, ay] = this.position(this.origin[h]!);
        const [bx, by] = this.position(this.origin[h ^ 1]!);
        total += segmentLengthM(ax, ay, bx, by);
      }
    }
    return total;
  }

  /**
   * The sides of a bounded face: for each half-edge with the face on its left, the face across it
   * (`faceCount` for the unbounded face), its two end vertices and the input lines (source ids, in
   * `polygonCount …`) it runs along. Automatic division builds its adjacency graph from these.
   */
  faceSides(face: number): FaceSide[] {
    return (this.halfEdgesOfFace[face] ?? []).map((h) => ({
      across: this.faceOfHalf[h ^ 1]!,
      from: this.origin[h]!,
      to: this.origin[h ^ 1]!,
      edge: h >> 1,
      lines: this.linesOfEdge[h >> 1]!,
    }));
  }

  /** Faces across an edge from the set (bounded faces only), for finding neighbours of a region. */
  adjacentFaces(faces: ReadonlySet<number>): Set<number> {
    const found = new Set<number>();
    for (const face of faces) {
      for (const h of this.halfEdgesOfFace[face]!) {
        const across = this.faceOfHalf[h ^ 1]!;
        if (!faces.has(across) && across < this.faceCount) found.add(across);
      }
    }
    return found;
  }

  /**
   * Traces the boundary of a set of faces as polygons (vertex ids): shells counter-clockwise, holes
   * clockwise. Where the region touches itself at a vertex, rings are split there, so every ring is
   * simple and the output is valid in the OGC sense (parts and holes may touch at points).
   */
  trace(faces: ReadonlySet<number>, options: TraceOptions = {}): RegionPolygon[] {
    const inRegion = (h: number): boolean => faces.has(this.faceOfHalf[h]!);
    const boundary = (h: number): boolean => inRegion(h) && !inRegion(h ^ 1);
    const used = new Uint8Array(this.origin.length);
    const loops: number[][] = [];
    for (let start = 0; start < this.origin.length; start++) {
      if (used[start] || !boundary(start)) continue;
      const ring: number[] = [];
      let h = start;
      do {
        used[h] = 1;
        ring.push(this.origin[h]!);
        let e = this.nextHalf[h]!;
        while (!boundary(e)) e = this.nextHalf[e ^ 1]!;
        h = e;
      } while (h !== start);
      appendAll(loops, splitAtRepeats(ring));
    }
    const keep = options.keep;
    const rank = options.startRank ?? ((v: number) => v);
    const shaped = loops
      .map((loop) => (keep ? loop.filter(keep) : loop))
      .filter((loop) => loop.length >= 3)
      .map((loop) => rotateToStart(loop, rank));
    const shells: { ring: number[]; area2: number; holes: number[][] }[] = [];
    const holes: number[][] = [];
    for (const loop of shaped) {
      const area2 = this.ringArea2(loop);
      if (area2 > 0) shells.push({ ring: loop, area2, holes: [] });
      else if (area2 < 0) holes.push(loop);
    }
    for (const hole of holes) {
      let best: (typeof shells)[number] | undefined;
      for (const shell of shells) {
        if (best && shell.area2 >= best.area2) continue;
        if (this.ringContainsRing(shell.ring, hole)) best = shell;
      }
      best?.holes.push(hole);
    }
    // Largest part first: a split's or merge's main part leads, and the order never depends on hashing.
    shells.sort((a, b) => b.area2 - a.area2);
    return shells.map((shell) => ({ shell: shell.ring, holes: shell.holes }));
  }

  /** Twice the signed area of a ring of vertex ids, relative to its first vertex. */
  private ringArea2(ring: readonly number[]): number {
    const x0 = this.xs[ring[0]!]!;
    const y0 = this.ys[ring[0]!]!;
    let sum = 0;
    for (let i = 1; i + 1 < ring.length; i++) {
      const p = ring[i]!;
      const q = ring[i + 1]!;
      sum += (this.xs[p]! - x0) * (this.ys[q]! - y0) - (this.xs[q]! - x0) * (this.ys[p]! - y0);
    }
    return sum;
  }

  /** True when the first vertex of `inner` that is not on `outer` lies inside it. */
  private ringContainsRing(outer: readonly number[], inner: readonly number[]): boolean {
    const onOuter = new Set(outer);
    for (const v of inner) {
      if (onOuter.has(v)) continue;
      const location = this.locateInRing(outer, this.xs[v]!, this.ys[v]!);
      if (location !== 0) return location > 0;
    }
    return false;
  }

  /** 1 inside, -1 outside, 0 on the ring (exact). */
  private locateInRing(ring: readonly number[], x: number, y: number): number {
    let inside = false;
    for (let i = 0; i < ring.length; i++) {
      const p = ring[i]!;
      const q = ring[(i + 1) % ring.length]!;
      const px = this.xs[p]!;
      const py = this.ys[p]!;
      const qx = this.xs[q]!;
      const qy = this.ys[q]!;
      const side = orientation(px, py, qx, qy, x, y);
      if (
        side === 0 &&
        Math.min(px, qx) <= x &&
        x <= Math.max(px, qx) &&
        Math.min(py, qy) <= y &&
        y <= Math.max(py, qy)
      )
        return 0;
      if (py > y !== qy > y && (qy > py ? side > 0 : side < 0)) inside = !inside;
    }
    return inside ? 1 : -1;
  }

  /** A traced polygon as GeoJSON (closed rings, degrees with at most 9 decimals). */
  toPolygon(region: RegionPolygon): Polygon {
    const ring = (ids: readonly number[]): Position[] => {
      const positions = ids.map((v) => this.position(v) as Position);
      positions.push([...positions[0]!]);
      return positions;
    };
    return { type: 'Polygon', coordinates: [ring(region.shell), ...region.holes.map(ring)] };
  }

  /** Traces a set of faces and returns GeoJSON polygons (see {@link trace}). */
  polygonsOf(faces: ReadonlySet<number>, options: TraceOptions = {}): Polygon[] {
    return this.trace(faces, options).map((region) => this.toPolygon(region));
  }
}

/** Splits a closed walk that visits a vertex twice into simple loops. */
function splitAtRepeats(walk: readonly number[]): number[][] {
  const loops: number[][] = [];
  const stack: number[] = [];
  const at = new Map<number, number>();
  for (const v of walk) {
    const previous = at.get(v);
    if (previous !== undefined) {
      const loop = stack.splice(previous);
      for (const u of loop) at.delete(u);
      loops.push(loop);
    }
    at.set(v, stack.length);
    stack.push(v);
  }
  if (stack.length > 0) loops.push(stack);
  return loops;
}

/** Rotates a ring to start at its lowest-ranked vertex. */
function rotateToStart(ring: readonly number[], rank: (v: number) => number): number[] {
  let best = 0;
  for (let i = 1; i < ring.length; i++) if (rank(ring[i]!) < rank(ring[best]!)) best = i;
  return [...ring.slice(best), ...ring.slice(0, best)];
}
