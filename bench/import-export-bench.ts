// Import and export speed, each next to GDAL's ogr2ogr doing the same conversion in the same run:
//   1. a 100,000-row census CSV → GridPlan GeoJSON      (ogr2ogr: CSV → GeoJSON points)
//   2. a ~50 MB polygon shapefile (GBK, Gauss-Kruger zone 35) → GridPlan GeoJSON
//                                                       (ogr2ogr: the same, reprojected to EPSG:4490)
//   3. a 5,000-grid division → grid shapefile zip        (ogr2ogr: GeoJSON → shapefile of the grid layer)
// Both run as processes, as a planner or a pipeline runs them: GridPlan is the CLI bundle built from this
// tree (scripts/build-cli.mjs, as `npx gridplan` runs it), so its time includes starting Node and loading
// the bundle, as ogr2ogr's includes starting it. Each is the median of three runs.
// Run: node --expose-gc --import tsx bench/import-export-bench.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { buildCli } from '../scripts/build-cli.mjs';
import { stringifyDivision } from '../shared/formats/geojson';
import type { ShapeRecord } from '../shared/formats/shapefile-write';
import { writeShapefile } from '../shared/formats/shapefile-write';
import { CITY, generateDivision, random } from './city-division';

const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-bench-'));
const at = (name: string) => path.join(dir, name);
const gc = (globalThis as { gc?: () => void }).gc;

// The bundle `npx gridplan` runs, built from this working tree into the benchmark's folder.
const bundle = await buildCli({ outfile: at('cli/gridplan.js'), quiet: true });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(run: () => unknown, times = 3): Promise<number> {
  const seconds: number[] = [];
  for (let i = 0; i < times; i++) {
    gc?.();
    const started = performance.now();
    await run();
    seconds.push((performance.now() - started) / 1000);
  }
  return median(seconds);
}

function gridplan(args: string[]): void {
  const result = spawnSync(process.execPath, [bundle, ...args], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`gridplan ${args.join(' ')}: ${result.stderr}`);
}

function ogr2ogr(args: string[]): void {
  execFileSync('ogr2ogr', args, { cwd: dir, stdio: 'pipe' });
}

const hasGdal = spawnSync('ogr2ogr', ['--version']).status === 0;
const rows: { task: string; size: string; gridplan: number; ogr2ogr: number | undefined; note: string }[] =
  [];

// 1. Census CSV, 100,000 rows with Chinese addresses.
{
  const next = random(7);
  const lines = ['经度,纬度,户数,人口,地址'];
  for (let i = 0; i < 100_000; i++) {
    lines.push(
      `${(104.7 + next() * 0.2).toFixed(6)},${(29.3 + next() * 0.2).toFixed(6)},${1 + Math.floor(next() * 4)},${1 + Math.floor(next() * 9)},新街社区${i}号`,
    );
  }
  writeFileSync(at('census.csv'), `${lines.join('\n')}\n`);
  const size = `${(statSync(at('census.csv')).size / 1e6).toFixed(1)} MB`;
  const ours = await timed(() =>
    gridplan(['import', at('census.csv'), '--as', 'census', '--out', at('census.geojson')]),
  );
  const theirs = hasGdal
    ? await timed(() => {
        rmSync(at('census-ogr.geojson'), { force: true });
        ogr2ogr([
          '-f',
          'GeoJSON',
          at('census-ogr.geojson'),
          at('census.csv'),
          '-oo',
          'X_POSSIBLE_NAMES=经度',
          '-oo',
          'Y_POSSIBLE_NAMES=纬度',
          '-oo',
          'AUTODETECT_TYPE=YES',
          '-a_srs',
          'EPSG:4490',
        ]);
      })
    : undefined;
  rows.push({
    task: 'census CSV → GeoJSON',
    size: `100,000 rows, ${size}`,
    gridplan: ours,
    ogr2ogr: theirs,
    note: '',
  });
}

// 2. A ~50 MB polygon shapefile, GBK, projected: written in lon/lat, then projected by ogr2ogr (setup).
if (hasGdal) {
  const next = random(11);
  const records: ShapeRecord[] = [];
  for (let i = 0; i < 50_000; i++) {
    const cx = 104.5 + (i % 250) * 0.002;
    const cy = 29.2 + Math.floor(i / 250) * 0.002;
    const ring: number[][] = [];
    for (let k = 0; k < 60; k++) {
      const a = (2 * Math.PI * k) / 60;
      const r = 0.0008 * (0.8 + 0.2 * next());
      ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    records.push({
      geometry: { type: 'Polygon', coordinates: [ring] },
      cells: [`510302001${String(i).padStart(6, '0')}`, `新街社区第${i}网格`, '城市社区', '510302001001'],
    });
  }
  const written = writeShapefile(
    {
      name: 'lonlat',
      shapeType: 'polygon',
      fields: [
        { name: 'WGBM', type: 'C' },
        { name: 'WGMC', type: 'C' },
        { name: 'WGLX', type: 'C' },
        { name: 'CJDM', type: 'C' },
      ],
      records,
    },
    { encoding: 'gbk', crs: 'cgcs2000' },
  );
  for (const file of written.files) writeFileSync(at(file.name), file.bytes);
  ogr2ogr([
    '-f',
    'ESRI Shapefile',
    at('zone35.shp'),
    at('lonlat.shp'),
    '-t_srs',
    'EPSG:4523',
    '-lco',
    'ENCODING=CP936',
  ]);
  const bytes = ['shp', 'shx', 'dbf', 'prj', 'cpg'].reduce(
    (sum, e) => sum + statSync(at(`zone35.${e}`)).size,
    0,
  );
  const ours = await timed(() =>
    gridplan(['import', at('zone35.shp'), '--as', 'grids', '--out', at('zone35.geojson')]),
  );
  const theirs = await timed(() => {
    rmSync(at('zone35-ogr.geojson'), { force: true });
    ogr2ogr(['-f', 'GeoJSON', at('zone35-ogr.geojson'), at('zone35.shp'), '-t_srs', 'EPSG:4490']);
  });
  rows.push({
    task: 'shapefile (GBK, GK zone 35) → GeoJSON',
    size: `50,000 polygons, ${(bytes / 1e6).toFixed(1)} MB`,
    gridplan: ours,
    ogr2ogr: theirs,
    note: '',
  });
}

// 3. Export of a 5,000-grid division (with 100,000 census points) to a grid shapefile zip.
{
  const division = generateDivision({ ...CITY, censusPoints: 100_000 });
  writeFileSync(at('city.geojson'), stringifyDivision(division));
  const ours = await timed(() =>
    gridplan([
      'export',
      at('city.geojson'),
      '--to',
      'shapefile',
      '--encoding',
      'gbk',
      '--out',
      at('city-grids.zip'),
    ]),
  );
  const theirs = hasGdal
    ? await timed(() => {
        rmSync(at('ogr-grids'), { recursive: true, force: true });
        ogr2ogr([
          '-f',
          'ESRI Shapefile',
          at('ogr-grids'),
          at('city.geojson'),
          '-where',
          "layer = 'grid'",
          '-nln',
          'grids',
          '-lco',
          'ENCODING=CP936',
        ]);
      })
    : undefined;
  rows.push({
    task: 'export 5,000 grids → shapefile zip',
    size: `${division.grid.size} grids, ${division.census.size} census points`,
    gridplan: ours,
    ogr2ogr: theirs,
    note: 'GridPlan also parses the file, counts households per grid and computes areas; ogr2ogr copies attributes',
  });
}

console.log(
  `Import/export benchmark — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()[0]!.toFixed(2)}`,
);
if (!hasGdal)
  console.log(
    'ogr2ogr not found (apt-get install gdal-bin): GDAL columns left empty, shapefile import skipped.',
  );
console.log('| task | input | GridPlan (s) | ogr2ogr (s) | GridPlan / ogr2ogr |');
console.log('|---|---|---|---|---|');
for (const row of rows) {
  const ratio = row.ogr2ogr === undefined ? '–' : `${(row.gridplan / row.ogr2ogr).toFixed(2)}×`;
  console.log(
    `| ${row.task} | ${row.size} | ${row.gridplan.toFixed(2)} | ${row.ogr2ogr?.toFixed(2) ?? '–'} | ${ratio} |`,
  );
}
for (const row of rows) if (row.note) console.log(`note (${row.task}): ${row.note}`);
rmSync(dir, { recursive: true, force: true });
