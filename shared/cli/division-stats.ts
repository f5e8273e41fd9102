import type { Division, GridType } from '../model';
import { censusTotals } from '../model';
import { countCensus } from '../geometry/count-census';
import { compareByCode } from '../geometry/count-census';
import { polygonAreaM2 } from '../geometry/ellipsoid-area';
import { partCount } from '../geometry/check-geometry';
import { polsbyPopper } from '../geometry/polsby-popper';

/** One community's row in the statistics. */
export interface CommunityStats {
  readonly code: string;
  readonly name: string;
  readonly grids: number;
  readonly households: number;
  readonly population: number;
  readonly areaM2: number;
  /** Compactness (Polsby-Popper) of its grids: mean and lowest; absent when it has no grids. */
  readonly compactnessMean?: number;
  readonly compactnessMin?: number;
  /** Its grids in more than one part (not contiguous). */
  readonly multipartGrids?: number;
}

/** Statistics of a division (`gridplan stats`): counts per layer, totals from census points. */
export interface DivisionStats {
  readonly townships: number;
  readonly communities: number;
  readonly grids: number;
  readonly gridsByType: Readonly<Record<GridType | 'unknown', number>>;
  readonly microgrids: number;
  readonly censusPoints: number;
  readonly households: number;
  readonly population: number;
  /** Census points in no grid and their households and population. */
  readonly unassigned: { readonly points: number; readonly households: number; readonly population: number };
  /** Total area of the grids in m² (ellipsoidal). */
  readonly gridAreaM2: number;
  readonly byCommunity: readonly CommunityStats[];
}

/** Computes the statistics of a division; households and population are counted from census points. */
export function divisionStats(division: Division): DivisionStats {
  const counts = countCensus(division);
  const gridsByType: Record<GridType | 'unknown', number> = { urban: 0, rural: 0, exclusive: 0, unknown: 0 };
  let gridAreaM2 = 0;
  const byParent = new Map<string, { grids: number; households: number; population: number }>();
  const quality = new Map<string, { sum: number; min: number; multipart: number }>();
  for (const grid of division.grid.values()) {
    gridsByType[grid.gridType ?? 'unknown']++;
    const area = polygonAreaM2(grid.geometry);
    if (Number.isFinite(area)) gridAreaM2 += area;
    const tally = counts.byGrid.get(grid.id)!;
    const row = byParent.get(grid.parentCode) ?? { grids: 0, households: 0, population: 0 };
    row.grids++;
    row.households += tally.households;
    row.population += tally.population;
    byParent.set(grid.parentCode, row);
    const score = polsbyPopper(grid.geometry);
    const q = quality.get(grid.parentCode) ?? { sum: 0, min: 1, multipart: 0 };
    quality.set(grid.parentCode, {
      sum: q.sum + score,
      min: Math.min(q.min, score),
      multipart: q.multipart + (partCount(grid.geometry) > 1 ? 1 : 0),
    });
  }
  const { households, population } = censusTotals(division.census, (value) =>
    Number.isFinite(value) ? value : 0,
  );
  const byCommunity = [...division.community.values()].sort(compareByCode).map((community) => {
    const row = byParent.get(community.code) ?? { grids: 0, households: 0, population: 0 };
    const area = polygonAreaM2(community.geometry);
    const q = quality.get(community.code);
    return {
      code: community.code,
      name: community.name,
      ...row,
      areaM2: Number.isFinite(area) ? area : 0,
      ...(q && row.grids > 0
        ? {
            compactnessMean: Math.round((q.sum / row.grids) * 1000) / 1000,
            compactnessMin: Math.round(q.min * 1000) / 1000,
            multipartGrids: q.multipart,
          }
        : {}),
    };
  });
  return {
    townships: division.township.size,
    communities: division.community.size,
    grids: division.grid.size,
    gridsByType,
    microgrids: division.microgrid.size,
    censusPoints: division.census.size,
    households,
    population,
    unassigned: {
      points: counts.unassigned.points,
      households: counts.unassigned.households,
      population: counts.unassigned.population,
    },
    gridAreaM2,
    byCommunity,
  };
}
