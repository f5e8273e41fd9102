import type { Position } from 'geojson';
import type { AreaGeometry } from '../model';

/** Twice the signed planar area of a ring in degrees²: positive when counter-clockwise. */
export function ringSignedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    sum += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return sum;
}

function oriented(ring: Position[], counterClockwise: boolean): Position[] {
  const area = ringSignedArea2(ring);
  if (area === 0 || area > 0 === counterClockwise) return ring;
  return [...ring].reverse();
}

function rewindPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, index) => oriented(ring, index === 0));
}

/**
 * Orients rings as RFC 7946 asks: exterior rings counter-clockwise, holes clockwise. Returns the same
 * object when nothing needs to change, so untouched geometry keeps its identity.
 */
export function rewindRfc7946<G extends AreaGeometry>(geometry: G): G {
  if (geometry.type === 'Polygon') {
    const rings = rewindPolygon(geometry.coordinates);
    return rings.every((ring, i) => ring === geometry.coordinates[i])
      ? geometry
      : { ...geometry, coordinates: rings };
  }
  const polygons = geometry.coordinates.map(rewindPolygon);
  const same = polygons.every((rings, p) => rings.every((ring, i) => ring === geometry.coordinates[p]![i]));
  return same ? geometry : { ...geometry, coordinates: polygons };
}
