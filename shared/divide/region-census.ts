import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AreaGeometry, CensusPoint, Community, Division, Grid, ReferenceLayer } from '../model';
import { isLineRole } from '../model';
import { PointLocation, locatePoint } from '../geometry/locate-point';
import { preparePolygon } from '../geometry/prepared-polygon';
import type { PreparedPolygon } from '../geometry/prepared-polygon';
import { tooTangledToNode } from '../geometry/planar-overlay';
import { checkGeometry } from '../geometry/check-geometry';
import { DisjointSets } from './disjoint-sets';

/** A polygon that automatic division never cuts: a residential compound (小区) or a building footprint. */
export interface GuidePolygon {
  readonly geometry: AreaGeometry;
  /** The feature's name (name, NAME, 名称, XQMC ...) for messages, or '' when it has none. */
  readonly name: string;
  readonly prepared: PreparedPolygon;
}

/**
 * A unit that division never separates: census points at one position or with one address (one
 * building), and everything inside one guide polygon (one compound).
 */
export interface CensusUnit {
  /** Indexes into {@link RegionCensus.points}. */
  readonly points: readonly number[];
  readonly households: number;
  readonly population: number;
  /** Guide polygons (indexes into {@link RegionCensus.polygons}) the unit's points lie in. */
  readonly polygons: readonly number[];
}

/** The census of the part of a community that division works on: the community less its existing grids. */
export interface RegionCensus {
  readonly points: readonly CensusPoint[];
  readonly households: number;
  readonly population: number;
  /** Number of units (see {@link CensusUnit}). */
  readonly units: number;
  readonly unitList: readonly CensusUnit[];
  /** Unit index of each point. */
  readonly unitOfPoint: Int32Array;
  readonly largestUnitHouseholds: number;
  readonly largestUnitPopulation: number;
  /** Grids that take part of the community (they are left as they are and cut out of the region). */
  readonly keptGrids: readonly Grid[];
  readonly polygons: readonly GuidePolygon[];
}

/** A count as the census table reads it: negative, NaN or infinite counts are 0. */
function countOf(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

const NAME_KEYS = ['name', 'NAME', 'Name', '名称', 'XQMC', 'xqmc', 'MC', 'mc'];

function featureName(feature: Feature): string {
  const properties = feature.properties ?? {};
  for (const key of NAME_KEYS) {
    const value: unknown = properties[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return '';
}

/** The polygon features of the guides (compounds, buildings, or polygons in any layer). */
export function guidePolygons(guides: readonly ReferenceLayer[]): GuidePolygon[] {
  const found: GuidePolygon[] = [];
  for (const layer of guides) {
    if (isLineRole(layer.role) && layer.role !== 'other') continue;
    if (layer.role === 'neighbour') continue;
    for (const feature of layer.features) {
      const geometry = feature.geometry as Polygon | MultiPolygon | { type: string } | null;
      if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
      const area = geometry as AreaGeometry;
      // A tangle of a footprint (another tool's export) cannot be overlaid, and a self-crossing one (a
      // bow-tie) is no compound: its two lobes touch at a point, and kept whole they made a grid of two
      // pieces. Neither guides anything.
      if (tooTangledToNode(area) || !isValidGuide(area)) continue;
      const prepared = preparePolygon(area);
      if (!prepared.empty) found.push({ geometry: area, name: featureName(feature), prepared });
    }
  }
  return found;
}

/** A polygon without errors (holes allowed): self-crossing, crossing rings, too few vertices are errors. */
function isValidGuide(area: AreaGeometry): boolean {
  return !checkGeometry(area, { holesAllowed: true }).some((defect) => defect.severity === 'error');
}

function boxesMeet(a: PreparedPolygon, b: PreparedPolygon): boolean {
  return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
}

/** Grids that lie (partly) on the community: every grid whose box meets the community's. */
export function gridsOnCommunity(
  division: Division,
  community: Community,
  except: ReadonlySet<string> = new Set(),
): Grid[] {
  const box = preparePolygon(community.geometry);
  const found: Grid[] = [];
  if (box.empty) return found;
  for (const grid of division.grid.values()) {
    if (except.has(grid.id)) continue;
    if (boxesMeet(box, preparePolygon(grid.geometry))) found.push(grid);
  }
  return found;
}

/**
 * The communities divided in the same run whose grids will rank before `community`'s (a smaller code;
 * grid codes start with their community's) and whose box meets its box: a point on a boundary shared
 * with one of them is counted for it ({@link regionCensus}'s `edgeTakenBy`), not twice.
 */
export function edgeTakers(dividedTogether: readonly Community[], community: Community): PreparedPolygon[] {
  const own = preparePolygon(community.geometry);
  const found: PreparedPolygon[] = [];
  for (const other of dividedTogether) {
    if (other.code >= community.code) continue;
    const prepared = preparePolygon(other.geometry);
    if (!prepared.empty && boxesMeet(prepared, own)) found.push(prepared);
  }
  return found;
}

/**
 * The census points of `area` (inside or on its boundary) that no kept grid claims, grouped into units.
 * `area` defaults to the community; rebalancing passes the union of the grids it redistributes. A kept
 * grid claims the points inside it, and those on its edge when its code ranks before `newCodesFrom`, the
 * smallest code a grid made here can get: the tie rule of countCensus, by which the validator counts.
 * (A grid made here that ends with a code before the kept grid's takes its edge's points back; those
 * few points are left to the region.) `edgeTakenBy` are the areas of communities divided in the same
 * run whose new grids will rank before this one's (a smaller community code): a point on the boundary
 * shared with one of them is theirs, so that it is counted once, where the validator will count it.
 */
export function regionCensus(
  division: Division,
  community: Community,
  guides: readonly ReferenceLayer[],
  keptGrids: readonly Grid[] = gridsOnCommunity(division, community),
  area: AreaGeometry = community.geometry,
  newCodesFrom = '',
  edgeTakenBy: readonly PreparedPolygon[] = [],
): RegionCensus {
  const shape = preparePolygon(area);
  const kept = keptGrids.map((grid) => ({
    polygon: preparePolygon(grid.geometry),
    claimsEdge: grid.code < newCodesFrom,
  }));
  const points: CensusPoint[] = [];
  for (const point of division.census.values()) {
    if (!Number.isFinite(point.lon) || !Number.isFinite(point.lat)) continue;
    const where = locatePoint(shape, point.lon, point.lat);
    if (where === PointLocation.outside) continue;
    const claimed = kept.some(({ polygon, claimsEdge }) => {
      const location = locatePoint(polygon, point.lon, point.lat);
      return location === PointLocation.inside || (claimsEdge && location === PointLocation.boundary);
    });
    if (claimed) continue;
    if (
      where === PointLocation.boundary &&
      edgeTakenBy.some((other) => locatePoint(other, point.lon, point.lat) !== PointLocation.outside)
    )
      continue;
    points.push(point);
  }
  points.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const polygons = guidePolygons(guides).filter((polygon) => boxesMeet(polygon.prepared, shape));
  const sets = new DisjointSets(points.length);
  const byPosition = new Map<string, number>();
  const byAddress = new Map<string, number>();
  const byPolygon = new Map<number, number>();
  const polygonsOfPoint: number[][] = points.map(() => []);
  points.forEach((point, i) => {
    const key = `${Math.round(point.lon * 1e9)},${Math.round(point.lat * 1e9)}`;
    const same = byPosition.get(key);
    if (same === undefined) byPosition.set(key, i);
    else sets.union(same, i);
    const address = point.address?.trim();
    if (address) {
      const other = byAddress.get(address);
      if (other === undefined) byAddress.set(address, i);
      else sets.union(other, i);
    }
    polygons.forEach((polygon, p) => {
      if (locatePoint(polygon.prepared, point.lon, point.lat) === PointLocation.outside) return;
      polygonsOfPoint[i]!.push(p);
      const first = byPolygon.get(p);
      if (first === undefined) byPolygon.set(p, i);
      else sets.union(first, i);
    });
  });
  const unitOfRoot = new Map<number, number>();
  const unitOfPoint = new Int32Array(points.length);
  const members: number[][] = [];
  points.forEach((_, i) => {
    const root = sets.find(i);
    let unit = unitOfRoot.get(root);
    if (unit === undefined) {
      unit = members.length;
      unitOfRoot.set(root, unit);
      members.push([]);
    }
    members[unit]!.push(i);
    unitOfPoint[i] = unit;
  });
  let households = 0;
  let population = 0;
  let largestUnitHouseholds = 0;
  let largestUnitPopulation = 0;
  const unitList = members.map((list) => {
    let h = 0;
    let p = 0;
    const inPolygons = new Set<number>();
    for (const i of list) {
      h += countOf(points[i]!.households);
      p += countOf(points[i]!.population);
      for (const polygon of polygonsOfPoint[i]!) inPolygons.add(polygon);
    }
    households += h;
    population += p;
    largestUnitHouseholds = Math.max(largestUnitHouseholds, h);
    largestUnitPopulation = Math.max(largestUnitPopulation, p);
    return { points: list, households: h, population: p, polygons: [...inPolygons].sort((a, b) => a - b) };
  });
  return {
    points,
    households,
    population,
    units: unitList.length,
    unitList,
    unitOfPoint,
    largestUnitHouseholds,
    largestUnitPopulation,
    keptGrids,
    polygons,
  };
}

/** The weight of each unit by the band's measure. */
export function unitWeights(census: RegionCensus, measure: 'households' | 'population'): number[] {
  return census.unitList.map((unit) => (measure === 'households' ? unit.households : unit.population));
}
