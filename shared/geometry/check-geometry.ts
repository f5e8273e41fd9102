import type { AreaGeometry } from '../model';
import { locatePoint, PointLocation } from './locate-point';
import { preparePolygon } from './prepared-polygon';
import type { Severity } from '../model';

/** Kinds of geometry defect, each reported as one `invalid-geometry` issue per entity. */
export const GEOMETRY_DEFECTS = [
  'empty',
  'bad-coordinate',
  'unclosed-ring',
  'short-ring',
  'duplicate-vertex',
  'self-intersection',
  'ring-crossing',
  'unchecked-crossings',
  'hole-outside',
  'hole',
] as const;
export type GeometryDefectKind = (typeof GEOMETRY_DEFECTS)[number];

/** A defect of one kind in one geometry: how many times it occurs and where the first one is. */
export interface GeometryDefect {
  readonly kind: GeometryDefectKind;
  readonly severity: Severity;
  readonly count: number;
  /** True when counting stopped at {@link MAX_INTERSECTIONS}: there are at least `count`. */
  readonly atLeast?: true;
  readonly at: readonly [number, number];
}

/** Options of {@link checkGeometry}. */
export interface CheckGeometryOptions {
  /** Whether holes are allowed in this layer (see `ValidateOptions.holesAllowed`). */
  readonly holesAllowed: boolean;
}

type Point = readonly [number, number];

interface Ring {
  readonly points: Point[];
  readonly part: number;
  readonly hole: boolean;
}

/**
 * Stops counting intersections of one polygon at this many: the first ones locate the problem, and a
 * count this high means "at least" (see {@link isTangled}).
 */
export const MAX_INTERSECTIONS = 100;

/**
 * Pairs of segments whose x ranges meet that one check may test (about 0.8 s). A usual ring tests a few
 * per segment; 100,000 vertices of long parallel edges (a comb of 25,000 teeth, each across the whole
 * grid) would test 1.25 billion, 24 s. Past this the crossings are reported as unchecked.
 */
export const MAX_PAIR_TESTS = 50_000_000;

function isFinitePosition(position: unknown): position is [number, number] {
  return (
    Array.isArray(position) &&
    typeof position[0] === 'number' &&
    typeof position[1] === 'number' &&
    Number.isFinite(position[0]) &&
    Number.isFinite(position[1])
  );
}

function partsOf(geometry: AreaGeometry): unknown[][] {
  const coordinates: unknown = (geometry as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(coordinates)) return [];
  if (geometry.type === 'Polygon') return [coordinates];
  return coordinates.filter((part): part is unknown[] => Array.isArray(part));
}

class Defects {
  private readonly found = new Map<GeometryDefectKind, { count: number; at: Point; severity: Severity }>();
  /** Kinds whose counting stopped early. */
  private readonly cut = new Set<GeometryDefectKind>();

  add(kind: GeometryDefectKind, at: Point, severity: Severity = 'error'): void {
    const existing = this.found.get(kind);
    if (existing) existing.count++;
    else this.found.set(kind, { count: 1, at, severity });
  }

  /** Marks the counts of these kinds as lower bounds. */
  stopCounting(kinds: readonly GeometryDefectKind[]): void {
    for (const kind of kinds) if (this.found.has(kind)) this.cut.add(kind);
  }

  list(): GeometryDefect[] {
    return GEOMETRY_DEFECTS.flatMap((kind) => {
      const defect = this.found.get(kind);
      if (!defect) return [];
      const { severity, count, at } = defect;
      return [
        this.cut.has(kind) ? { kind, severity, count, atLeast: true, at } : { kind, severity, count, at },
      ];
    });
  }
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function within(a: number, b: number, c: number): boolean {
  return a < b ? a <= c && c <= b : b <= c && c <= a;
}

/** Where segment pq meets segment rs, or undefined. Touching (an end on the other segment) counts. */
function meet(p: Point, q: Point, r: Point, s: Point, touchCounts: boolean): Point | undefined {
  const o1 = orient(p[0], p[1], q[0], q[1], r[0], r[1]);
  const o2 = orient(p[0], p[1], q[0], q[1], s[0], s[1]);
  const o3 = orient(r[0], r[1], s[0], s[1], p[0], p[1]);
  const o4 = orient(r[0], r[1], s[0], s[1], q[0], q[1]);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    const t = o3 / (o3 - o4);
    return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
  }
  if (!touchCounts) {
    // Rings of one polygon may touch at a point, but must not run along each other.
    if (o1 === 0 && o2 === 0) {
      const overlap = collinearOverlap(p, q, r, s);
      if (overlap) return overlap;
    }
    return undefined;
  }
  if (o1 === 0 && within(p[0], q[0], r[0]) && within(p[1], q[1], r[1])) return r;
  if (o2 === 0 && within(p[0], q[0], s[0]) && within(p[1], q[1], s[1])) return s;
  if (o3 === 0 && within(r[0], s[0], p[0]) && within(r[1], s[1], p[1])) return p;
  if (o4 === 0 && within(r[0], s[0], q[0]) && within(r[1], s[1], q[1])) return q;
  return undefined;
}

/** The midpoint of the stretch two collinear segments share, when it has positive length. */
function collinearOverlap(p: Point, q: Point, r: Point, s: Point): Point | undefined {
  const useX = Math.abs(q[0] - p[0]) >= Math.abs(q[1] - p[1]);
  const k = useX ? 0 : 1;
  const lo = Math.max(Math.min(p[k], q[k]), Math.min(r[k], s[k]));
  const hi = Math.min(Math.max(p[k], q[k]), Math.max(r[k], s[k]));
  if (!(hi > lo)) return undefined;
  const mid = (lo + hi) / 2;
  const t = (mid - p[k]) / (q[k] - p[k]);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

interface Segment {
  readonly p: Point;
  readonly q: Point;
  readonly ring: number;
  readonly index: number;
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

/**
 * Finds crossings between segments of the rings, with a sweep over x so typical rings cost ~n log n;
 * past {@link MAX_PAIR_TESTS} pair tests it stops and reports the crossings as unchecked.
 */
function findIntersections(rings: readonly Ring[], defects: Defects): void {
  const segments: Segment[] = [];
  rings.forEach((ring, r) => {
    const points = ring.points;
    for (let i = 0; i + 1 < points.length; i++) {
      const p = points[i]!;
      const q = points[i + 1]!;
      segments.push({
        p,
        q,
        ring: r,
        index: i,
        minX: Math.min(p[0], q[0]),
        maxX: Math.max(p[0], q[0]),
        minY: Math.min(p[1], q[1]),
        maxY: Math.max(p[1], q[1]),
      });
    }
  });
  segments.sort((a, b) => a.minX - b.minX);
  let found = 0;
  let tests = 0;
  for (let i = 0; i < segments.length && found < MAX_INTERSECTIONS; i++) {
    const a = segments[i]!;
    // The segments after a that start within its x range, found by bisection: the tests to come.
    let low = i + 1;
    let high = segments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (segments[mid]!.minX <= a.maxX) low = mid + 1;
      else high = mid;
    }
    tests += low - i - 1;
    if (tests > MAX_PAIR_TESTS) {
      defects.add('unchecked-crossings', a.p);
      // Crossings found so far are a lower bound.
      defects.stopCounting(['self-intersection', 'ring-crossing']);
      return;
    }
    for (
      let j = i + 1;
      j < segments.length && segments[j]!.minX <= a.maxX && found < MAX_INTERSECTIONS;
      j++
    ) {
      const b = segments[j]!;
      if (b.maxY < a.minY || b.minY > a.maxY) continue;
      if (a.ring === b.ring) {
        const last = rings[a.ring]!.points.length - 2;
        const gap = Math.abs(a.index - b.index);
        if (gap === 1 || gap === last) {
          // Neighbours share a vertex; they intersect only if one doubles back along the other (a spike).
          const [first, second] =
            a.index + 1 === b.index || (a.index === last && b.index === 0) ? [a, b] : [b, a];
          const turn = orient(first.p[0], first.p[1], first.q[0], first.q[1], second.q[0], second.q[1]);
          const dot =
            (first.q[0] - first.p[0]) * (second.q[0] - second.p[0]) +
            (first.q[1] - first.p[1]) * (second.q[1] - second.p[1]);
          if (turn === 0 && dot < 0 && last > 1) {
            defects.add('self-intersection', first.q);
            found++;
          }
          continue;
        }
        const at = meet(a.p, a.q, b.p, b.q, true);
        if (at) {
          defects.add('self-intersection', at);
          found++;
        }
      } else {
        const at = meet(a.p, a.q, b.p, b.q, false);
        if (at) {
          defects.add('ring-crossing', at);
          found++;
        }
      }
    }
  }
  if (found >= MAX_INTERSECTIONS) defects.stopCounting(['self-intersection', 'ring-crossing']);
}

/**
 * Checks that an area geometry is a valid polygon (OGC simple features): finite coordinates in
 * longitude/latitude range, closed rings of at least three distinct vertices, no repeated consecutive
 * vertex (a warning: harmless but a sign of careless digitising), no self-intersection (bow-ties,
 * spikes, a ring touching itself), rings that do not cross one another, holes inside their outer ring,
 * and no hole where the layer allows none. Multipart is a separate rule (`multipart`).
 */
export function checkGeometry(geometry: AreaGeometry, options: CheckGeometryOptions): GeometryDefect[] {
  const defects = new Defects();
  const rings: Ring[] = [];
  let lastGood: Point = [0, 0];

  partsOf(geometry).forEach((part, partIndex) => {
    part.forEach((rawRing, ringIndex) => {
      if (!Array.isArray(rawRing)) {
        defects.add('short-ring', lastGood);
        return;
      }
      const points: Point[] = [];
      for (const position of rawRing) {
        if (!isFinitePosition(position)) {
          defects.add('bad-coordinate', lastGood);
          continue;
        }
        const [x, y] = position;
        if (x < -180 || x > 180 || y < -90 || y > 90) {
          defects.add('bad-coordinate', [x, y]);
          continue;
        }
        const point: Point = [x, y];
        lastGood = point;
        const previous = points[points.length - 1];
        if (previous && previous[0] === x && previous[1] === y) {
          // The closing vertex repeats the first, not the previous one; equal neighbours are duplicates.
          defects.add('duplicate-vertex', point, 'warning');
          continue;
        }
        points.push(point);
      }
      const first = points[0];
      const last = points[points.length - 1];
      const closed = points.length > 1 && first![0] === last![0] && first![1] === last![1];
      if (!closed && points.length > 0) defects.add('unclosed-ring', last!);
      const distinct = closed ? points.length - 1 : points.length;
      if (distinct < 3) {
        defects.add('short-ring', first ?? lastGood);
        return;
      }
      if (!closed) points.push(first!);
      if (ringIndex > 0 && !options.holesAllowed) defects.add('hole', first!);
      rings.push({ points, part: partIndex, hole: ringIndex > 0 });
    });
  });
  if (rings.length === 0 && !defects.list().some((d) => d.kind === 'short-ring'))
    defects.add('empty', lastGood);

  findIntersections(rings, defects);

  // A hole must lie inside the outer ring of its part: test one of its vertices that is not on it.
  const outerOf = new Map<number, Ring>();
  for (const ring of rings) if (!ring.hole && !outerOf.has(ring.part)) outerOf.set(ring.part, ring);
  for (const ring of rings) {
    if (!ring.hole) continue;
    const outer = outerOf.get(ring.part);
    if (!outer) continue;
    const prepared = preparePolygon({
      type: 'Polygon',
      coordinates: [outer.points.map((p) => [p[0], p[1]])],
    });
    const outside = ring.points.some((p) => locatePoint(prepared, p[0], p[1], 0) === PointLocation.outside);
    if (outside) defects.add('hole-outside', ring.points[0]!);
  }
  return defects.list();
}

/** Number of parts of a geometry with at least one ring (a Polygon has one). */
export function partCount(geometry: AreaGeometry): number {
  return partsOf(geometry).filter((part) => part.length > 0).length;
}

/**
 * True when a geometry's rings cross themselves or each other at least {@link MAX_INTERSECTIONS} times
 * (counting stopped there):
 * a tangle (a star drawn in one ring, a digitising accident) that coverage checks cannot measure in
 * bounded time, since every crossing splits their sweep. Validation reports its coverage as too
 * complex to check instead.
 */
export function isTangled(defects: readonly GeometryDefect[]): boolean {
  return defects.some((defect) => defect.atLeast === true);
}
