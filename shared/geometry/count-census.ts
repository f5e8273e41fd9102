import type { AreaGeometry, Division } from '../model';
import { censusTable, positionsInBox } from './census-table';
import type { CensusTable } from './census-table';
import { EDGE_TOLERANCE_DEG, locatePoint, PointLocation } from './locate-point';
import { preparePolygon, preparePolygonEdges } from './prepared-polygon';
import type { PreparedPolygon } from './prepared-polygon';

/** Households, population and number of census points counted for one area. */
export interface CensusTally {
  households: number;
  population: number;
  points: number;
}

/** Census points that no area claims, with their ids. */
export interface UnassignedTally extends CensusTally {
  pointIds: string[];
}

/**
 * Households and population per grid and per micro-grid, counted from census points (never read from
 * the grids' own properties).
 */
export interface CensusCounts {
  /** Every grid of the division by id, zero when no point falls in it. */
  readonly byGrid: Map<string, CensusTally>;
  /** Every micro-grid of the division by id. */
  readonly byMicrogrid: Map<string, CensusTally>;
  /** Points in no grid (including points with invalid coordinates). */
  readonly unassigned: UnassignedTally;
  /**
   * For each grid that has micro-grids (micro-grids whose `parentCode` is its code): its points that
   * are in none of those micro-grids.
   */
  readonly outsideMicrogrids: Map<string, UnassignedTally>;
}

/** Options of {@link countCensus}. */
export interface CountCensusOptions {
  /** Distance in degrees within which a point is on an edge; default {@link EDGE_TOLERANCE_DEG}. */
  readonly toleranceDeg?: number;
  /**
   * The division's census points as a table, when the caller has one (the app builds it from the columns
   * it loaded); default: built from `division.census`. It must hold exactly those points.
   */
  readonly table?: CensusTable;
}

/** An area competing for census points: the order of the array is the tie order (see {@link assignRows}). */
export interface RankedArea {
  readonly id: string;
  readonly code: string;
  readonly polygon: PreparedPolygon;
}

/** The tie order: by code, then by id, comparing code units so the order never depends on a locale. */
export function compareByCode(
  a: { readonly code: string; readonly id: string },
  b: { readonly code: string; readonly id: string },
): number {
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** Points per area, on average, from which {@link countCensus} finds the areas' inner boxes. */
const INNER_BOX_POINTS_PER_AREA = 64;

/**
 * Prepares grids or micro-grids (or any coded area) and sorts them in tie order. `withInner`: find each
 * one's inner box, which pays only when many points fall in each area.
 */
export function rankAreas(
  areas: Iterable<{ readonly id: string; readonly code: string; readonly geometry: AreaGeometry }>,
  withInner = true,
): RankedArea[] {
  const prepare = withInner ? preparePolygon : preparePolygonEdges;
  return rankWith(areas, (area) => prepare(area.geometry));
}

/** What the tie order reads of an area. */
type CodedArea = { readonly id: string; readonly code: string };

/** Areas with the polygon `prepare` makes of each, in tie order. */
function rankWith<A extends CodedArea>(
  areas: Iterable<A>,
  prepare: (area: A) => PreparedPolygon,
): RankedArea[] {
  const ranked: RankedArea[] = [];
  for (const area of areas) ranked.push({ id: area.id, code: area.code, polygon: prepare(area) });
  return ranked.sort(compareByCode);
}

/** One empty polygon stands for every area when no point is to be located (see {@link countCensus}). */
const NOTHING_TO_LOCATE = preparePolygonEdges({ type: 'Polygon', coordinates: [] });

/**
 * The edge tie rule. A census point belongs to the area that contains it most strongly: strictly
 * inside beats on the boundary (within `toleranceDeg`, about 1 mm). Among equally strong claims the area
 * with the smallest code wins (then the smallest id). So a point on an edge shared by two grids counts
 * once, for the grid with the smaller code, whether the shared edge is bit-identical or drawn twice
 * with floating-point noise; a point inside two overlapping grids also counts once (the overlap itself is
 * reported). Codes, unlike edge orientation or drawing order, are stable and visible to the reviewer.
 *
 * Fills `owner` (index into `areas`, -1 for none) for every row of the table. Areas must be in tie order.
 */
export function assignRows(
  table: CensusTable,
  areas: readonly RankedArea[],
  toleranceDeg: number = EDGE_TOLERANCE_DEG,
): Int32Array {
  // Work by index position (coordinates in memory order), then translate to rows once at the end.
  const indexed = table.indexRows.length;
  const coords = table.index.coords;
  const ownerAt = new Int32Array(indexed).fill(-1);
  const strength = new Uint8Array(indexed);
  for (let a = 0; a < areas.length; a++) {
    const polygon = areas[a]!.polygon;
    if (polygon.empty) continue;
    const found = positionsInBox(
      table,
      polygon.minX - toleranceDeg,
      polygon.minY - toleranceDeg,
      polygon.maxX + toleranceDeg,
      polygon.maxY + toleranceDeg,
    );
    for (let k = 0; k < found.length; k++) {
      const p = found[k]!;
      // Areas come in tie order, so an equal claim never replaces an earlier one.
      if (strength[p] === PointLocation.inside) continue;
      const location = locatePoint(polygon, coords[2 * p]!, coords[2 * p + 1]!, toleranceDeg);
      if (location > strength[p]!) {
        strength[p] = location;
        ownerAt[p] = a;
      }
    }
  }
  const owner = new Int32Array(table.ids.length).fill(-1);
  const ids = table.index.ids;
  const rows = table.indexRows;
  for (let p = 0; p < indexed; p++) owner[rows[ids[p]!]!] = ownerAt[p]!;
  return owner;
}

/**
 * The area (index into `areas`) a single point belongs to under the tie rule of {@link assignRows}, among
 * the given candidate indexes; -1 when none contains it. Used to re-assign points after an edit.
 */
export function bestArea(
  areas: readonly RankedArea[],
  candidates: Iterable<number>,
  x: number,
  y: number,
  toleranceDeg: number = EDGE_TOLERANCE_DEG,
): number {
  let best = -1;
  let bestStrength: number = PointLocation.outside;
  for (const a of candidates) {
    const location = locatePoint(areas[a]!.polygon, x, y, toleranceDeg);
    if (location > bestStrength || (location === bestStrength && location > 0 && a < best)) {
      best = a;
      bestStrength = location;
    }
  }
  return best;
}

function emptyTally(): CensusTally {
  return { households: 0, population: 0, points: 0 };
}

function emptyUnassigned(): UnassignedTally {
  return { households: 0, population: 0, points: 0, pointIds: [] };
}

function add(tally: CensusTally, table: CensusTable, row: number): void {
  tally.households += table.households[row]!;
  tally.population += table.population[row]!;
  tally.points += 1;
}

/**
 * Counts households and population per grid and per micro-grid from the division's census points,
 * with the edge tie rule of {@link assignRows}: every point counts at most once per layer. Uses a KDBush
 * index over the points and an exact point-in-polygon test, so the cost grows with points near each grid,
 * never with grids × points.
 */
export function countCensus(division: Division, options: CountCensusOptions = {}): CensusCounts {
  const tolerance = options.toleranceDeg ?? EDGE_TOLERANCE_DEG;
  const table = options.table ?? censusTable(division.census);
  // An inner box costs about as much as tens of point tests and saves one test per point inside it:
  // worth finding only where areas hold many points on average (a city's 200 per grid, not 20).
  const withInner = (layer: 'grid' | 'microgrid') =>
    table.ids.length >= INNER_BOX_POINTS_PER_AREA * division[layer].size;
  // Without a located point there is nothing to test against the areas: skip preparing their edges
  // (a division exported before its census is imported; preparing 5,000 grids was a tenth of the export).
  const located = table.indexRows.length > 0;
  const rank = (layer: 'grid' | 'microgrid') =>
    located
      ? rankAreas(division[layer].values(), withInner(layer))
      : rankWith<CodedArea>(division[layer].values(), () => NOTHING_TO_LOCATE);
  const grids = rank('grid');
  const microgrids = rank('microgrid');
  return tallyCensus(
    division,
    table,
    grids,
    assignRows(table, grids, tolerance),
    microgrids,
    assignRows(table, microgrids, tolerance),
  );
}

/** Sums an assignment into {@link CensusCounts}. */
export function tallyCensus(
  division: Division,
  table: CensusTable,
  grids: readonly RankedArea[],
  gridOwner: Int32Array,
  microgrids: readonly RankedArea[],
  microgridOwner: Int32Array,
): CensusCounts {
  const byGridTally = grids.map(emptyTally);
  const byMicrogridTally = microgrids.map(emptyTally);
  const unassigned = emptyUnassigned();

  // Grids that have micro-grids, by code, so a point's grid can be checked against its micro-grid.
  const gridsWithMicrogrids = new Set<string>();
  for (const microgrid of division.microgrid.values()) gridsWithMicrogrids.add(microgrid.parentCode);
  const outsideMicrogrids = new Map<string, UnassignedTally>();
  for (const grid of grids)
    if (gridsWithMicrogrids.has(grid.code)) outsideMicrogrids.set(grid.id, emptyUnassigned());

  for (let row = 0; row < table.ids.length; row++) {
    const g = gridOwner[row]!;
    const m = microgridOwner[row]!;
    if (g < 0) {
      add(unassigned, table, row);
      unassigned.pointIds.push(table.ids[row]!);
    } else {
      add(byGridTally[g]!, table, row);
      const outside = outsideMicrogrids.get(grids[g]!.id);
      if (outside && m < 0) {
        add(outside, table, row);
        outside.pointIds.push(table.ids[row]!);
      }
    }
    if (m >= 0) add(byMicrogridTally[m]!, table, row);
  }
  return {
    byGrid: new Map(grids.map((grid, i) => [grid.id, byGridTally[i]!])),
    byMicrogrid: new Map(microgrids.map((microgrid, i) => [microgrid.id, byMicrogridTally[i]!])),
    unassigned,
    outsideMicrogrids,
  };
}
