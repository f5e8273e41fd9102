import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { townshipDivision } from '../../../bench/city-townships';
import type { CityDatabase, CityRow } from '../../../shared/city';
import { loadCityDivision } from '../../../shared/city';
import { toGeoJson } from '../../../shared/formats/geojson';
import { countCensus } from '../../../shared/geometry/count-census';
import type { CensusCounts } from '../../../shared/geometry/count-census';
import type { AreaGeometry, Division, Grid, MicroGrid } from '../../../shared/model';

// The city office keeps counts per grid and micro-grid, not residents' points: loadCityDivision makes
// census points from them, which the validator must count back to what was filed, wherever a micro-grid
// lies (the rows are those `city file` stores, served by a stand-in for the database).

const SHAPE = { index: 0, communities: 2, gridsX: 2, gridsY: 3, width: 0.02, height: 0.02 };

function box(geometry: AreaGeometry): [number, number, number, number] {
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0]! : geometry.coordinates[0]![0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function rect(west: number, south: number, east: number, north: number): AreaGeometry {
  const ring = [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

function micro(grid: Grid, n: number, parentCode: string, geometry: AreaGeometry): MicroGrid {
  return {
    layer: 'microgrid',
    id: `m${n}`,
    code: `${grid.code}00${n}`,
    name: `微${n}`,
    parentCode,
    geometry,
    extra: {},
  };
}

/** The rows `city file` stores for the division, served by query text as the database would. */
function storedAs(division: Division): CityDatabase {
  const filed = countCensus(division);
  const properties = new Map(
    toGeoJson(division, { omitCensus: true }).features.map((f) => [f.id, f.properties]),
  );
  const township = [...division.township.values()][0]!;
  let id = 0;
  const counted = (entity: Grid | MicroGrid, tally: CensusCounts['byGrid']) => ({
    id: String(++id),
    code: entity.code,
    township_code: township.code,
    attributes: properties.get(entity.id),
    households: tally.get(entity.id)!.households,
    population: tally.get(entity.id)!.population,
    geometry: JSON.stringify(entity.geometry),
  });
  const grids = [...division.grid.values()].map((grid) => counted(grid, filed.byGrid));
  const microgrids = [...division.microgrid.values()].map((m) => ({
    ...counted(m, filed.byMicrogrid),
    grid_code: m.parentCode,
  }));
  const communities = [...division.community.values()].map((c) => ({
    id: String(++id),
    attributes: properties.get(c.id),
    geometry: JSON.stringify(c.geometry as Geometry),
  }));
  const townships = [
    {
      code: township.code,
      name: township.name,
      county_code: township.code.slice(0, 6),
      current_filing: '1',
      rule_set: 'zigong',
      geometry: JSON.stringify(township.geometry),
    },
  ];
  const rows = (sql: string): readonly CityRow[] =>
    sql.includes('FROM townships')
      ? townships
      : sql.includes('FROM communities')
        ? communities
        : sql.includes('FROM microgrids')
          ? microgrids
          : sql.includes('FROM grids')
            ? grids
            : [];
  return {
    query: (sql) => Promise.resolve(rows(sql)),
    transaction: () => Promise.reject(new Error('read only')),
    close: () => Promise.resolve(),
  };
}

/** Households per grid and micro-grid code, as counted from the division's census points. */
function householdsByCode(division: Division): Record<string, number> {
  const counts = countCensus(division);
  const out: Record<string, number> = {};
  for (const grid of division.grid.values()) out[grid.code] = counts.byGrid.get(grid.id)!.households;
  for (const m of division.microgrid.values()) out[m.code] = counts.byMicrogrid.get(m.id)!.households;
  return out;
}

async function countsBackAsFiled(make: (grids: Grid[]) => MicroGrid[]): Promise<void> {
  const base = townshipDivision(SHAPE);
  const division = { ...base, microgrid: new Map(make([...base.grid.values()]).map((m) => [m.id, m])) };
  const loaded = await loadCityDivision(storedAs(division));
  if (!loaded.ok) throw new Error(loaded.problems[0]!.message.en);
  expect(householdsByCode(loaded.value.division)).toEqual(householdsByCode(division));
}

describe('loadCityDivision', () => {
  it('counts grids and micro-grids back as filed: micro-grids tiling their grid', () =>
    countsBackAsFiled(([grid]) => {
      const [x0, y0, x1, y1] = box(grid!.geometry);
      return [
        micro(grid!, 1, grid!.code, rect(x0, y0, (x0 + x1) / 2, y1)),
        micro(grid!, 2, grid!.code, rect((x0 + x1) / 2, y0, x1, y1)),
      ];
    }));

  it('counts back as filed a micro-grid reaching over the neighbouring grid', () =>
    countsBackAsFiled(([first, second]) => {
      const [x0, y0, x1, y1] = box(first!.geometry);
      const [, , x2] = box(second!.geometry);
      return [micro(first!, 1, first!.code, rect(x0 + 0.75 * (x1 - x0), y0, x2 - 0.1 * (x2 - x1), y1))];
    }));

  it('counts back as filed a micro-grid whose grid code names no grid', () =>
    countsBackAsFiled(([grid]) => {
      const [x0, y0, x1, y1] = box(grid!.geometry);
      const w = x1 - x0;
      const h = y1 - y0;
      const typo = `${grid!.code.slice(0, -1)}9`;
      return [micro(grid!, 1, typo, rect(x0 + 0.1 * w, y0 + 0.1 * h, x1 - 0.1 * w, y1 - 0.1 * h))];
    }));
});
