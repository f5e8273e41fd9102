import type { Position } from 'geojson';
import { toDegrees, toUnits } from './lattice';
import { metresPerDegree } from './metres-per-degree';

/**
 * Tracing (追踪, as in QGIS): the shortest way along a network of lines — reference streets, rivers and
 * railways, and the rings of existing grids and communities — between two points on it. The path is made
 * of the lines' own vertices, so a boundary drawn along a street is bit-identical to the street.
 *
 * Lines join where they share a vertex (exactly, on the 1e-9° lattice); two lines that cross without a
 * common vertex are not joined, because a crossing point is not on either line's lattice and a traced
 * boundary through it would no longer be identical to either line.
 */

/** A polyline of the network (open, or closed when its last position equals its first). */
export type TraceLine = readonly Position[];

/** How far (metres) a click may be from the network to count as on it: the snapped point is on it. */
export const ON_NETWORK_M = 0.01;

interface Edge {
  readonly a: number;
  readonly b: number;
  readonly length: number;
}

/** A point on the network: a vertex, or a point inside an edge. */
type Place = { readonly node: number } | { readonly edge: number; readonly position: Position };

/** A binary min-heap of (cost, node). */
class Heap {
  private readonly costs: number[] = [];
  private readonly nodes: number[] = [];
  get size(): number {
    return this.costs.length;
  }
  push(cost: number, node: number): void {
    const { costs, nodes } = this;
    let i = costs.length;
    costs.push(cost);
    nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (costs[parent]! <= cost) break;
      costs[i] = costs[parent]!;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    costs[i] = cost;
    nodes[i] = node;
  }
  pop(): [number, number] {
    const { costs, nodes } = this;
    const top: [number, number] = [costs[0]!, nodes[0]!];
    const lastCost = costs.pop()!;
    const lastNode = nodes.pop()!;
    const n = costs.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && costs[r]! < costs[l]! ? r : l;
        if (costs[c]! >= lastCost) break;
        costs[i] = costs[c]!;
        nodes[i] = nodes[c]!;
        i = c;
      }
      costs[i] = lastCost;
      nodes[i] = lastNode;
    }
    return top;
  }
}

/**
 * The graph of a set of lines on the lattice, built once and asked for paths many times. Nodes are the
 * distinct vertices; edges are the segments between consecutive vertices, weighted by their length in
 * metres (local scale).
 */
export class LineNetwork {
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];
  private readonly ids = new Map<string, number>();
  private readonly edges: Edge[] = [];
  private readonly adjacency: number[][] = [];
  private readonly scale: { lon: number; lat: number };
  /** Edge indexes per grid cell of {@link CELL} degrees, to find the edge under a point quickly. */
  private readonly cells = new Map<string, number[]>();

  private static readonly CELL = 0.002;

  constructor(lines: Iterable<TraceLine>) {
    const all = [...lines];
    let sumY = 0;
    let count = 0;
    for (const line of all)
      for (const p of line) {
        sumY += p[1]!;
        count++;
      }
    this.scale = metresPerDegree(count > 0 ? sumY / count : 0);
    for (const line of all) {
      let previous: number | undefined;
      for (const p of line) {
        const node = this.node(p);
        if (previous !== undefined && previous !== node) this.addEdge(previous, node);
        previous = node;
      }
    }
  }

  /** Number of distinct vertices. */
  get nodeCount(): number {
    return this.xs.length;
  }

  private node(p: Position): number {
    const ux = toUnits(p[0]!);
    const uy = toUnits(p[1]!);
    const key = `${ux},${uy}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.xs.length;
      this.ids.set(key, id);
      this.xs.push(toDegrees(ux));
      this.ys.push(toDegrees(uy));
      this.adjacency.push([]);
    }
    return id;
  }

  private metres(x0: number, y0: number, x1: number, y1: number): number {
    return Math.hypot((x1 - x0) * this.scale.lon, (y1 - y0) * this.scale.lat);
  }

  private addEdge(a: number, b: number): void {
    const index = this.edges.length;
    this.edges.push({ a, b, length: this.metres(this.xs[a]!, this.ys[a]!, this.xs[b]!, this.ys[b]!) });
    this.adjacency[a]!.push(index);
    this.adjacency[b]!.push(index);
    const cell = LineNetwork.CELL;
    const x0 = Math.floor(Math.min(this.xs[a]!, this.xs[b]!) / cell);
    const x1 = Math.floor(Math.max(this.xs[a]!, this.xs[b]!) / cell);
    const y0 = Math.floor(Math.min(this.ys[a]!, this.ys[b]!) / cell);
    const y1 = Math.floor(Math.max(this.ys[a]!, this.ys[b]!) / cell);
    for (let i = x0; i <= x1; i++)
      for (let j = y0; j <= y1; j++) {
        const key = `${i},${j}`;
        const list = this.cells.get(key);
        if (list) list.push(index);
        else this.cells.set(key, [index]);
      }
  }

  /** Where a point lies on the network (a vertex, else the nearest edge within {@link ON_NETWORK_M}). */
  private locate(p: Position): Place | undefined {
    const exact = this.ids.get(`${toUnits(p[0]!)},${toUnits(p[1]!)}`);
    if (exact !== undefined) return { node: exact };
    const px = p[0]!;
    const py = p[1]!;
    const cell = LineNetwork.CELL;
    const list = this.cells.get(`${Math.floor(px / cell)},${Math.floor(py / cell)}`) ?? [];
    let best: { edge: number; d: number } | undefined;
    for (const index of list) {
      const { a, b } = this.edges[index]!;
      const d = this.distanceToSegment(px, py, a, b);
      if (d <= ON_NETWORK_M && (!best || d < best.d)) best = { edge: index, d };
    }
    return best ? { edge: best.edge, position: [px, py] } : undefined;
  }

  private distanceToSegment(px: number, py: number, a: number, b: number): number {
    const ax = this.xs[a]!;
    const ay = this.ys[a]!;
    const ex = (this.xs[b]! - ax) * this.scale.lon;
    const ey = (this.ys[b]! - ay) * this.scale.lat;
    const qx = (px - ax) * this.scale.lon;
    const qy = (py - ay) * this.scale.lat;
    const length2 = ex * ex + ey * ey;
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, (qx * ex + qy * ey) / length2));
    return Math.hypot(qx - t * ex, qy - t * ey);
  }

  /** Whether a point lies on the network (a vertex or within {@link ON_NETWORK_M} of an edge). */
  contains(p: Position): boolean {
    return this.locate(p) !== undefined;
  }

  /**
   * The shortest path along the network from `from` to `to`, both on it: `from`, the network's vertices
   * in between, then `to` (the two ends as given). Undefined when either is off the network or no line
   * joins them.
   */
  path(from: Position, to: Position): Position[] | undefined {
    const start = this.locate(from);
    const end = this.locate(to);
    if (!start || !end) return undefined;
    if ('edge' in start && 'edge' in end && start.edge === end.edge) return [from, to];
    if ('node' in start && 'node' in end && start.node === end.node) return [from, to];
    // Seeds: the start node, or both ends of the start edge at their partial lengths.
    const n = this.xs.length;
    const cost = new Float64Array(n).fill(Infinity);
    const previous = new Int32Array(n).fill(-1);
    const heap = new Heap();
    const seed = (node: number, c: number) => {
      if (c < cost[node]!) {
        cost[node] = c;
        heap.push(c, node);
      }
    };
    const partial = (place: Place, node: number): number =>
      'node' in place
        ? 0
        : this.metres(place.position[0]!, place.position[1]!, this.xs[node]!, this.ys[node]!);
    if ('node' in start) seed(start.node, 0);
    else {
      const { a, b } = this.edges[start.edge]!;
      seed(a, partial(start, a));
      seed(b, partial(start, b));
    }
    // Goals: the end node, or both ends of the end edge with what remains to the end point.
    const goals = new Map<number, number>();
    if ('node' in end) goals.set(end.node, 0);
    else {
      const { a, b } = this.edges[end.edge]!;
      goals.set(a, partial(end, a));
      goals.set(b, partial(end, b));
    }
    let best = Infinity;
    let bestGoal = -1;
    while (heap.size > 0) {
      const [c, node] = heap.pop();
      if (c > cost[node]! || c >= best) {
        if (c >= best) break;
        continue;
      }
      const remaining = goals.get(node);
      if (remaining !== undefined && c + remaining < best) {
        best = c + remaining;
        bestGoal = node;
      }
      for (const index of this.adjacency[node]!) {
        const edge = this.edges[index]!;
        const other = edge.a === node ? edge.b : edge.a;
        const next = c + edge.length;
        if (next < cost[other]!) {
          cost[other] = next;
          previous[other] = node;
          heap.push(next, other);
        }
      }
    }
    if (bestGoal < 0) return undefined;
    const nodes: number[] = [];
    for (let v = bestGoal; v >= 0; v = previous[v]!) nodes.push(v);
    nodes.reverse();
    const out: Position[] = [from];
    for (const v of nodes) {
      const p: Position = [this.xs[v]!, this.ys[v]!];
      const last = out[out.length - 1]!;
      if (last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    const last = out[out.length - 1]!;
    if (last[0] !== to[0] || last[1] !== to[1]) out.push(to);
    return out;
  }
}

/**
 * Replaces every straight step of a drawn path whose two ends are both on the network by the network's
 * path between them (trace mode). `closed`: the path is a polygon ring (last position = first), and its
 * closing step is traced too. Steps with an end off the network, or ends the network does not join,
 * stay straight.
 */
export function tracePath(drawn: readonly Position[], network: LineNetwork, closed: boolean): Position[] {
  const points = closed ? drawn.slice(0, -1) : [...drawn];
  if (points.length < 2) return [...drawn];
  const steps = closed ? points.length : points.length - 1;
  const out: Position[] = [points[0]!];
  for (let i = 0; i < steps; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    const path = network.path(a, b) ?? [a, b];
    for (const p of path.slice(1)) {
      const last = out[out.length - 1]!;
      if (last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
  }
  if (closed) {
    const first = out[0]!;
    const last = out[out.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) out.push(first);
  }
  return out;
}
