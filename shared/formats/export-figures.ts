import { countCensus } from '../geometry/count-census';
import { polygonAreaM2 } from '../geometry/ellipsoid-area';
import type { AreaEntity, Division } from '../model';

/**
 * Households, population and area of the division's areas as an export writes them: counted from the
 * census points at export and measured on the CGCS2000 ellipsoid, never read from stored properties.
 * The shapefile and table exports (HS, RK, MJ) and the GeoJSON export's `computed*` members use it.
 */

/** Households and population of one area entity. */
export interface Tally {
  readonly households: number;
  readonly population: number;
}

/** Households and population of every area entity, counted from the census points once. */
export interface Figures {
  readonly of: (entity: AreaEntity) => Tally;
}

/** Counts the census once; a community sums its grids, a township its communities. */
export function figuresOf(division: Division): Figures {
  const counts = countCensus(division);
  const byCommunity = new Map<string, { households: number; population: number }>();
  for (const grid of division.grid.values()) {
    const tally = counts.byGrid.get(grid.id);
    const sum = byCommunity.get(grid.parentCode) ?? { households: 0, population: 0 };
    sum.households += tally?.households ?? 0;
    sum.population += tally?.population ?? 0;
    byCommunity.set(grid.parentCode, sum);
  }
  return {
    of: (entity) => {
      const zero = { households: 0, population: 0 };
      switch (entity.layer) {
        case 'grid':
          return counts.byGrid.get(entity.id) ?? zero;
        case 'microgrid':
          return counts.byMicrogrid.get(entity.id) ?? zero;
        case 'community':
          return byCommunity.get(entity.code) ?? zero;
        case 'township': {
          // A township's figures are its communities' (codes share the first 9 digits).
          const prefix = entity.code.slice(0, 9);
          const total = { households: 0, population: 0 };
          for (const [code, sum] of byCommunity) {
            if (code.startsWith(prefix)) {
              total.households += sum.households;
              total.population += sum.population;
            }
          }
          return total;
        }
      }
    },
  };
}

/** Ellipsoidal area in square metres, to the centimetre² as exports write it. */
export const exportAreaM2 = (entity: AreaEntity): number =>
  Math.round(polygonAreaM2(entity.geometry) * 100) / 100;
