import type { Polygon, Position } from 'geojson';
import { splitGridCommand } from '../../shared/commands/split-grid-command';
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

/** The first grid a line crosses (both ends outside it, or crossing its boundary at least twice). */
export function gridCrossedBy(division: Division, line: readonly Position[]): string | null {
  const xs = line.map((p) => p[0]!);
  const ys = line.map((p) => p[1]!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Reuse the split itself as the test, on the grids whose box the line reaches: the first it succeeds
  // for is the one crossed.
  for (const grid of division.grid.values()) {
    const ring =
      grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : grid.geometry.coordinates[0]![0]!;
    const gx = ring.map((p) => p[0]!);
    const gy = ring.map((p) => p[1]!);
    if (Math.max(...gx) < minX || Math.min(...gx) > maxX || Math.max(...gy) < minY || Math.min(...gy) > maxY)
      continue;
    const trial = splitGridCommand(division, grid.id, line, { keepCodeOnLarger: true });
    if (trial.ok) return grid.id;
  }
  return null;
}
