import type { AreaGeometry } from '../model';
import { interiorPoint } from '../geometry/interior-point';
import { preparePolygon } from '../geometry/prepared-polygon';

/**
 * Orders areas for numbering: north to south, then west to east, by a representative point inside each
 * (a centroid can fall outside a U-shaped grid).
 *
 * Exact latitude order would number two side-by-side halves of a split east-first whenever the eastern
 * half's point is a hair further north, so areas are taken in rows: the northernmost remaining area
 * starts a row, every remaining area whose point lies within that area's latitude span joins it, and a
 * row is numbered west to east. Returns indexes into `geometries`.
 */
export function orderNorthToSouth(geometries: readonly AreaGeometry[]): number[] {
  const items = geometries.map((geometry, index) => {
    const prepared = preparePolygon(geometry);
    const [x, y] = interiorPoint(prepared);
    return { index, x, y, minY: prepared.minY };
  });
  const remaining = [...items].sort((a, b) => b.y - a.y || a.x - b.x || a.index - b.index);
  const order: number[] = [];
  while (remaining.length > 0) {
    const leader = remaining[0]!;
    const row = remaining.filter((item) => item.y >= leader.minY);
    row.sort((a, b) => a.x - b.x || b.y - a.y || a.index - b.index);
    for (const item of row) {
      order.push(item.index);
      remaining.splice(remaining.indexOf(item), 1);
    }
  }
  return order;
}
