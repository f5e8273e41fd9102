import type { Feature, LineString, Polygon } from 'geojson';
import type {
  AreaGeometry,
  CensusPoint,
  Community,
  Division,
  Grid,
  ReferenceLayer,
} from '../../../shared/model';
import { divisionOf } from '../../../shared/model';
import { metresPerDegree } from '../../../shared/geometry/metres-per-degree';
import { seededRandom } from '../../../shared/divide/seeded-random';

/** Where the synthetic communities lie (Zigong). */
export const ORIGIN_LON = 104.77;
export const ORIGIN_LAT = 29.34;

/** Degrees for metres east/north of the origin, rounded to the 1e-9° lattice. */
export function at(eastM: number, northM: number): [number, number] {
  const scale = metresPerDegree(ORIGIN_LAT);
  return [
    Math.round((ORIGIN_LON + eastM / scale.lon) * 1e9) / 1e9,
    Math.round((ORIGIN_LAT + northM / scale.lat) * 1e9) / 1e9,
  ];
}

export function rectM(x0: number, y0: number, x1: number, y1: number): Polygon {
  return { type: 'Polygon', coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]] };
}

/** A synthetic urban community: a rectangle cut by a street grid, buildings of households in blocks. */
export interface SyntheticCommunity {
  readonly division: Division;
  readonly streets: ReferenceLayer;
  readonly compounds: ReferenceLayer;
  readonly community: Community;
}

export interface SyntheticOptions {
  readonly widthM: number;
  readonly heightM: number;
  /** Street positions (metres from the west / south edge); each street runs across the community. */
  readonly streetsX: readonly number[];
  readonly streetsY: readonly number[];
  /** Buildings per block along x and y. */
  readonly buildingsPerBlock: number;
  /** Households per building: from 1 to this (uniform). */
  readonly maxHouseholdsPerBuilding: number;
  readonly seed: number;
  /** A compound polygon (metres) holding `households` in one building group, and its name. */
  readonly compound?: {
    readonly box: [number, number, number, number];
    readonly households: number;
    readonly name: string;
  };
  readonly code?: string;
  readonly grids?: readonly Grid[];
}

export function syntheticCommunity(options: SyntheticOptions): SyntheticCommunity {
  const random = seededRandom(options.seed);
  const code = options.code ?? '510302001001';
  const community: Community = {
    layer: 'community',
    id: `c-${code}`,
    code,
    name: '光明社区',
    kind: 'urban',
    geometry: rectM(0, 0, options.widthM, options.heightM),
    extra: {},
  };
  const streetFeatures: Feature<LineString>[] = [
    ...options.streetsX.map((x) => ({
      type: 'Feature' as const,
      properties: { name: `经${x}路` },
      geometry: { type: 'LineString' as const, coordinates: [at(x, -20), at(x, options.heightM + 20)] },
    })),
    ...options.streetsY.map((y) => ({
      type: 'Feature' as const,
      properties: { name: `纬${y}路` },
      geometry: { type: 'LineString' as const, coordinates: [at(-20, y), at(options.widthM + 20, y)] },
    })),
  ];
  const xs = [0, ...options.streetsX, options.widthM];
  const ys = [0, ...options.streetsY, options.heightM];
  const points: CensusPoint[] = [];
  let n = 0;
  const box = options.compound?.box;
  for (let i = 0; i + 1 < xs.length; i++) {
    for (let j = 0; j + 1 < ys.length; j++) {
      const b = options.buildingsPerBlock;
      const dx = (xs[i + 1]! - xs[i]!) / b;
      const dy = (ys[j + 1]! - ys[j]!) / b;
      for (let u = 0; u < b; u++) {
        for (let v = 0; v < b; v++) {
          const x = xs[i]! + dx * (u + 0.3 + 0.4 * random());
          const y = ys[j]! + dy * (v + 0.3 + 0.4 * random());
          if (box && x >= box[0] - 5 && x <= box[2] + 5 && y >= box[1] - 5 && y <= box[3] + 5) continue;
          const households = 1 + Math.floor(random() * options.maxHouseholdsPerBuilding);
          const [lon, lat] = at(x, y);
          // Two points per building at the same position: they must stay together.
          const first = Math.ceil(households / 2);
          points.push({
            layer: 'census',
            id: `p${++n}`,
            lon,
            lat,
            households: first,
            population: first * 3,
            extra: {},
          });
          if (households - first > 0)
            points.push({
              layer: 'census',
              id: `p${++n}`,
              lon,
              lat,
              households: households - first,
              population: (households - first) * 3,
              extra: {},
            });
        }
      }
    }
  }
  const compoundFeatures: Feature<Polygon>[] = [];
  if (options.compound) {
    const [x0, y0, x1, y1] = options.compound.box;
    compoundFeatures.push({
      type: 'Feature',
      properties: { name: options.compound.name },
      geometry: rectM(x0, y0, x1, y1),
    });
    // The compound's households in several buildings inside it.
    const per = Math.ceil(options.compound.households / 8);
    let left = options.compound.households;
    for (let k = 0; k < 8 && left > 0; k++) {
      const h = Math.min(per, left);
      left -= h;
      const [lon, lat] = at(
        x0 + ((x1 - x0) * ((k % 4) + 0.5)) / 4,
        y0 + ((y1 - y0) * (Math.floor(k / 4) + 0.5)) / 2,
      );
      points.push({ layer: 'census', id: `p${++n}`, lon, lat, households: h, population: h * 3, extra: {} });
    }
  }
  const division = divisionOf({ name: '测试', ruleSetId: 'zigong' }, [
    community,
    ...points,
    ...(options.grids ?? []),
  ]);
  return {
    division,
    community,
    streets: { id: 'streets', name: '道路', role: 'road', visible: true, features: streetFeatures },
    compounds: { id: 'compounds', name: '小区', role: 'compound', visible: true, features: compoundFeatures },
  };
}

/** A grid of the synthetic community (code 510302001001 + `code`) with the given geometry. */
export function gridOf(code: string, geometry: AreaGeometry, more: Partial<Grid> = {}): Grid {
  return {
    layer: 'grid',
    id: `g-${code}`,
    code: `510302001001${code}`,
    name: `第${code}网格`,
    parentCode: '510302001001',
    gridType: 'urban',
    geometry,
    extra: {},
    ...more,
  };
}

/** A 600 × 600 m community cut by one street each way into four blocks of five buildings each way. */
export const FOUR_BLOCKS = {
  widthM: 600,
  heightM: 600,
  streetsX: [300],
  streetsY: [300],
  buildingsPerBlock: 5,
  maxHouseholdsPerBuilding: 30,
} as const;

/** A census point (one building) at metres east and north of the origin. */
export function pointAtM(
  id: string,
  eastM: number,
  northM: number,
  households: number,
  population: number,
): CensusPoint {
  const [lon, lat] = at(eastM, northM);
  return { layer: 'census', id, lon, lat, households, population, extra: {} };
}
