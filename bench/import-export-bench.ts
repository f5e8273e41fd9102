// Import and export speed, each next to GDAL's ogr2ogr doing the same conversion in the same run:
//   1. a 100,000-row census CSV → GridPlan GeoJSON      (ogr2ogr: CSV → GeoJSON points)
//   2. a ~50 MB polygon shapefile (GBK, Gauss-Kruger zone 35) → GridPlan GeoJSON
//                                                       (ogr2ogr: the same, reprojected to EPSG:4490)
//   3. a 5,000-grid division → grid shapefile zip        (ogr2ogr: GeoJSON → shapefile of the grid layer)
// Both run as processes, as a planner or a pipeline runs them: GridPlan is the CLI bundle built from this
// tree (scripts/build-cli.mjs, as `npx gridplan` runs it), so its time includes starting Node and loading
// the bundle, as ogr2ogr's includes starting it. The bundle sits beside a package.json saying it is an ES
// module, as in the installed package (without it Node first tries it as CommonJS: 0.1 s more at start).
// Each figure is the median of three runs: wall time, and CPU time (user + sys, from /usr/bin/time when
// it is installed), the steadier figure on a shared machine.
// `--before DIR` also times the bundle built from the working tree DIR (e.g. a checkout of main), in the
// same run, so a change is measured before and after under the same load.
// `--only N` (1, 2 or 3) runs that task alone: task 3 alone takes a minute where all three take several.
// Run: node --expose-gc --import tsx bench/import-export-bench.ts [--before DIR] [--only N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCli } from '../scripts/build-cli.mjs';
import { stringifyDivision } from '../shared/formats/geojson';
import type { ShapeRecord } from '../shared/formats/shapefile-write';
import { writeShapefile } from '../shared/formats/shapefile-write';
import { writeXlsx } from '../shared/formats/xlsx';
import { CITY, generateDivision, random } from './city-division';

const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-bench-'));
const at = (name: string) => path.join(dir, name);
const gc = (globalThis as { gc?: () => void }).gc;

// The bundle `npx gridplan` runs, built from this working tree into the benchmark's folder.
const bundle = await buildCli({ outfile: at('cli/gridplan.js'), quiet: true });
writeFileSync(at('cli/package.json'), '{ "type": "module" }\n');
const beforeAt = process.argv.indexOf('--before');
const beforeTree = beforeAt >= 0 ? path.resolve(process.argv[beforeAt + 1] ?? '.') : undefined;
const beforeBundle = beforeTree
  ? await (
      (await import(pathToFileURL(path.join(beforeTree, 'scripts', 'build-cli.mjs')).href)) as {
        buildCli: typeof buildCli;
      }
    ).buildCli({ outfile: at('before/gridplan.js'), quiet: true })
  : undefined;
// Its own folder: a bundle's chunks sit beside it (scripts/build-cli.mjs).
if (beforeBundle) writeFileSync(at('before/package.json'), '{ "type": "module" }\n');

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? Number(process.argv[onlyAt + 1]) : undefined;
if (only !== undefined && ![1, 2, 3].includes(only))
  throw new Error('--only takes 1, 2 or 3 (the task to run)');
/** True when task `n` runs (all run without `--only`). */
const runs = (n: number) => only === undefined || only === n;

const timeTool = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall and CPU seconds of one run; CPU undefined without /usr/bin/time. */
interface Timing {
  wall: number;
  cpu: number | undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs a program (under /usr/bin/time when there) and throws, with its error output, when it fails. */
function run(command: string, args: string[]): number | undefined {
  const cpuFile = at('cpu.txt');
  const result = timeTool
    ? spawnSync(timeTool, ['-f', '%U %S', '-o', cpuFile, command, ...args], { cwd: dir, encoding: 'utf8' })
    : spawnSync(command, args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  if (!timeTool) return undefined;
  const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return user! + sys!;
}

/**
 * Times the runs in turns (one of each, three times), so that a load that changes during the run weighs
 * on all of them alike.
 */
function timedInTurns(runs: readonly (() => number | undefined)[], times = 3): Timing[] {
  const wall = runs.map((): number[] => []);
  const cpu = runs.map((): number[] => []);
  for (let i = 0; i < times; i++) {
    runs.forEach((runOnce, k) => {
      gc?.();
      const started = performance.now();
      const seconds = runOnce();
      wall[k]!.push((performance.now() - started) / 1000);
      if (seconds !== undefined) cpu[k]!.push(seconds);
    });
  }
  return runs.map((_, k) => ({
    wall: median(wall[k]!),
    cpu: cpu[k]!.length > 0 ? median(cpu[k]!) : undefined,
  }));
}

/**
 * Times `gridplan ARGS` with this tree's bundle (and, with --before, the other tree's) in turns with
 * `theirs` (ogr2ogr doing the same, when there).
 */
function timeTask(
  args: string[],
  theirs: (() => number | undefined) | undefined,
): { ours: Timing; before: Timing | undefined; ogr: Timing | undefined } {
  const runs = [() => run(process.execPath, [bundle, ...args])];
  if (beforeBundle) runs.push(() => run(process.execPath, [beforeBundle, ...args]));
  if (theirs) runs.push(theirs);
  const timings = timedInTurns(runs);
  return {
    ours: timings[0]!,
    before: beforeBundle ? timings[1] : undefined,
    ogr: theirs ? timings.at(-1) : undefined,
  };
}

function ogr2ogr(args: string[]): number | undefined {
  return run('ogr2ogr', args);
}

const hasGdal = spawnSync('ogr2ogr', ['--version']).status === 0;
const rows: {
  task: string;
  size: string;
  gridplan: Timing;
  before: Timing | undefined;
  ogr2ogr: Timing | undefined;
  note: string;
}[] = [];

// 1. Census CSV, 100,000 rows with Chinese addresses.
if (runs(1)) {
  const next = random(7);
  const lines = ['经度,纬度,户数,人口,地址'];
  for (let i = 0; i < 100_000; i++) {
    lines.push(
      `${(104.7 + next() * 0.2).toFixed(6)},${(29.3 + next() * 0.2).toFixed(6)},${1 + Math.floor(next() * 4)},${1 + Math.floor(next() * 9)},新街社区${i}号`,
    );
  }
  writeFileSync(at('census.csv'), `${lines.join('\n')}\n`);
  const size = `${(statSync(at('census.csv')).size / 1e6).toFixed(1)} MB`;
  const { ours, before, ogr } = timeTask(
    ['import', at('census.csv'), '--as', 'census', '--out', at('census.geojson')],
    hasGdal
      ? () => {
          rmSync(at('census-ogr.geojson'), { force: true });
          return ogr2ogr([
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
        }
      : undefined,
  );
  rows.push({
    task: 'census CSV → GeoJSON',
    size: `100,000 rows, ${size}`,
    gridplan: ours,
    before,
    ogr2ogr: ogr,
    note: '',
  });

  // The same table into the division just written (its 100,000 points replaced): no ogr2ogr equivalent.
  writeFileSync(at('census-into.geojson'), readFileSync(at('census.geojson')));
  const into = timeTask(
    [
      'import',
      at('census.csv'),
      '--as',
      'census',
      '--into',
      at('census-into.geojson'),
      '--out',
      at('into.geojson'),
    ],
    undefined,
  );
  rows.push({
    task: 'census CSV --into a division',
    size: '100,000 rows into 100,000 points',
    gridplan: into.ours,
    before: into.before,
    ogr2ogr: undefined,
    note: '',
  });

  // The same table as an XLSX workbook (numbers as numbers).
  const cells = lines.slice(1).map((line) => {
    const [lon, lat, households, population, address] = line.split(',');
    return [Number(lon), Number(lat), Number(households), Number(population), address!];
  });
  writeFileSync(at('census.xlsx'), writeXlsx('人口', lines[0]!.split(','), cells));
  const xlsxSize = `${(statSync(at('census.xlsx')).size / 1e6).toFixed(1)} MB`;
  const xlsx = timeTask(
    ['import', at('census.xlsx'), '--as', 'census', '--out', at('census-xlsx.geojson')],
    hasGdal
      ? () => {
          rmSync(at('census-xlsx-ogr.geojson'), { force: true });
          // GDAL's XLSX driver has no X/Y options: the rows are copied as attributes, without points.
          return ogr2ogr(['-f', 'GeoJSON', at('census-xlsx-ogr.geojson'), at('census.xlsx')]);
        }
      : undefined,
  );
  rows.push({
    task: 'census XLSX → GeoJSON',
    size: `100,000 rows, ${xlsxSize}`,
    gridplan: xlsx.ours,
    before: xlsx.before,
    ogr2ogr: xlsx.ogr,
    note: 'ogr2ogr copies the XLSX rows as attributes (its XLSX driver makes no points)',
  });
}

// 2. A ~50 MB polygon shapefile, GBK, projected: written in lon/lat, then projected by ogr2ogr (setup).
if (hasGdal && runs(2)) {
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
  const { ours, before, ogr } = timeTask(
    ['import', at('zone35.shp'), '--as', 'grids', '--out', at('zone35.geojson')],
    () => {
      rmSync(at('zone35-ogr.geojson'), { force: true });
      return ogr2ogr(['-f', 'GeoJSON', at('zone35-ogr.geojson'), at('zone35.shp'), '-t_srs', 'EPSG:4490']);
    },
  );
  rows.push({
    task: 'shapefile (GBK, GK zone 35) → GeoJSON',
    size: `50,000 polygons, ${(bytes / 1e6).toFixed(1)} MB`,
    gridplan: ours,
    before,
    ogr2ogr: ogr,
    note: '',
  });
}

// 3. Export of a 5,000-grid division (with 100,000 census points) to a grid shapefile zip.
if (runs(3)) {
  const division = generateDivision({ ...CITY, censusPoints: 100_000 });
  writeFileSync(at('city.geojson'), stringifyDivision(division));
  const { ours, before, ogr } = timeTask(
    ['export', at('city.geojson'), '--to', 'shapefile', '--encoding', 'gbk', '--out', at('city-grids.zip')],
    hasGdal
      ? () => {
          rmSync(at('ogr-grids'), { recursive: true, force: true });
          return ogr2ogr([
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
        }
      : undefined,
  );
  rows.push({
    task: 'export 5,000 grids → shapefile zip',
    size: `${division.grid.size} grids, ${division.census.size} census points`,
    gridplan: ours,
    before,
    ogr2ogr: ogr,
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
const seconds = (t: Timing | undefined, of: 'wall' | 'cpu') => t?.[of]?.toFixed(2) ?? '–';
const ratio = (a: Timing | undefined, b: Timing | undefined, of: 'wall' | 'cpu') => {
  const x = a?.[of];
  const y = b?.[of];
  return x === undefined || y === undefined ? '–' : `${(x / y).toFixed(2)}×`;
};
console.log(
  `Seconds, median of three: wall / CPU (user + sys)${beforeBundle ? `; "before" is the bundle of ${beforeTree}` : ''}.`,
);
console.log(
  '| task | input | GridPlan wall / CPU | ogr2ogr wall / CPU | GridPlan / ogr2ogr wall / CPU |' +
    (beforeBundle ? ' before wall / CPU | before / ogr2ogr wall / CPU |' : ''),
);
console.log(`|---|---|---|---|---|${beforeBundle ? '---|---|' : ''}`);
for (const row of rows) {
  const cells = [
    row.task,
    row.size,
    `${seconds(row.gridplan, 'wall')} / ${seconds(row.gridplan, 'cpu')}`,
    `${seconds(row.ogr2ogr, 'wall')} / ${seconds(row.ogr2ogr, 'cpu')}`,
    `${ratio(row.gridplan, row.ogr2ogr, 'wall')} / ${ratio(row.gridplan, row.ogr2ogr, 'cpu')}`,
  ];
  if (beforeBundle)
    cells.push(
      `${seconds(row.before, 'wall')} / ${seconds(row.before, 'cpu')}`,
      `${ratio(row.before, row.ogr2ogr, 'wall')} / ${ratio(row.before, row.ogr2ogr, 'cpu')}`,
    );
  console.log(`| ${cells.join(' | ')} |`);
}
for (const row of rows) if (row.note) console.log(`note (${row.task}): ${row.note}`);
rmSync(dir, { recursive: true, force: true });
