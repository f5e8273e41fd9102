// `npm run bench` (second part) — the whole `gridplan validate FILE --format json` process on the city
// file (5,000 grids, 1,000,000 census points, about 180 MB of GeoJSON), against a GEOS/shapely reference
// script (bench/reference_validate.py) run in the same run, on the same file, under the same load.
//
// Both are separate processes measured by /usr/bin/time -v: wall time and peak resident memory (RSS).
// The load average is printed before and after: on a shared machine the ratio is the figure to read.
//
//   node --import tsx bench/validate-whole-bench.ts [--scale 0.1] [--rounds 3]
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringifyDivision } from '../shared/formats/geojson';
import { CITY, generateDivision } from './city-division';
import type { CityShape } from './city-division';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argValue = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const scale = argValue('--scale', 1);
const rounds = Math.max(1, argValue('--rounds', 1));

function scaled(shape: CityShape, factor: number): CityShape {
  if (factor === 1) return shape;
  return {
    ...shape,
    communitiesY: Math.max(1, Math.round(shape.communitiesY * factor)),
    censusPoints: Math.round(shape.censusPoints * factor),
  };
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
}

interface Run {
  readonly wallMs: number;
  readonly peakMb: number;
  /** User + system CPU time: on a loaded machine the fairer figure, as waiting for a core is not in it. */
  readonly cpuMs: number;
  readonly exitCode: number;
  readonly stdout: string;
}

/** Runs a command under /usr/bin/time -v: wall time measured here, peak RSS from time's report. */
function timed(command: string, args: readonly string[]): Run {
  const start = performance.now();
  const run = spawnSync('/usr/bin/time', ['-v', command, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const wallMs = performance.now() - start;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  if (!rss) throw new Error(`no /usr/bin/time report for ${command}: ${run.stderr.slice(-2000)}`);
  const cpu = (label: string) =>
    Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(run.stderr)?.[1]);
  const cpuMs = (cpu('User') + cpu('System')) * 1000;
  return { wallMs, peakMb: Number(rss[1]) / 1024, cpuMs, exitCode: run.status ?? -1, stdout: run.stdout };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const shape = scaled(CITY, scale);
const file = path.join(tmpdir(), `gridplan-city-${scale}-${shape.seed}.geojson`);
if (!existsSync(file)) writeFileSync(file, stringifyDivision(generateDivision(shape)));
const sizeMb = statSync(file).size / 1024 / 1024;

const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], {
  cwd: root,
  encoding: 'utf8',
});
if (built.status !== 0) throw new Error(`npm run build:cli failed: ${built.stderr}`);

console.log(
  `\n# Whole process: gridplan validate against GEOS/shapely (${cpus().length} cores; Node ${process.version}; ` +
    `load average ${load()} at start)`,
);
if (scale !== 1) console.log(`(scale ${scale}: not the reference size)`);
console.log(`File: ${sizeMb.toFixed(0)} MB GeoJSON, ${file}`);

const ours: Run[] = [];
const reference: Run[] = [];
for (let round = 0; round < rounds; round++) {
  // Alternate, so that a change of load falls on both sides.
  ours.push(timed(process.execPath, ['dist-cli/gridplan.js', 'validate', file, '--format', 'json']));
  reference.push(timed('/usr/bin/python3', ['bench/reference_validate.py', file]));
}
for (const run of ours) {
  // Exit 1 means "the division has errors" (the city has deliberate defects); 2 or 3 is a failure.
  if (run.exitCode > 1) throw new Error(`gridplan validate failed with exit ${run.exitCode}`);
}
for (const run of reference) {
  if (run.exitCode !== 0) throw new Error(`reference failed with exit ${run.exitCode}`);
}
const report = JSON.parse(ours[0]!.stdout) as { issues?: unknown[] };
const summary = JSON.parse(reference[0]!.stdout) as Record<string, number>;

const oursMs = median(ours.map((run) => run.wallMs));
const referenceMs = median(reference.map((run) => run.wallMs));
const oursCpu = median(ours.map((run) => run.cpuMs));
const referenceCpu = median(reference.map((run) => run.cpuMs));
const oursPeak = Math.max(...ours.map((run) => run.peakMb));
const referencePeak = Math.max(...reference.map((run) => run.peakMb));
const s = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
console.log(
  `| process (median of ${rounds}) | wall time | CPU time (user + sys) | peak RSS | wall vs reference | CPU vs reference |`,
);
console.log(`|---|---|---|---|---|---|`);
console.log(
  `| **gridplan validate --format json** (${report.issues?.length ?? '?'} issues) | **${s(oursMs)}** | ${s(oursCpu)} | **${oursPeak.toFixed(0)} MB** | **${(oursMs / referenceMs).toFixed(2)}×** | ${(oursCpu / referenceCpu).toFixed(2)}× |`,
);
console.log(
  `| GEOS/shapely reference (${summary.grids} grids, ${summary.points} points, ${summary.overlaps} overlaps) | ${s(referenceMs)} | ${s(referenceCpu)} | ${referencePeak.toFixed(0)} MB | 1× | 1× |`,
);
console.log(`\nGoal: ≤ 0.25× the reference's time, peak ≤ 500 MB. Load average at end: ${load()}.`);
