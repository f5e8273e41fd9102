import type { AreaGeometry } from '../model';
import { polygonAreaM2 } from '../geometry/ellipsoid-area';
import { areaOfFaces } from '../geometry/new-area-overlay';
import { buildOverlay } from '../geometry/planar-overlay';

/** Areas in m² of the union of one side, the other side, what they share and what only one covers. */
export interface SideAreas {
  readonly sharedM2: number;
  /** Covered by one side and not the other (the symmetric difference). */
  readonly changedM2: number;
}

function sameGeometry(a: readonly AreaGeometry[], b: readonly AreaGeometry[]): boolean {
  return a.length === b.length && a.every((geometry, i) => JSON.stringify(geometry) === JSON.stringify(b[i]));
}

/**
 * Compares the area covered by the `before` polygons with the area covered by the `after` polygons on the
 * exact planar overlay of shared/geometry (one lattice, exact orientation tests), so identical shared
 * edges give exactly zero and a moved vertex gives exactly the area it swept. Identical inputs are
 * answered without an overlay. When the overlay refuses or would not end in bounded time (geometry too
 * broken to node), falls back to the difference of the two areas, which never reports an unchanged
 * geometry as changed.
 */
export function compareAreas(before: readonly AreaGeometry[], after: readonly AreaGeometry[]): SideAreas {
  const areaBefore = before.reduce((sum, geometry) => sum + polygonAreaM2(geometry), 0);
  const areaAfter = after.reduce((sum, geometry) => sum + polygonAreaM2(geometry), 0);
  if (sameGeometry(before, after)) return { sharedM2: areaBefore, changedM2: 0 };
  if (before.length === 0 || after.length === 0) {
    return { sharedM2: 0, changedM2: areaBefore + areaAfter };
  }
  // The overlay refuses a tangle (a 1,000-point star kept `gridplan diff` running for minutes).
  const overlay = buildOverlay({
    polygons: [...before, ...after].map((geometry) => ({ geometry, role: 'fixed' as const })),
  });
  if (!overlay.ok) {
    return {
      sharedM2: Math.min(areaBefore, areaAfter),
      changedM2: Math.abs(areaBefore - areaAfter),
    };
  }
  const o = overlay.value;
  const shared: number[] = [];
  const changed: number[] = [];
  for (const face of o.faces()) {
    let inBefore = false;
    let inAfter = false;
    for (let source = 0; source < before.length && !inBefore; source++) inBefore = o.inside(face, source);
    for (let source = before.length; source < o.polygonCount && !inAfter; source++)
      inAfter = o.inside(face, source);
    if (inBefore && inAfter) shared.push(face);
    else if (inBefore !== inAfter) changed.push(face);
  }
  return { sharedM2: areaOfFaces(o, shared), changedM2: areaOfFaces(o, changed) };
}
