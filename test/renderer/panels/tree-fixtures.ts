import { readFileSync } from 'node:fs';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import type { Division, Grid, MicroGrid } from '../../../shared/model';

/** The demo township the app creates on its first start (38 grids). */
export function demoDivision(): Division {
  const result = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
  if (!result.ok) throw new Error('demo does not parse');
  return result.value;
}

/** Micro-grid number `n` of a grid (id `m<n>`), covering the whole grid. */
export function microgridOf(grid: Grid, n: number): MicroGrid {
  return {
    id: `m${n}`,
    layer: 'microgrid',
    code: `${grid.code}00${n}`,
    name: `微网格${n}`,
    parentCode: grid.code,
    geometry: grid.geometry,
    extra: {},
  };
}
