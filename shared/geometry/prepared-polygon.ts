import type { AreaGeometry } from '../model';
import type { PreparedPolygon } from './prepared-polygon-type';
import { innerBox } from './inner-box';

export type { PreparedPolygon } from './prepared-polygon-type';

function ringsOf(geometry: AreaGeometry): readonly (readonly unknown[])[] {
  // The lenient reader keeps malformed geometry and the editor may hold half-drawn shapes: read
  // defensively instead of trusting the declared type.
  const coordinates: unknown = (geometry as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(coordinates)) return [];
  if (geometry.type === 'Polygon')
    return coordinates.filter((ring): ring is unknown[] => Array.isArray(ring));
  const rings: unknown[][] = [];
  for (const part of coordinates) {
    if (!Array.isArray(part)) continue;
    for (const ring of part) if (Array.isArray(ring)) rings.push(ring);
  }
  return rings;
}

/**
 * Flattens an area geometry. Positions that are not a longitude and a latitude in range are dropped, consecutive
 * duplicates are merged, rings are closed, and rings left with fewer than three vertices are dropped
 * (they enclose nothing). Those defects are reported by the geometry check, not here.
 */
export function preparePolygon(geometry: AreaGeometry): PreparedPolygon {
  const prepared = preparePolygonEdges(geometry);
  const inner = innerBox(prepared);
  return inner ? { ...prepared, inner } : prepared;
}

/**
 * {@link preparePolygon} without the inner box: the box is a shortcut for many points and costs about as
 * much as tens of point tests, so an area that will see few points goes without it (same answers).
 */
export function preparePolygonEdges(geometry: AreaGeometry): PreparedPolygon {
  const out: number[] = [];
  const ends: number[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of ringsOf(geometry)) {
    const start = out.length;
    for (const position of ring) {
      if (!Array.isArray(position)) continue;
      const x: unknown = position[0];
      const y: unknown = position[1];
      if (typeof x !== 'number' || typeof y !== 'number' || !(x >= -180 && x <= 180 && y >= -90 && y <= 90))
        continue;
      const n = out.length;
      if (n > start && out[n - 2] === x && out[n - 1] === y) continue;
      out.push(x, y);
    }
    // Drop an explicit closing vertex; it is added back below so every ring is closed exactly once.
    let n = out.length;
    if (n - start >= 4 && out[start] === out[n - 2] && out[start + 1] === out[n - 1]) {
      out.length = n - 2;
      n -= 2;
    }
    if (n - start < 6) {
      out.length = start;
      continue;
    }
    for (let i = start; i < n; i += 2) {
      const x = out[i]!;
      const y = out[i + 1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    out.push(out[start]!, out[start + 1]!);
    ends.push(out.length / 2);
  }
  const empty = ends.length === 0;
  return {
    coords: Float64Array.from(out),
    ringEnds: Uint32Array.from(ends),
    minX: empty ? 0 : minX,
    minY: empty ? 0 : minY,
    maxX: empty ? 0 : maxX,
    maxY: empty ? 0 : maxY,
    empty,
  };
}

/** True when the boxes of two prepared polygons overlap (touching counts). */
export function boxesOverlap(a: PreparedPolygon, b: PreparedPolygon): boolean {
  return !(a.empty || b.empty || a.maxX < b.minX || b.maxX < a.minX || a.maxY < b.minY || b.maxY < a.minY);
}
