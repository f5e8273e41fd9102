import type { CensusPoint, Division, Grid } from '../../shared/model';
import { locatePoint, PointLocation } from '../../shared/geometry/locate-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { buildingPoint, communityOf, division, gridOf, r9, tiling } from './geometry-arbitraries';

/** What the rebalance property draws: a jittered tiling, buildings by relative position, a locked cell. */
export interface RebalanceDraw {
  readonly p: { nx: number; ny: number; cell: number; jitter: readonly number[] };
  readonly raw: readonly { u: number; v: number; households: number }[];
  readonly locked: number;
}

/** The division a draw stands for: one community tiled by grids, one of them locked, and its buildings. */
export function rebalanceCase({ p, raw, locked }: RebalanceDraw): {
  before: Division;
  grids: Grid[];
  points: CensusPoint[];
} {
  const tiles = tiling(p);
  const community = communityOf(tiles.community);
  const grids: Grid[] = tiles.cells.map((cell, i) => gridOf(i, cell, i === locked ? { locked: true } : {}));
  const shape = preparePolygon(tiles.community);
  const points: CensusPoint[] = [];
  const positions = new Set<string>();
  raw.forEach(({ u, v, households }, i) => {
    const lon = r9(shape.minX + u * (shape.maxX - shape.minX));
    const lat = r9(shape.minY + v * (shape.maxY - shape.minY));
    if (locatePoint(shape, lon, lat, 1e-7) !== PointLocation.inside) return;
    // One point per position: each building has at most 3 households.
    const key = `${lon},${lat}`;
    if (positions.has(key)) return;
    positions.add(key);
    // Keep points off the cells' edges, where the tie rule rather than the rebalance decides.
    if (
      grids.some(
        (grid) => locatePoint(preparePolygon(grid.geometry), lon, lat, 1e-7) === PointLocation.boundary,
      )
    )
      return;
    points.push(buildingPoint(`p${i}`, lon, lat, households));
  });
  return { before: division([community, ...grids, ...points]), grids, points };
}
