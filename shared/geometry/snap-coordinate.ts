import type { Position } from 'geojson';
import { latticeNearSegment } from './lattice-near-segment';
import { polygonsOf, roundPosition, toDegrees, toUnits } from './lattice';
import { metresPerDegree } from './metres-per-degree';
import type { AreaInput } from './trace-existing';
import type { AreaGeometry } from '../model';

/**
 * How near the pointer must be to snap. The editor derives it from a number of screen pixels:
 * `toleranceM` in metres, or `toleranceDeg` in degrees of longitude (what a horizontal pixel distance
 * unprojects to), which is turned into metres at the pointer's latitude.
 */
export type SnapTolerance = { readonly toleranceM: number } | { readonly toleranceDeg: number };

/**
 * A line candidate: a reference street, river or railway, or the rings of a compound, given as open
 * polylines. Its vertices and edges are snap targets like a polygon's (part 0, `ring` = line index).
 */
export interface LineInput {
  readonly id: string;
  readonly lines: readonly (readonly Position[])[];
}

/** What can be snapped to: an area (grid, community...) or lines (reference layers). */
export type SnapCandidate = AreaInput | LineInput;

/** The candidate's parts as lists of rings or lines. */
function partsOf(candidate: SnapCandidate): readonly (readonly (readonly Position[])[])[] {
  return 'lines' in candidate ? [candidate.lines] : polygonsOf(candidate.geometry);
}

/** Where a snapped point lies on a candidate polygon: indexes into its coordinates. */
export interface SnapTarget {
  readonly id: string;
  /** Part index (always 0 for a Polygon). */
  readonly part: number;
  readonly ring: number;
  /** The vertex (kind `vertex`) or the first vertex of the edge (kind `edge`). */
  readonly index: number;
}

/** The result of {@link snapCoordinate}. */
export type SnapResult =
  | {
      readonly kind: 'none';
      /** The input position rounded to 9 decimals. */
      readonly position: Position;
    }
  | {
      readonly kind: 'vertex' | 'edge';
      /** The snapped position (9 decimals; on an edge: a lattice point on the edge to ~1e-13°). */
      readonly position: Position;
      /** Every vertex or edge at that position: a shared vertex or edge is named once per grid. */
      readonly targets: readonly SnapTarget[];
      readonly distanceM: number;
    };

/** Keys of an outline's vertices and edges (both directions), on the 1e-9° lattice. */
function outlineKeys(geometry: AreaGeometry | undefined): { vertices: Set<string>; edges: Set<string> } {
  const vertices = new Set<string>();
  const edges = new Set<string>();
  if (!geometry) return { vertices, edges };
  for (const rings of polygonsOf(geometry))
    for (const ring of rings)
      for (let i = 0; i < ring.length; i++) {
        const a = latticeKey(ring[i]!);
        vertices.add(a);
        const next = ring[i + 1];
        if (!next) continue;
        const b = latticeKey(next);
        edges.add(`${a}|${b}`).add(`${b}|${a}`);
      }
  return { vertices, edges };
}

function latticeKey(p: Position): string {
  return `${toUnits(p[0]!)},${toUnits(p[1]!)}`;
}

/**
 * Snaps a position to the nearest vertex of the candidates within the tolerance; only when no vertex is
 * that near, to the nearest point of an edge. Vertices come first because a planner aiming near a corner
 * means the corner, and a shared corner is where neighbouring grids must stay joined. Distances are in
 * metres (local scale at the pointer), so the tolerance means the same north–south and east–west.
 *
 * `except`: an outline being edited. Its vertices and edges are no targets, in whichever candidate they
 * are (a neighbour shares them), so a vertex dragged less than the tolerance does not snap back to where
 * it was, nor to the edges that move with it; other features' vertices and edges still attract it (an edge
 * that leaves one of its vertices only along its length, not at that end).
 */
export function snapCoordinate(
  position: Position,
  candidates: readonly SnapCandidate[],
  tolerance: SnapTolerance,
  except?: AreaGeometry,
): SnapResult {
  const skip = outlineKeys(except);
  const px = position[0]!;
  const py = position[1]!;
  const scale = metresPerDegree(py);
  const toleranceM = 'toleranceM' in tolerance ? tolerance.toleranceM : tolerance.toleranceDeg * scale.lon;
  const distanceM = (x: number, y: number): number => Math.hypot((x - px) * scale.lon, (y - py) * scale.lat);

  let bestVertex: { x: number; y: number; d: number } | undefined;
  let bestEdge: { x: number; y: number; d: number; a: Position; b: Position } | undefined;
  for (const candidate of candidates) {
    for (const rings of partsOf(candidate)) {
      for (const ring of rings) {
        for (let i = 0; i < ring.length; i++) {
          const a = ring[i]!;
          const d = distanceM(a[0]!, a[1]!);
          const skipped = skip.vertices.size > 0 && skip.vertices.has(latticeKey(a));
          if (!skipped && d <= toleranceM && (!bestVertex || d < bestVertex.d))
            bestVertex = { x: a[0]!, y: a[1]!, d };
          const b = ring[i + 1];
          if (!b) continue;
          if (skip.edges.size > 0 && skip.edges.has(`${latticeKey(a)}|${latticeKey(b)}`)) continue;
          // Closest point of the edge, in metres (scaled axes), clamped to the edge.
          const ex = (b[0]! - a[0]!) * scale.lon;
          const ey = (b[1]! - a[1]!) * scale.lat;
          const length2 = ex * ex + ey * ey;
          if (length2 === 0) continue;
          const t = Math.max(
            0,
            Math.min(1, ((px - a[0]!) * scale.lon * ex + (py - a[1]!) * scale.lat * ey) / length2),
          );
          // An edge leaving an excluded vertex attracts along its length, never at that end (the old spot).
          if ((t === 0 && skip.vertices.has(latticeKey(a))) || (t === 1 && skip.vertices.has(latticeKey(b))))
            continue;
          const x = a[0]! + t * (b[0]! - a[0]!);
          const y = a[1]! + t * (b[1]! - a[1]!);
          const e = distanceM(x, y);
          if (e <= toleranceM && (!bestEdge || e < bestEdge.d)) bestEdge = { x, y, d: e, a, b };
        }
      }
    }
  }
  if (bestVertex) {
    const snapped = roundPosition([bestVertex.x, bestVertex.y]);
    return {
      kind: 'vertex',
      position: snapped,
      targets: targetsAt(candidates, snapped, 'vertex'),
      distanceM: bestVertex.d,
    };
  }
  if (bestEdge) {
    // A lattice point on the edge (to ~1e-13°) rather than the rounded projection, which can be 0.7e-9°
    // off: a vertex drawn there must lie on the edge it was snapped to. The window stays within ~1 cm.
    const near = latticeNearSegment(
      toUnits(bestEdge.a[0]!),
      toUnits(bestEdge.a[1]!),
      toUnits(bestEdge.b[0]!),
      toUnits(bestEdge.b[1]!),
      bestEdge.x * 1e9,
      bestEdge.y * 1e9,
      64,
    );
    const snapped: Position = near
      ? [toDegrees(near[0]), toDegrees(near[1])]
      : roundPosition([bestEdge.x, bestEdge.y]);
    return {
      kind: 'edge',
      position: snapped,
      targets: targetsAt(candidates, snapped, 'edge', bestEdge.a, bestEdge.b),
      distanceM: bestEdge.d,
    };
  }
  return { kind: 'none', position: roundPosition(position) };
}

/** Every vertex equal to `at`, or every edge equal to a–b (either direction), among the candidates. */
function targetsAt(
  candidates: readonly SnapCandidate[],
  at: Position,
  kind: 'vertex' | 'edge',
  a?: Position,
  b?: Position,
): SnapTarget[] {
  const same = (p: Position | undefined, q: Position | undefined): boolean =>
    !!p && !!q && toUnits(p[0]!) === toUnits(q[0]!) && toUnits(p[1]!) === toUnits(q[1]!);
  const targets: SnapTarget[] = [];
  for (const candidate of candidates) {
    partsOf(candidate).forEach((rings, part) => {
      rings.forEach((ring, r) => {
        for (let i = 0; i + 1 < ring.length; i++) {
          const hit =
            kind === 'vertex'
              ? same(ring[i], at)
              : (same(ring[i], a) && same(ring[i + 1], b)) || (same(ring[i], b) && same(ring[i + 1], a));
          if (hit) targets.push({ id: candidate.id, part, ring: r, index: i });
        }
      });
    });
  }
  return targets;
}
