import type { Polygon } from 'geojson';
import type { AreaGeometry } from '../model';
import type { Overlay, RegionPolygon } from './planar-overlay';

/** An existing area given to an operation: a grid (or any polygon) with its id. */
export interface AreaInput {
  readonly id: string;
  readonly geometry: AreaGeometry;
  /** How messages name it (e.g. the grid code); default the id. */
  readonly label?: string;
}

/** An existing area whose geometry an operation changed. */
export interface ChangedArea {
  readonly id: string;
  readonly geometry: AreaGeometry;
}

/** The result of {@link traceExisting}. */
export interface TracedExisting {
  readonly polygons: Polygon[];
  readonly regions: RegionPolygon[];
  /** True when the traced rings are the source's own rings, vertex for vertex (start may differ). */
  readonly unchanged: boolean;
}

/** Every vertex id of traced polygons: the vertices a new or changed polygon now shares. */
export function verticesOf(regions: Iterable<RegionPolygon>): Set<number> {
  const vertices = new Set<number>();
  for (const region of regions) {
    for (const v of region.shell) vertices.add(v);
    for (const hole of region.holes) for (const v of hole) vertices.add(v);
  }
  return vertices;
}

/**
 * Traces faces that make up (the rest of) an existing polygon, `source` of the overlay, keeping only its
 * own vertices and those in `shared` (vertices of the new or changed polygons next to it). Noding also
 * puts other polygons' vertices and crossings with unrelated lines on its edges; those lie on its edges
 * (exactly, or within the snap distance) and are dropped, so an existing grid changes only where an
 * operation changes it, and gains exactly the vertices it must share to keep shared edges identical.
 * Rings start where the source's rings started when that vertex is still there.
 */
export function traceExisting(
  overlay: Overlay,
  source: number,
  faces: ReadonlySet<number>,
  shared: ReadonlySet<number>,
): TracedExisting {
  const own = overlay.sourceRings(source);
  const rank = new Map<number, number>();
  own.forEach((ring, r) => ring.forEach((v, i) => rank.has(v) || rank.set(v, r * 1e7 + i)));
  const regions = overlay.trace(faces, {
    keep: (v) => rank.has(v) || shared.has(v),
    startRank: (v) => rank.get(v) ?? 1e15 + v,
  });
  return {
    regions,
    polygons: regions.map((region) => overlay.toPolygon(region)),
    unchanged: sameRings(own, regions),
  };
}

/** Canonical text of a ring of vertex ids: rotated to start at its smallest id. */
function canonicalRing(ring: readonly number[]): string {
  let start = 0;
  for (let i = 1; i < ring.length; i++) if (ring[i]! < ring[start]!) start = i;
  return [...ring.slice(start), ...ring.slice(0, start)].join(',');
}

function sameRings(own: readonly (readonly number[])[], regions: readonly RegionPolygon[]): boolean {
  const traced = regions.flatMap((region) => [region.shell, ...region.holes]);
  if (traced.length !== own.length) return false;
  const expected = own.map(canonicalRing).sort();
  const actual = traced.map(canonicalRing).sort();
  return expected.every((ring, i) => ring === actual[i]);
}

/** Selects the faces of an overlay that are inside polygon `source`. */
export function facesInside(overlay: Overlay, source: number): Set<number> {
  return new Set(overlay.faces().filter((face) => overlay.inside(face, source)));
}

/**
 * For existing polygons `inputs` (overlay sources `firstSource`, `firstSource + 1`, …) whose shape an
 * operation does not change: those that must take vertices of the new polygons (`shared`), with their
 * new geometry. The others are left out, untouched.
 */
export function vertexOnlyUpdates(
  overlay: Overlay,
  inputs: readonly AreaInput[],
  firstSource: number,
  shared: ReadonlySet<number>,
): ChangedArea[] {
  const changed: ChangedArea[] = [];
  inputs.forEach((input, index) => {
    const source = firstSource + index;
    const traced = traceExisting(overlay, source, facesInside(overlay, source), shared);
    if (traced.unchanged || traced.polygons.length === 0) return;
    changed.push({ id: input.id, geometry: asAreaGeometry(traced.polygons) });
  });
  return changed;
}

/** A Polygon when there is one part, else a MultiPolygon. */
export function asAreaGeometry(polygons: readonly Polygon[]): AreaGeometry {
  if (polygons.length === 1) return polygons[0]!;
  return { type: 'MultiPolygon', coordinates: polygons.map((polygon) => polygon.coordinates) };
}
