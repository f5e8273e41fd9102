import type { Feature, Geometry } from 'geojson';
import { interiorPoint } from '../geometry/interior-point';
import { buildOverlay } from '../geometry/planar-overlay';
import { locatePoint, PointLocation } from '../geometry/locate-point';
import { boxesOverlap, preparePolygon } from '../geometry/prepared-polygon';
import { restoreDivisionCollection } from '../formats/geojson';
import type { AreaGeometry, Division, Result } from '../model';
import type { CityDatabase } from './city-database';
import { filedGeoJsonSql, numberColumn, stringColumn } from './city-database';

/** A township of the city as the office holds it. */
export interface CityTownship {
  readonly code: string;
  readonly name: string;
  readonly countyCode: string;
  readonly filingId: number | undefined;
  readonly ruleSet: string;
}

/** The city's current filed division and where each grid came from. */
export interface CityDivision {
  readonly division: Division;
  readonly townships: readonly CityTownship[];
  /** Township code of each grid, by grid code (a code filed by two townships lists both). */
  readonly gridTownships: ReadonlyMap<string, readonly string[]>;
}

const TOWNSHIPS = `
  SELECT t.code, t.name, t.county_code, t.current_filing,
         coalesce(f.manifest->>'ruleSet', '') AS rule_set,
         CASE WHEN t.geometry IS NULL THEN NULL ELSE ${filedGeoJsonSql('t.geometry')} END AS geometry
  FROM townships t LEFT JOIN filings f ON f.id = t.current_filing
  WHERE t.current_filing IS NOT NULL AND ($1::text IS NULL OR t.county_code = $1)
  ORDER BY t.code`;

const COMMUNITIES = `
  SELECT c.id, c.attributes, ${filedGeoJsonSql('c.geometry')} AS geometry
  FROM communities c JOIN townships t ON t.code = c.township_code
  WHERE c.valid_to IS NULL AND ($1::text IS NULL OR t.county_code = $1)
  ORDER BY c.township_code, c.code`;

const GRIDS = `
  SELECT g.id, g.code, g.township_code, g.attributes, g.households, g.population,
         ${filedGeoJsonSql('g.geometry')} AS geometry
  FROM grids g
  WHERE g.valid_to IS NULL AND ($1::text IS NULL OR g.county_code = $1)
  ORDER BY g.township_code, g.code`;

const MICROGRIDS = `
  SELECT m.id, m.code, m.township_code, m.grid_code, m.attributes, m.households, m.population,
         ${filedGeoJsonSql('m.geometry')} AS geometry
  FROM microgrids m
  WHERE m.valid_to IS NULL AND ($1::text IS NULL OR m.county_code = $1)
  ORDER BY m.township_code, m.code`;

function feature(id: string, properties: unknown, geometry: string): Feature {
  return {
    type: 'Feature',
    id,
    properties: typeof properties === 'object' && properties !== null ? properties : {},
    geometry: JSON.parse(geometry) as Geometry,
  };
}

/**
 * Reads every township's current filed division from the database (optionally one county's) and
 * restores it with GridPlan's own GeoJSON reader, so the validator, the exports and `pull` see exactly
 * the entities that were filed. Entity ids are the database row ids (`g17`, `c4`, `t…`), so the same code
 * filed by two townships stays two grids (and is reported as a duplicate). The office keeps counts per
 * grid and micro-grid, not residents' points: each micro-grid with households gets one census point at
 * an interior point carrying its filed counts, and each grid one for the rest of its counts, placed
 * outside its micro-grids, so household targets are checked against what was filed.
 */
export async function loadCityDivision(db: CityDatabase, county?: string): Promise<Result<CityDivision>> {
  const param = [county ?? null];
  const [townshipRows, communityRows, gridRows, microgridRows] = [
    await db.query(TOWNSHIPS, param),
    await db.query(COMMUNITIES, param),
    await db.query(GRIDS, param),
    await db.query(MICROGRIDS, param),
  ];
  const features: Feature[] = [];
  const townships: CityTownship[] = [];
  for (const row of townshipRows) {
    const code = stringColumn(row, 'code');
    townships.push({
      code,
      name: stringColumn(row, 'name'),
      countyCode: stringColumn(row, 'county_code'),
      filingId: row.current_filing === null ? undefined : numberColumn(row, 'current_filing'),
      ruleSet: stringColumn(row, 'rule_set'),
    });
    const geometry = row.geometry;
    if (typeof geometry === 'string') {
      features.push(
        feature(`t${code}`, { layer: 'township', code, name: stringColumn(row, 'name') }, geometry),
      );
    }
  }
  for (const row of communityRows) {
    features.push(feature(`c${stringColumn(row, 'id')}`, row.attributes, stringColumn(row, 'geometry')));
  }
  // Each micro-grid's filed counts as one point inside it and outside the micro-grids it overlaps.
  const microgrids = microgridRows.map((row) => {
    const id = `m${stringColumn(row, 'id')}`;
    const microgrid = feature(id, row.attributes, stringColumn(row, 'geometry'));
    features.push(microgrid);
    const geometry = microgrid.geometry as AreaGeometry;
    return {
      id,
      geometry,
      prepared: preparePolygon(geometry),
      households: numberColumn(row, 'households'),
      population: numberColumn(row, 'population'),
      at: [0, 0] as readonly [number, number],
    };
  });
  for (const microgrid of microgrids) {
    const others = microgrids.filter(
      (other) => other !== microgrid && boxesOverlap(other.prepared, microgrid.prepared),
    );
    microgrid.at = pointOutside(
      microgrid.geometry,
      others.map((other) => other.geometry),
    );
    censusPoint(microgrid.id, microgrid.households, microgrid.population, microgrid.at, features);
  }
  const gridTownships = new Map<string, string[]>();
  for (const row of gridRows) {
    const id = `g${stringColumn(row, 'id')}`;
    const grid = feature(id, row.attributes, stringColumn(row, 'geometry'));
    features.push(grid);
    const code = stringColumn(row, 'code');
    const list = gridTownships.get(code) ?? [];
    list.push(stringColumn(row, 'township_code'));
    gridTownships.set(code, list);
    // The grid's own point holds what the micro-grid points lying in it do not (residents outside its
    // micro-grids), and lies outside every micro-grid that reaches into it. Found by where they are,
    // not by the grid their code names, so a micro-grid reaching into a neighbour (or naming no grid)
    // takes its households from the grid that holds them.
    const geometry = grid.geometry as AreaGeometry;
    const prepared = preparePolygon(geometry);
    const near = microgrids.filter((microgrid) => boxesOverlap(microgrid.prepared, prepared));
    const inside = near.filter(
      (microgrid) => locatePoint(prepared, microgrid.at[0], microgrid.at[1]) !== PointLocation.outside,
    );
    const households = numberColumn(row, 'households') - inside.reduce((sum, m) => sum + m.households, 0);
    const population = numberColumn(row, 'population') - inside.reduce((sum, m) => sum + m.population, 0);
    if (households > 0 || population > 0) {
      const at = pointOutside(
        geometry,
        near.map((microgrid) => microgrid.geometry),
      );
      censusPoint(id, Math.max(0, households), Math.max(0, population), at, features);
    }
  }
  const ruleSets = new Set(townships.map((t) => t.ruleSet).filter((id) => id !== ''));
  const collection = {
    type: 'FeatureCollection',
    name: 'city',
    ruleSet: ruleSets.size === 1 ? [...ruleSets][0] : 'zigong',
    features,
  };
  // GridPlan's own reader on the collection as built (no text round trip: a city's text would be
  // hundreds of MB, above the file reader's cap, and parsing it again was a fifth of the check).
  const parsed = restoreDivisionCollection(collection);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { division: parsed.value, townships, gridTownships } };
}

/**
 * A point inside `area` and outside every one of `holes` (a grid's micro-grids), so that the grid's own
 * residents are not counted in a micro-grid; the area's interior point when the holes leave nothing.
 */
function pointOutside(area: AreaGeometry, holes: readonly AreaGeometry[]): readonly [number, number] {
  if (holes.length > 0) {
    const built = buildOverlay({
      polygons: [area, ...holes].map((geometry) => ({ geometry, role: 'fixed' as const })),
    });
    if (built.ok) {
      const overlay = built.value;
      const free = overlay
        .faces()
        .filter((face) => overlay.inside(face, 0) && holes.every((_, h) => !overlay.inside(face, h + 1)));
      const largest = free.sort((a, b) => overlay.faceAreaUnits2(b) - overlay.faceAreaUnits2(a))[0];
      const polygon = largest === undefined ? undefined : overlay.polygonsOf(new Set([largest]))[0];
      if (polygon) return interiorPoint(preparePolygon(polygon));
    }
  }
  return interiorPoint(preparePolygon(area));
}

function censusPoint(
  id: string,
  households: number,
  population: number,
  [lon, lat]: readonly [number, number],
  features: Feature[],
): void {
  if (households === 0 && population === 0) return;
  features.push({
    type: 'Feature',
    id: `p${id}`,
    properties: { layer: 'census', households, population },
    geometry: { type: 'Point', coordinates: [lon, lat] },
  });
}
