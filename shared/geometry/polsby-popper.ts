import type { AreaGeometry } from '../model';
import { polygonAreaM2 } from './ellipsoid-area';
import { polygonsOf } from './lattice';
import { segmentLengthM } from './metres-per-degree';

/** Length in metres of every ring of an area (shells and holes), edges straight in longitude/latitude. */
export function perimeterM(geometry: AreaGeometry): number {
  let total = 0;
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        total += segmentLengthM(a[0]!, a[1]!, b[0]!, b[1]!);
      }
      // Rings are closed in GeoJSON; tolerate an open one rather than under-count its perimeter.
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (first && last && ring.length > 1 && (first[0] !== last[0] || first[1] !== last[1]))
        total += segmentLengthM(last[0]!, last[1]!, first[0]!, first[1]!);
    }
  }
  return total;
}

/**
 * Compactness (Polsby-Popper): 4πA/P², with the ellipsoidal area A in m² and the perimeter P in metres.
 * 1 for a circle, about 0.785 for a square, near 0 for a long thin strip. A multipolygon is measured as
 * a whole (total area over total perimeter squared), so a grid in two parts scores lower than either
 * part; holes add to the perimeter. 0 for an empty or degenerate geometry.
 */
export function polsbyPopper(geometry: AreaGeometry): number {
  const perimeter = perimeterM(geometry);
  if (!(perimeter > 0)) return 0;
  const area = polygonAreaM2(geometry);
  const score = (4 * Math.PI * area) / (perimeter * perimeter);
  // Rounding can push a near-circle a hair over 1; the measure is bounded by 1 (isoperimetric inequality).
  return Math.min(1, Math.max(0, score));
}
