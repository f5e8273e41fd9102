import type { Polygon } from 'geojson';
import { interiorPoint } from '../../shared/geometry/interior-point';
import { locatePoint, PointLocation } from '../../shared/geometry/locate-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import type { Division } from '../../shared/model';

/** The grid that contains a point inside a drawing, if any. */
export function gridUnder(division: Division, polygon: Polygon): string | null {
  const [x, y] = interiorPoint(preparePolygon(polygon));
  for (const grid of division.grid.values()) {
    if (locatePoint(preparePolygon(grid.geometry), x, y) === PointLocation.inside) return grid.id;
  }
  return null;
}
