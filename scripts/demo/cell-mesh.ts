import type { Position } from 'geojson';
import type { LocalFrame } from './local-frame';
import { SeededRandom, hashSeed } from './seeded-random';
import type { Triangulation, Vec } from './triangulate';

/**
 * How much the boundary between two cells may meander, as a fraction of its length; 0 keeps it
 * straight (streets), about 0.1 looks like a stream or a ridge line between villages.
 */
export type MeanderOf = (a: number, b: number) => number;

interface CellTopology {
  /** Voronoi vertices (triangle indices) of the cell, counter-clockwise. */
  readonly vertices: readonly number[];
  /** `neighbours[k]` is the cell across the edge from `vertices[k]` to `vertices[k + 1]`. */
  readonly neighbours: readonly number[];
}

/** Signed area (positive when counter-clockwise) of a ring of positions, in degrees². */
export function ringSignedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  }
  return sum / 2;
}

/** Distance along a ray from `origin` in direction `dir` to the segment p–q, or Infinity. */
function rayToSegment(origin: Vec, dir: Vec, p: Vec, q: Vec): number {
  const ex = q.x - p.x;
  const ey = q.y - p.y;
  const denom = dir.x * ey - dir.y * ex;
  if (Math.abs(denom) < 1e-12) return Infinity;
  const wx = p.x - origin.x;
  const wy = p.y - origin.y;
  const s = (wx * ey - wy * ex) / denom;
  const u = (wx * dir.y - wy * dir.x) / denom;
  return s > 0 && u >= 0 && u <= 1 ? s : Infinity;
}

/**
 * The Voronoi cells of a triangulation as a planar mesh in longitude/latitude. Every boundary between
 * two cells is computed once, rounded once, and handed (reversed for one side) to both cells and to any
 * union of cells. So shared edges are bit-identical on both sides and every vertex on a shared edge is
 * a vertex of both polygons: the demo's communities and grids tile exactly because they are unions of
 * these cells.
 */
export class CellMesh {
  private readonly topology: (CellTopology | null)[] = [];
  private readonly vertexPositions = new Map<number, Position>();
  private readonly edgeLines = new Map<string, readonly Position[]>();

  constructor(
    private readonly triangulation: Triangulation,
    private readonly frame: LocalFrame,
    private readonly meander: MeanderOf,
    private readonly seed: number,
  ) {
    const { triangles, superStart } = triangulation;
    const byDirectedEdge = new Map<number, number>();
    const anyTriangle = new Map<number, number>();
    const stride = triangulation.points.length;
    for (let t = 0; t * 3 < triangles.length; t++) {
      const [a, b, c] = [triangles[3 * t]!, triangles[3 * t + 1]!, triangles[3 * t + 2]!];
      byDirectedEdge
        .set(a * stride + b, t)
        .set(b * stride + c, t)
        .set(c * stride + a, t);
      for (const v of [a, b, c]) if (!anyTriangle.has(v)) anyTriangle.set(v, t);
    }
    for (let cell = 0; cell < superStart; cell++) {
      this.topology.push(this.walkAround(cell, anyTriangle.get(cell), byDirectedEdge, stride));
    }
  }

  /** Walks the triangles around a seed counter-clockwise; null when the cell is unbounded. */
  private walkAround(
    cell: number,
    first: number | undefined,
    byDirectedEdge: ReadonlyMap<number, number>,
    stride: number,
  ): CellTopology | null {
    const { triangles, superStart } = this.triangulation;
    if (first === undefined) return null;
    const vertices: number[] = [];
    const neighbours: number[] = [];
    let t = first;
    do {
      const a = triangles[3 * t]!;
      const b = triangles[3 * t + 1]!;
      const c = triangles[3 * t + 2]!;
      if (a >= superStart || b >= superStart || c >= superStart) return null;
      // The next triangle counter-clockwise around `cell` shares the edge cell → (vertex after next).
      const after = a === cell ? c : b === cell ? a : b;
      vertices.push(t);
      neighbours.push(after);
      const next = byDirectedEdge.get(cell * stride + after);
      if (next === undefined) return null;
      t = next;
    } while (t !== first);
    return { vertices, neighbours };
  }

  /** Number of cells (one per seed). */
  get size(): number {
    return this.topology.length;
  }

  /** The seed a cell was grown from, in the local frame. */
  seedOf(cell: number): Vec {
    return this.triangulation.points[cell]!;
  }

  /** False for the cells at the edge of the diagram, which have no finite polygon. */
  isBounded(cell: number): boolean {
    return this.topology[cell] !== null;
  }

  private topologyOf(cell: number): CellTopology {
    const topology = this.topology[cell];
    if (!topology) throw new Error(`cell ${cell} is unbounded`);
    return topology;
  }

  /** Neighbouring cells whose shared edge is at least `minLengthM` long. */
  neighbours(cell: number, minLengthM = 0): number[] {
    const { vertices, neighbours } = this.topologyOf(cell);
    const centres = this.triangulation.circumcentres;
    return neighbours.filter((_, k) => {
      const p = centres[vertices[k]!]!;
      const q = centres[vertices[(k + 1) % vertices.length]!]!;
      return Math.hypot(q.x - p.x, q.y - p.y) >= minLengthM;
    });
  }

  /** Length in metres of the straight Voronoi edge between two neighbouring cells (0 if not neighbours). */
  edgeLengthM(cell: number, other: number): number {
    const { vertices, neighbours } = this.topologyOf(cell);
    const k = neighbours.indexOf(other);
    if (k < 0) return 0;
    const centres = this.triangulation.circumcentres;
    const p = centres[vertices[k]!]!;
    const q = centres[vertices[(k + 1) % vertices.length]!]!;
    return Math.hypot(q.x - p.x, q.y - p.y);
  }

  private vertexPosition(triangle: number): Position {
    let position = this.vertexPositions.get(triangle);
    if (!position) {
      position = this.frame.toLonLat(this.triangulation.circumcentres[triangle]!);
      this.vertexPositions.set(triangle, position);
    }
    return position;
  }

  /** The shared boundary from vertex `from` to vertex `to`, as seen from `cell` (its inside on the left). */
  private edgeLine(cell: number, other: number, from: number, to: number): readonly Position[] {
    const low = Math.min(cell, other);
    const high = Math.max(cell, other);
    const key = `${low},${high}`;
    let line = this.edgeLines.get(key);
    if (!line) {
      // Always computed in the low cell's direction, so the result does not depend on which side asks first.
      line =
        cell === low ? this.computeEdgeLine(low, high, from, to) : this.computeEdgeLine(low, high, to, from);
      this.edgeLines.set(key, line);
    }
    return cell === low ? line : [...line].reverse();
  }

  private computeEdgeLine(low: number, high: number, from: number, to: number): Position[] {
    const centres = this.triangulation.circumcentres;
    const p = centres[from]!;
    const q = centres[to]!;
    const length = Math.hypot(q.x - p.x, q.y - p.y);
    const amount = this.meander(low, high);
    const line: Position[] = [this.vertexPosition(from)];
    if (amount > 0 && length > 8) {
      const random = new SeededRandom(hashSeed(this.seed, low, high));
      const coefficients = [1, 2, 3].map((j) => random.range(-1, 1) / j);
      const along = { x: (q.x - p.x) / length, y: (q.y - p.y) / length };
      const seedLow = this.seedOf(low);
      const seedHigh = this.seedOf(high);
      // Normal pointing into the low cell (the low cell's seed lies on the left of from → to).
      const normal = { x: -along.y, y: along.x };
      const segments = Math.min(16, Math.max(2, Math.round(length / 30)));
      for (let k = 1; k < segments; k++) {
        const t = (k + random.range(-0.3, 0.3)) / segments;
        const base = { x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) };
        let offset =
          amount * length * coefficients.reduce((sum, c, j) => sum + c * Math.sin((j + 1) * Math.PI * t), 0);
        // Stay inside the triangle (seed, p, q) of the side we bulge into: those triangles tile the
        // plane, so meandering edges can never cross one another, and cells stay simple polygons.
        if (offset > 0) {
          offset = Math.min(
            offset,
            0.6 * Math.min(rayToSegment(base, normal, p, seedLow), rayToSegment(base, normal, q, seedLow)),
          );
        } else {
          const away = { x: -normal.x, y: -normal.y };
          offset = -Math.min(
            -offset,
            0.6 * Math.min(rayToSegment(base, away, p, seedHigh), rayToSegment(base, away, q, seedHigh)),
          );
        }
        line.push(this.frame.toLonLat({ x: base.x + offset * normal.x, y: base.y + offset * normal.y }));
      }
    }
    line.push(this.vertexPosition(to));
    return line;
  }

  /**
   * The boundary rings of a union of cells, each closed and oriented with the union on its left:
   * outer rings counter-clockwise, holes clockwise. Throws when two boundary edges leave one vertex.
   */
  regionRings(cells: ReadonlySet<number>): Position[][] {
    const outgoing = new Map<number, { readonly to: number; readonly line: readonly Position[] }>();
    for (const cell of cells) {
      const { vertices, neighbours } = this.topologyOf(cell);
      vertices.forEach((from, k) => {
        const other = neighbours[k]!;
        if (cells.has(other)) return;
        const to = vertices[(k + 1) % vertices.length]!;
        if (outgoing.has(from)) throw new Error(`region boundary touches itself at vertex ${from}`);
        outgoing.set(from, { to, line: this.edgeLine(cell, other, from, to) });
      });
    }
    const rings: Position[][] = [];
    while (outgoing.size > 0) {
      const start = Math.min(...outgoing.keys());
      const ring: Position[] = [];
      let at = start;
      do {
        const edge = outgoing.get(at);
        if (!edge) throw new Error(`region boundary is open at vertex ${at}`);
        outgoing.delete(at);
        for (const position of edge.line) {
          const last = ring[ring.length - 1];
          if (!last || last[0] !== position[0] || last[1] !== position[1]) ring.push(position);
        }
        at = edge.to;
      } while (at !== start);
      rings.push(ring);
    }
    return rings;
  }

  /**
   * The single counter-clockwise outer ring of a union of cells. Throws when the union has a hole or
   * falls apart, which the generator must have prevented.
   */
  regionRing(cells: ReadonlySet<number>): Position[] {
    const rings = this.regionRings(cells);
    const ring = rings[0];
    if (rings.length !== 1 || !ring || ringSignedArea(ring) <= 0) {
      throw new Error(`region of ${cells.size} cells has ${rings.length} boundary rings`);
    }
    return ring;
  }

  /** True when a union of cells is one piece without holes. */
  isSimpleRegion(cells: ReadonlySet<number>): boolean {
    try {
      const rings = this.regionRings(cells);
      return rings.length === 1 && ringSignedArea(rings[0]!) > 0;
    } catch {
      return false;
    }
  }
}
