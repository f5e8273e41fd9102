// Benchmark of the city office on a real PostgreSQL 15 + PostGIS cluster started for the run (the same
// helper as the tests): generated cities of 50 and 200 townships × 60 grids (and 1,000 with `--large`).
// For each: filing throughput (packages filed one after another, each one transaction with the stale-base
// and cross-township overlap checks), `city check` (GridPlan's validator over the whole city), and the
// latency of OGC API Features items and vector tiles under 20 concurrent clients on loopback. Growth is
// printed as ratios against the smallest city of the same run, with the load average. Bounded: a fixed
// number of requests.
//
// `--before REV` also times `city check` with the code of git revision REV (its shared/ and resources/
// are extracted beside this worktree for the run and removed after) on the same databases, so a change
// is measured before and after in one run on one machine load.
//
//   npm run bench:city [-- --large] [--before REV]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CityDatabase } from '../shared/city';
import { checkCity, cityRequestHandler, fileCityPackage, initCity } from '../shared/city';
import type { FilingPackage } from '../shared/formats/filing-package';
import { openCityDatabase, startHttpServer } from '../scripts/city-host';
import { LAT0, LON0, packageOf, townshipDivision } from './city-townships';
import { startPgCluster } from './pg-cluster';

const SIZES = process.argv.includes('--large') ? [50, 200, 1000] : [50, 200];
const beforeAt = process.argv.indexOf('--before');
const BEFORE_REV = beforeAt >= 0 ? process.argv[beforeAt + 1] : undefined;
const PER_ROW = 25;
const WIDTH = 0.03;
const HEIGHT = 0.03;
const CLIENTS = 20;
const REQUESTS_PER_CLIENT = 25;

interface Figures {
  readonly townships: number;
  readonly grids: number;
  readonly fileSeconds: number;
  /** Mean ms per filing over the first and the last tenth of the filings (does one filing slow down?). */
  readonly firstTenthMs: number;
  readonly lastTenthMs: number;
  readonly medianMs: number;
  readonly checkSeconds: number;
  /** `city check` with the code of `--before REV`, on the same database. */
  readonly checkBeforeSeconds: number | undefined;
  /** 1-minute load average when the check started. */
  readonly checkLoad: number;
  readonly items: readonly number[];
  readonly tiles: readonly number[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const rad = (lat * Math.PI) / 180;
  const n = 2 ** z;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  ];
}

async function packages(count: number): Promise<FilingPackage[]> {
  const list: FilingPackage[] = [];
  for (let i = 0; i < count; i++) {
    const division = townshipDivision({
      index: i % PER_ROW,
      row: Math.floor(i / PER_ROW),
      communities: 3,
      gridsX: 5,
      gridsY: 4,
      width: WIDTH,
      height: HEIGHT,
    });
    list.push((await packageOf(division)).pkg);
  }
  return list;
}

async function load(url: string, count: number): Promise<readonly number[][]> {
  const rows = Math.ceil(count / PER_ROW);
  const random = seeded(count);
  const items: number[] = [];
  const tiles: number[] = [];
  const client = async () => {
    for (let r = 0; r < REQUESTS_PER_CLIENT; r++) {
      const lon = LON0 + random() * Math.min(count, PER_ROW) * WIDTH;
      const lat = LAT0 - random() * rows * HEIGHT;
      const bbox = [lon, lat - 0.02, lon + 0.02, lat].map((v) => v.toFixed(5)).join(',');
      let start = performance.now();
      const page = await fetch(`${url}/collections/grids/items?bbox=${bbox}&limit=100`);
      await page.arrayBuffer();
      if (page.status !== 200) throw new Error(`items answered ${page.status}`);
      items.push(performance.now() - start);
      const [x, y] = tileOf(lon, lat, 14);
      start = performance.now();
      const tile = await fetch(`${url}/tiles/14/${x}/${y}.mvt`);
      await tile.arrayBuffer();
      if (tile.status !== 200) throw new Error(`tile answered ${tile.status}`);
      tiles.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return [items.sort((a, b) => a - b), tiles.sort((a, b) => a - b)];
}

type CheckCity = typeof checkCity;

/** checkCity as it was at git revision `rev`: its shared/ extracted into a folder that is removed later. */
async function checkCityAt(rev: string): Promise<{ check: CheckCity; remove: () => void }> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  // Inside the worktree, so that the old code resolves the same node_modules.
  const dir = mkdtempSync(path.join(root, '.bench-before-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const archive = execFileSync('git', ['-C', root, 'archive', '--format=tar', rev, 'shared', 'resources'], {
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    const module = (await import(pathToFileURL(path.join(dir, 'shared/city/index.ts')).href)) as {
      checkCity: CheckCity;
    };
    return { check: module.checkCity, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

async function timeCheck(check: CheckCity, db: CityDatabase): Promise<[number, number]> {
  const start = performance.now();
  const report = await check(db);
  if (!report.ok) throw new Error('check failed');
  return [(performance.now() - start) / 1000, report.value.summary.grids];
}

async function measure(
  cluster: Awaited<ReturnType<typeof startPgCluster>>,
  count: number,
  before: CheckCity | undefined,
): Promise<Figures> {
  const url = cluster.createDatabase(`city_${count}`);
  const opened = await openCityDatabase(url, 10);
  if (!opened.ok) throw new Error('cannot open the benchmark database');
  const db: CityDatabase = opened.value;
  try {
    await initCity(db);
    const list = await packages(count);
    const start = performance.now();
    const each: number[] = [];
    for (const pkg of list) {
      const one = performance.now();
      const outcome = await fileCityPackage(db, pkg, { author: 'bench' });
      if (outcome.kind !== 'filed') throw new Error(`filing refused: ${outcome.kind}`);
      each.push(performance.now() - one);
    }
    const fileSeconds = (performance.now() - start) / 1000;
    const tenth = Math.max(1, Math.floor(each.length / 10));
    const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
    const firstTenthMs = mean(each.slice(0, tenth));
    const lastTenthMs = mean(each.slice(-tenth));
    const medianMs = percentile(
      [...each].sort((a, b) => a - b),
      50,
    );
    await db.query('ANALYZE');
    const checkLoad = loadavg()[0]!;
    const [checkSeconds, grids] = await timeCheck(checkCity, db);
    const checkBeforeSeconds = before ? (await timeCheck(before, db))[0] : undefined;
    const server = await startHttpServer({ port: 0, host: '127.0.0.1' }, (base) =>
      cityRequestHandler(db, base),
    );
    try {
      const [items, tiles] = await load(server.url, count);
      return {
        townships: count,
        grids,
        fileSeconds,
        firstTenthMs,
        lastTenthMs,
        medianMs,
        checkSeconds,
        checkBeforeSeconds,
        checkLoad,
        items: items!,
        tiles: tiles!,
      };
    } finally {
      await server.close();
    }
  } finally {
    await db.close();
  }
}

const before = BEFORE_REV ? await checkCityAt(BEFORE_REV) : undefined;
const cluster = await startPgCluster().catch((error: unknown) => {
  before?.remove();
  throw error;
});
// Ctrl+C still stops the throwaway server and removes its folder (and the old code's).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cluster.stop();
    before?.remove();
    process.exit(130);
  });
}
try {
  const results: Figures[] = [];
  console.log(
    `load average at the start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  for (const size of SIZES) {
    const figures = await measure(cluster, size, before?.check);
    results.push(figures);
    const base = results[0]!;
    const scale = figures.townships / base.townships;
    console.log(`\n${figures.townships} townships × 60 = ${figures.grids} grids`);
    console.log(
      `  filing: ${figures.fileSeconds.toFixed(1)} s, ${(figures.townships / figures.fileSeconds).toFixed(1)} filings/s` +
        ` (time ${(figures.fileSeconds / base.fileSeconds).toFixed(2)}× the ${base.townships}-township city for ${scale}× the townships)`,
    );
    console.log(
      `  one filing: median ${figures.medianMs.toFixed(0)} ms; mean ${figures.firstTenthMs.toFixed(0)} ms (first tenth), ${figures.lastTenthMs.toFixed(0)} ms (last tenth)`,
    );
    console.log(
      `  city check: ${figures.checkSeconds.toFixed(2)} s (${(figures.checkSeconds / base.checkSeconds).toFixed(2)}× for ${scale}×), load average ${figures.checkLoad.toFixed(1)}`,
    );
    if (figures.checkBeforeSeconds !== undefined && base.checkBeforeSeconds !== undefined) {
      console.log(
        `  city check at ${BEFORE_REV}: ${figures.checkBeforeSeconds.toFixed(2)} s (${(figures.checkBeforeSeconds / base.checkBeforeSeconds).toFixed(2)}× for ${scale}×);` +
          ` before/after ${(figures.checkBeforeSeconds / figures.checkSeconds).toFixed(2)}`,
      );
    }
    for (const [name, list, baseList] of [
      ['items (bbox, limit 100)', figures.items, base.items],
      ['tiles (z14)', figures.tiles, base.tiles],
    ] as const) {
      const p50 = percentile(list, 50);
      const p95 = percentile(list, 95);
      console.log(
        `  ${name}, ${CLIENTS} clients × ${REQUESTS_PER_CLIENT}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms` +
          ` (p50 ${(p50 / percentile(baseList, 50)).toFixed(2)}× the smallest city)`,
      );
    }
  }
} finally {
  cluster.stop();
  before?.remove();
}
