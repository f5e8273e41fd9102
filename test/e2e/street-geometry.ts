import type { Position } from 'geojson';
import { interiorPoint } from '../../shared/geometry/interior-point';
import { roundPosition } from '../../shared/geometry/lattice';
import { locatePoint, PointLocation } from '../../shared/geometry/locate-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import type { Community } from '../../shared/model';

/**
 * A winding street across the community's interior (every vertex inside it, zig-zagging so that a
 * straight edge between two of them would not follow it), and a point well north of it, also inside.
 */
export function streetThrough(target: Community): { street: Position[]; north: Position } {
  const prepared = preparePolygon(target.geometry);
  const [ix, iy] = interiorPoint(prepared);
  const inside = (p: Position) => locatePoint(prepared, p[0]!, p[1]!) === PointLocation.inside;
  for (let d = 0.0012; d > 0.00005; d *= 0.8) {
    const line = [-3, -2, -1, 0, 1, 2, 3].map((k) =>
      roundPosition([ix + k * d, iy + (k % 2 === 0 ? 0 : d * 0.35)]),
    );
    const north = roundPosition([ix, iy + d * 1.6]);
    if (line.every(inside) && inside(north)) return { street: line, north };
  }
  throw new Error('community too small for a street');
}

/** Whether `part` appears in the closed ring as consecutive vertices, in either direction. */
export function runsAlong(ring: readonly Position[], part: readonly Position[]): boolean {
  const open = ring.slice(0, -1).map((p) => `${p[0]},${p[1]}`);
  const wanted = part.map((p) => `${p[0]},${p[1]}`);
  const doubled = [...open, ...open];
  const matchFrom = (seq: string[]) =>
    doubled.some((_, start) => start < open.length && seq.every((s, i) => doubled[start + i] === s));
  return matchFrom(wanted) || matchFrom([...wanted].reverse());
}
