/** A point in the local metric frame (metres east and north of the frame origin). */
export interface Vec {
  readonly x: number;
  readonly y: number;
}

/** A Delaunay triangulation: triangles as counter-clockwise index triples into `points`. */
export interface Triangulation {
  /**
   * The input points followed by the three vertices of the enclosing super-triangle. Triangles that use
   * a super vertex (index ≥ `superStart`) border the convex hull.
   */
  readonly points: readonly Vec[];
  readonly superStart: number;
  /** Flat list of counter-clockwise triples. */
  readonly triangles: readonly number[];
  /** Circumcentre of each triangle (the Voronoi vertices). */
  readonly circumcentres: readonly Vec[];
}

interface Triangle {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly cx: number;
  readonly cy: number;
  readonly r2: number;
}

function makeTriangle(points: readonly Vec[], i: number, j: number, k: number): Triangle {
  const p = points[i]!;
  let q = points[j]!;
  let r = points[k]!;
  let b = j;
  let c = k;
  // Keep every triangle counter-clockwise so that walking around a vertex is well defined.
  if ((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) < 0) {
    [b, c] = [k, j];
    [q, r] = [r, q];
  }
  const bx = q.x - p.x;
  const by = q.y - p.y;
  const cx = r.x - p.x;
  const cy = r.y - p.y;
  const d = 2 * (bx * cy - by * cx);
  const ux = (cy * (bx * bx + by * by) - by * (cx * cx + cy * cy)) / d;
  const uy = (bx * (cx * cx + cy * cy) - cx * (bx * bx + by * by)) / d;
  return { a: i, b, c, cx: p.x + ux, cy: p.y + uy, r2: ux * ux + uy * uy };
}

/**
 * Bowyer–Watson Delaunay triangulation. Quadratic, which is fine for the few hundred seeds of the demo
 * and keeps the code short enough to check by reading. Inputs must be in general position (the demo
 * jitters its seeds so that no four are co-circular).
 */
export function triangulate(input: readonly Vec[]): Triangulation {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of input) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  const size = Math.max(maxX - minX, maxY - minY) * 20;
  const midX = (minX + maxX) / 2;
  const midY = (minY + maxY) / 2;
  const points: Vec[] = [
    ...input,
    { x: midX - size, y: midY - size },
    { x: midX + size, y: midY - size },
    { x: midX, y: midY + size },
  ];
  const superStart = input.length;
  let triangles: Triangle[] = [makeTriangle(points, superStart, superStart + 1, superStart + 2)];

  for (let index = 0; index < input.length; index++) {
    const p = points[index]!;
    const keep: Triangle[] = [];
    const bad: Triangle[] = [];
    for (const t of triangles) {
      const dx = p.x - t.cx;
      const dy = p.y - t.cy;
      (dx * dx + dy * dy < t.r2 ? bad : keep).push(t);
    }
    // The cavity's boundary: directed edges of bad triangles whose reverse is not in a bad triangle.
    const directed = new Set<string>();
    for (const t of bad) {
      directed.add(`${t.a},${t.b}`).add(`${t.b},${t.c}`).add(`${t.c},${t.a}`);
    }
    for (const t of bad) {
      for (const [u, v] of [
        [t.a, t.b],
        [t.b, t.c],
        [t.c, t.a],
      ] as const) {
        if (!directed.has(`${v},${u}`)) keep.push(makeTriangle(points, u, v, index));
      }
    }
    triangles = keep;
  }

  return {
    points,
    superStart,
    triangles: triangles.flatMap((t) => [t.a, t.b, t.c]),
    circumcentres: triangles.map((t) => ({ x: t.cx, y: t.cy })),
  };
}
