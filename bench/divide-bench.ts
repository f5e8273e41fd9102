// `npm run bench:divide` — automatic division (issue 13) against two baselines measured in the same run.
//
//   townships:  bench/township-generator.ts: one community of 12,000 households (blocks of ~260 m, and the
//               same on a finer street grid of ~170 m), and a township of 90,000 households in 8 communities
//               (7 urban, 1 rural), with streets, a river and compounds
//   baselines:  bench/baseline-division.ts: (a) greedy growth of street blocks from the north-west until
//               the band's minimum; (b) the same after weighted bisection of blocks over the maximum
//   GridPlan:   divideCommunities in this process, and the whole `gridplan divide` process (the bundled
//               CLI spawned with node on the files written here, guides included)
//   quality:    bench/division-quality.ts, the same measure for all: the validator (gaps, overlaps, targets),
//               point location, Polsby-Popper, internal boundary length on guide lines
//
// Options: `--only 12k|12k-fine|90k`, `--write DIR` (keep the generated files), `--no-process` (skip the spawned CLI).
// Figures go to docs/benchmarks.md.
import { spawnSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Division, ReferenceLayer, RuleSet } from '../shared/model';
import { applyChange, builtinRuleSet } from '../shared/model';
import { divideCommunities } from '../shared/divide/divide-communities';
import { feasibleGridCounts } from '../shared/divide/feasible-grid-counts';
import { parseDivisionGeoJson, stringifyDivision } from '../shared/formats/geojson';
import { baselineDivision } from './baseline-division';
import type { DivisionQuality } from './division-quality';
import { divisionQuality } from './division-quality';
import { offStreetCuts } from './off-street-cuts';
import type { GeneratedTownship, TownshipShape } from './township-generator';
import { COMMUNITY_12K, COMMUNITY_12K_FINE, generateTownship, TOWNSHIP_90K } from './township-generator';
import { buildCli } from '../scripts/build-cli.mjs';

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const only = argument('--only');
const keep = argument('--write');
const spawnProcess = !process.argv.includes('--no-process');
const ruleSet: RuleSet = builtinRuleSet('zigong')!;

interface Row {
  readonly method: string;
  /** The divided township, for the off-street diagnosis. */
  readonly division?: Division;
  readonly seconds: number | undefined;
  /** CPU time (user + system): under a heavy load the fair figure, since everything here is one thread. */
  readonly cpuSeconds?: number;
  readonly quality: DivisionQuality | undefined;
  readonly note?: string;
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '–';
}

function cpuOf(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

function load(): string {
  let uptime = '';
  try {
    uptime = execSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    uptime = `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`;
  }
  return `${uptime} (${cpus().length} cores)`;
}

/** The guides as files the CLI reads: one GeoJSON FeatureCollection per layer. */
function writeFiles(township: GeneratedTownship, folder: string): { division: string; guides: string[] } {
  mkdirSync(folder, { recursive: true });
  const division = path.join(folder, 'division.geojson');
  writeFileSync(division, stringifyDivision(township.division));
  const guides = township.guides.map((layer: ReferenceLayer) => {
    const file = path.join(folder, `${layer.id}.geojson`);
    writeFileSync(
      file,
      JSON.stringify({ type: 'FeatureCollection', name: layer.name, features: layer.features }),
    );
    return file;
  });
  return { division, guides };
}

function measureEngine(township: GeneratedTownship): Row {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const proposal = divideCommunities(township.division, [], { ruleSet, guides: township.guides, seed: 1 });
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = cpuOf(cpu);
  if (!proposal.ok) {
    return {
      method: 'GridPlan divideCommunities',
      seconds: undefined,
      quality: undefined,
      note: proposal.problems.map((p) => p.message.en).join(' '),
    };
  }
  const divided = applyChange(township.division, proposal.value.change).division;
  const outside = proposal.value.communities.reduce((sum, o) => sum + o.outOfBand.length, 0);
  return {
    method: 'GridPlan divideCommunities',
    division: divided,
    seconds,
    cpuSeconds,
    quality: divisionQuality(divided, ruleSet, township.guides),
    note: `engine says ${outside} grid(s) out of band`,
  };
}

function measureProcess(township: GeneratedTownship, binary: string, folder: string): Row {
  const files = writeFiles(township, folder);
  const out = path.join(folder, 'divided.geojson');
  // The child reports its own CPU time on exit (user + system, all threads), after everything it did.
  const probe = path.join(folder, 'cpu-probe.mjs');
  writeFileSync(
    probe,
    "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`\\n@@cpu ${(u.user + u.system) / 1e6}\\n`); });\n",
  );
  const args = [
    '--import',
    probe,
    binary,
    'divide',
    files.division,
    '--out',
    out,
    '--format',
    'json',
    '--lang',
    'en',
  ];
  for (const guide of files.guides) args.push('--guides', guide);
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  const reported = /@@cpu ([\d.]+)/.exec(run.stderr);
  const cpuSeconds = reported ? Number(reported[1]) : undefined;
  if (run.status !== 0 && run.status !== 1) {
    return {
      method: 'whole `gridplan divide` process',
      seconds,
      quality: undefined,
      note: `exit ${run.status}: ${run.stderr.trim().split('\n').join(' ')}`,
    };
  }
  const parsed = parseDivisionGeoJson(readFileSync(out, 'utf8'));
  if (!parsed.ok) throw new Error('the CLI wrote a division that cannot be read back');
  return {
    method: 'whole `gridplan divide` process',
    seconds,
    ...(cpuSeconds === undefined ? {} : { cpuSeconds }),
    quality: divisionQuality(parsed.value, ruleSet, township.guides),
    note: `exit ${run.status}`,
  };
}

function feasibility(division: Division, guides: readonly ReferenceLayer[]): string {
  const urban = [...division.community.values()].filter((c) => c.kind === 'urban');
  const feasible = urban.filter(
    (c) => feasibleGridCounts(division, c.id, { ruleSet, guides }).feasible !== null,
  );
  return `${feasible.length}/${urban.length}`;
}

function printTable(name: string, rows: readonly Row[], feasible: string): void {
  const greedy = rows[0]?.quality;
  const bisect = rows[1]?.quality;
  const share = (q: DivisionQuality | undefined) =>
    q && q.urbanGrids > 0 ? q.urbanInBand / q.urbanGrids : 0;
  const header = [
    'method',
    'urban grids',
    'in band',
    'feasible',
    'gaps/overlaps ≥1 m²',
    'points once',
    'PP mean / min',
    'on streets',
    'on streets or compound edges',
    'seconds (CPU)',
    'in band vs (a) / (b)',
  ];
  const lines = rows.map((row) => {
    const q = row.quality;
    const time =
      row.seconds === undefined
        ? '–'
        : `${row.seconds.toFixed(2)}${row.cpuSeconds === undefined ? '' : ` (${row.cpuSeconds.toFixed(2)})`}`;
    if (!q) return [row.method, '–', '–', feasible, '–', '–', '–', '–', '–', time, row.note ?? ''];
    return [
      row.method,
      String(q.urbanGrids),
      percent(q.urbanInBand, q.urbanGrids),
      feasible,
      `${q.gaps}/${q.overlaps}`,
      percent(q.pointsExactlyOnce, q.points),
      `${q.compactnessMean.toFixed(3)} / ${q.compactnessMin.toFixed(3)}`,
      percent(q.streetShare, 1),
      percent(q.guideShare, 1),
      time,
      greedy && bisect
        ? `${(share(q) / Math.max(1e-9, share(greedy))).toFixed(2)}× / ${(share(q) / Math.max(1e-9, share(bisect))).toFixed(2)}×`
        : '',
    ];
  });
  console.log(`\n### ${name}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
  for (const row of rows) if (row.note) console.log(`- ${row.method}: ${row.note}`);
}

function runTownship(shape: TownshipShape, label: string, binary: string | undefined, folder: string): void {
  const started = performance.now();
  const township = generateTownship(shape);
  let households = 0;
  for (const point of township.division.census.values()) households += point.households;
  console.log(
    `\n${label}: ${households.toLocaleString('en-US')} households, ${township.division.census.size.toLocaleString('en-US')} census points, ` +
      `${township.division.community.size} communities, ${township.blocks.length} street blocks, ` +
      `${township.guides.map((g) => `${g.features.length} ${g.role}`).join(', ')} (generated in ${((performance.now() - started) / 1000).toFixed(2)} s)`,
  );
  console.log(`load before: ${load()}`);
  const rows: Row[] = [];
  for (const [kind, method] of [
    ['greedy', '(a) greedy growth of blocks from the NW'],
    ['bisect', '(b) greedy after weighted bisection of blocks > max'],
  ] as const) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const divided = baselineDivision(township, ruleSet, kind);
    const seconds = (performance.now() - start) / 1000;
    const cpuSeconds = cpuOf(cpu);
    rows.push({
      method,
      division: divided,
      seconds,
      cpuSeconds,
      quality: divisionQuality(divided, ruleSet, township.guides),
    });
  }
  rows.push(measureEngine(township));
  if (binary) rows.push(measureProcess(township, binary, path.join(folder, label)));
  printTable(label, rows, feasibility(township.division, township.guides));
  // Where the boundary off the streets runs: forced by blocks over the maximum, or cutting blocks that need not be.
  for (const row of rows) {
    if (!row.division) continue;
    const cuts = offStreetCuts(row.division, township, township.guides, ruleSet.urban?.maxHouseholds ?? 500);
    console.log(
      `- off streets, ${row.method}: ${percent(cuts.inBlocksOverMax, 1)} across blocks over the maximum, ` +
        `${percent(cuts.inBlocksWithinMax, 1)} across blocks within it, ${percent(cuts.onBlockEdges, 1)} along block edges without a street`,
    );
  }
  console.log(`load after: ${load()}`);
}

const folder = keep ? path.resolve(keep) : mkdtempSync(path.join(tmpdir(), 'gridplan-divide-bench-'));
try {
  const binary = spawnProcess
    ? await buildCli({ outfile: path.join(folder, 'gridplan.js'), quiet: true })
    : undefined;
  console.log(
    `Node ${process.version}, rule set ${ruleSet.id} (urban band ${ruleSet.urban?.minHouseholds}–${ruleSet.urban?.maxHouseholds} households or about ${ruleSet.urban?.aboutPopulation} people)`,
  );
  if (only === undefined || only === '12k') runTownship(COMMUNITY_12K, '12k', binary, folder);
  if (only === undefined || only === '12k-fine') runTownship(COMMUNITY_12K_FINE, '12k-fine', binary, folder);
  if (only === undefined || only === '90k') runTownship(TOWNSHIP_90K, '90k', binary, folder);
} finally {
  if (!keep) rmSync(folder, { recursive: true, force: true });
}
