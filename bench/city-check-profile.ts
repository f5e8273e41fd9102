// Profiles `city check` alone: files a generated city of N townships × 60 grids into a throwaway cluster,
// then times the phases of checkCity (database reads, GeoJSON restore, validator phases, totals) and
// writes a V8 CPU profile of the check (open it in Chrome DevTools → Performance, or speedscope).
//
//   node --import tsx bench/city-check-profile.ts [townships=200] [profile.cpuprofile]
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CityDatabase } from '../shared/city';
import { checkCity, fileCityPackage, initCity } from '../shared/city';
import { loadCityDivision } from '../shared/city/load-city-division';
import { builtinRuleSet } from '../shared/model';
import { Validator } from '../shared/validate/validator';
import { openCityDatabase } from '../scripts/city-host';
import { packageOf, townshipDivision } from './city-townships';
import { startPgCluster } from './pg-cluster';

const count = Number(process.argv[2] ?? 200);
const out = process.argv[3];
const cluster = await startPgCluster();
try {
  const opened = await openCityDatabase(cluster.url, 4);
  if (!opened.ok) throw new Error('cannot open the database');
  const db = opened.value;
  await initCity(db);
  let start = performance.now();
  for (let i = 0; i < count; i++) {
    const division = townshipDivision({
      index: i % 25,
      row: Math.floor(i / 25),
      communities: 3,
      gridsX: 5,
      gridsY: 4,
      width: 0.03,
      height: 0.03,
    });
    const outcome = await fileCityPackage(db, (await packageOf(division)).pkg, { author: 'bench' });
    if (outcome.kind !== 'filed') throw new Error(`refused: ${outcome.kind}`);
  }
  console.log(`filed ${count} townships in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  await db.query('ANALYZE');
  // Phases: each statement with its EXPLAIN ANALYZE, the restore, the validator's own phases.
  const timed: CityDatabase = {
    async query(sql, params) {
      const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      const t = performance.now();
      const rows = await db.query(sql, params);
      const head = sql.trim().split('\n')[0]!.slice(0, 70);
      console.log(`  query ${(performance.now() - t).toFixed(0)} ms, ${rows.length} rows: ${head}`);
      for (const row of plan) console.log(`    ${String(row['QUERY PLAN'])}`);
      return rows;
    },
    transaction: (work) => db.transaction(work),
    close: () => db.close(),
  };
  let t = performance.now();
  const loaded = await loadCityDivision(timed);
  if (!loaded.ok) throw new Error('load failed');
  console.log(`load (queries + restore): ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  const validator = new Validator(loaded.value.division, builtinRuleSet('zigong')!, {
    now: () => performance.now(),
  });
  const { prepareMs, censusMs, rulesMs } = validator.timings;
  t = performance.now() - t;
  const r = performance.now();
  validator.report('zh');
  console.log(
    `validator: ${t.toFixed(0)} ms (prepare ${prepareMs.toFixed(0)}, census ${censusMs.toFixed(0)}, rules ${rulesMs.toFixed(0)}), report ${(performance.now() - r).toFixed(0)} ms`,
  );
  const session = new Session();
  session.connect();
  if (out) {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  start = performance.now();
  const report = await checkCity(db);
  const ms = performance.now() - start;
  if (out) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out, JSON.stringify(profile));
  }
  if (!report.ok) throw new Error('check failed');
  console.log(
    `check: ${(ms / 1000).toFixed(2)} s, ${report.value.summary.grids} grids, ${report.value.issues.length} issues`,
  );
  await db.close();
} finally {
  cluster.stop();
}
