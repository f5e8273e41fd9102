// `npm run bench` — validation speed against a naive baseline measured in the same run.
//
//   city:        5,000 grids in 500 communities (5 townships), 1,000,000 census points: full validation
//   township:    300 grids, 100,000 points: re-validation after moving one vertex (incremental)
//   baseline:    pairwise Turf intersect (what a straightforward implementation does), timed on a
//                random sample of pairs and extrapolated to all pairs
//
// `npm run bench -- --scale 0.1` runs a tenth of the city (while developing). Figures go to
// docs/benchmarks.md.
import { intersect } from '@turf/intersect';
import { featureCollection, polygon as turfPolygon } from '@turf/helpers';
import type { Polygon } from 'geojson';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Change, Division, Grid } from '../shared/model';
import { builtinRuleSet, change } from '../shared/model';
import { Validator } from '../shared/validate/validator';
import { CELL_DEG, CITY, generateDivision, random, TOWNSHIP } from './city-division';
import type { CityShape } from './city-division';

const scaleArg = process.argv.indexOf('--scale');
const scale = scaleArg >= 0 ? Number(process.argv[scaleArg + 1]) : 1;
const ruleSet = builtinRuleSet('zigong')!;

function scaled(shape: CityShape, factor: number): CityShape {
  if (factor === 1) return shape;
  return {
    ...shape,
    communitiesY: Math.max(1, Math.round(shape.communitiesY * factor)),
    censusPoints: Math.round(shape.censusPoints * factor),
  };
}

function ms(value: number): string {
  return value >= 100 ? `${Math.round(value).toLocaleString('en-US')} ms` : `${value.toFixed(1)} ms`;
}

function duration(msValue: number): string {
  const s = msValue / 1000;
  if (s < 120) return ms(msValue);
  if (s < 7200) return `${(s / 60).toFixed(0)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} days`;
}

/** CPU time of the process in ms (all its threads: the garbage collector's helpers included). */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Mean time of Turf intersect over pairs, sampled until `budgetMs` is spent (at least 20 pairs). */
function turfPairMs(
  grids: readonly Grid[],
  pairs: () => [number, number],
  budgetMs: number,
): { perPairMs: number; sampled: number } {
  const features = grids.map((grid) => turfPolygon((grid.geometry as Polygon).coordinates));
  let sampled = 0;
  let spent = 0;
  while (spent < budgetMs || sampled < 20) {
    const [a, b] = pairs();
    const start = performance.now();
    intersect(featureCollection([features[a]!, features[b]!]));
    spent += performance.now() - start;
    sampled++;
  }
  return { perPairMs: spent / sampled, sampled };
}

/** JavaScript heap plus array buffers (typed arrays live outside the heap). */
function heapAndBuffers(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Samples the process's resident memory every 2 ms from a worker thread, which keeps running while
 * the main thread validates synchronously (a timer on the main thread would never fire).
 */
function rssSampler(): { peak: () => number; stop: () => Promise<number> } {
  const shared = new Float64Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const peak = new Float64Array(workerData);
     setInterval(() => { const rss = process.memoryUsage.rss(); if (rss > peak[0]) peak[0] = rss; }, 2);`,
    { eval: true, workerData: shared.buffer },
  );
  return {
    peak: () => shared[0]!,
    stop: async () => {
      await worker.terminate();
      return shared[0]!;
    },
  };
}

async function fullCity(): Promise<void> {
  const shape = scaled(CITY, scale);
  let start = performance.now();
  const division = generateDivision(shape);
  const generateMs = performance.now() - start;
  const grids = [...division.grid.values()];
  console.log(
    `\n## City: ${grids.length.toLocaleString('en-US')} grids in ${division.community.size} communities, ` +
      `${division.census.size.toLocaleString('en-US')} census points (generated in ${ms(generateMs)})`,
  );
  gc();
  const sampler = rssSampler();
  // Let the sampler start before the measured work.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const rssBefore = process.memoryUsage.rss();
  const heapBefore = heapAndBuffers();
  start = performance.now();
  const cpuStart = cpuMs();
  const validator = new Validator(division, ruleSet, { now: () => performance.now() });
  const report = validator.report();
  const fullMs = performance.now() - start;
  const fullCpuMs = cpuMs() - cpuStart;
  await new Promise((resolve) => setTimeout(resolve, 20));
  const peakRss = await sampler.stop();
  gc();
  const retainedHeap = heapAndBuffers() - heapBefore;
  const byRule = new Map<string, number>();
  for (const issue of report.issues) byRule.set(issue.rule, (byRule.get(issue.rule) ?? 0) + 1);

  // A second run, warm (the app re-validates after loading): JIT compiled, memory already mapped.
  start = performance.now();
  const warmCpuStart = cpuMs();
  new Validator(division, ruleSet).report();
  const warmMs = performance.now() - start;
  const warmCpuMs = cpuMs() - warmCpuStart;

  const rand = random(7);
  const n = grids.length;
  const allPairs = (n * (n - 1)) / 2;
  const naive = turfPairMs(
    grids,
    () => {
      const a = Math.floor(rand() * n);
      let b = Math.floor(rand() * (n - 1));
      if (b >= a) b++;
      return [a, b];
    },
    3000,
  );
  // Candidate pairs (boxes meet) are where Turf does real work: sample them separately.
  const candidatePairs = candidatePairList(grids);
  const candidates = turfPairMs(
    grids,
    () => candidatePairs[Math.floor(rand() * candidatePairs.length)]!,
    3000,
  );
  const naiveMs = naive.perPairMs * allPairs;
  const indexedTurfMs = candidates.perPairMs * candidatePairs.length;

  console.log(`| measure | time | vs ours |`);
  console.log(`|---|---|---|`);
  console.log(
    `| **ours, full validation (cold, first run)** | **${ms(fullMs)}** (CPU ${ms(fullCpuMs)}) | 1× |`,
  );
  console.log(`| ours, full validation (warm, second run) | ${ms(warmMs)} (CPU ${ms(warmCpuMs)}) | |`);
  console.log(
    `| naive: Turf intersect on all ${allPairs.toLocaleString('en-US')} pairs (extrapolated from ${naive.sampled} random pairs, ${naive.perPairMs.toFixed(3)} ms each) | ${duration(naiveMs)} | ${Math.round(naiveMs / fullMs).toLocaleString('en-US')}× slower |`,
  );
  console.log(
    `| index + Turf intersect on the ${candidatePairs.length.toLocaleString('en-US')} candidate pairs only (from ${candidates.sampled} pairs, ${candidates.perPairMs.toFixed(3)} ms each; overlaps only, no gaps or census) | ${duration(indexedTurfMs)} | ${(indexedTurfMs / fullMs).toFixed(1)}× slower |`,
  );
  console.log(
    `\nMemory: peak resident ${mb(peakRss)} while validating, ${mb(rssBefore)} before (the division as objects), ` +
      `so validation needs about ${mb(peakRss - rssBefore)} at its peak and keeps ${mb(retainedHeap)} (heap and typed arrays) for its indexes and issues` +
      `${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for exact figures)'}.`,
  );
  void validator;
  const { prepareMs, censusMs, rulesMs } = validator.timings;
  console.log(
    `Cold run by phase: preparing geometry ${ms(prepareMs)}, counting census points ${ms(censusMs)}, rules ${ms(rulesMs)}.`,
  );
  console.log(`Issues found: ${[...byRule].map(([rule, count]) => `${rule} ${count}`).join(', ')}.`);
}

function candidatePairList(grids: readonly Grid[]): [number, number][] {
  const boxes = grids.map((grid) => {
    const ring = (grid.geometry as Polygon).coordinates[0]!;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
  });
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]![0] - boxes[b]![0]);
  const pairs: [number, number][] = [];
  for (let k = 0; k < order.length; k++) {
    const a = boxes[order[k]!]!;
    for (let l = k + 1; l < order.length && boxes[order[l]!]![0] <= a[2]; l++) {
      const b = boxes[order[l]!]!;
      if (b[1] <= a[3] && b[3] >= a[1]) pairs.push([order[k]!, order[l]!]);
    }
  }
  return pairs;
}

function moveVertex(grid: Grid, vertex: number, dx: number, dy: number): Grid {
  const ring = (grid.geometry as Polygon).coordinates[0]!.map((p) => [...p]);
  ring[vertex] = [ring[vertex]![0]! + dx, ring[vertex]![1]! + dy];
  return { ...grid, geometry: { type: 'Polygon', coordinates: [ring] } };
}

function incrementalTownship(): void {
  const division: Division = generateDivision(TOWNSHIP);
  const grids = [...division.grid.values()];
  console.log(
    `\n## Township: ${grids.length} grids in ${division.community.size} communities, ` +
      `${division.census.size.toLocaleString('en-US')} census points; move one vertex of one grid`,
  );
  let start = performance.now();
  const validator = new Validator(division, ruleSet);
  const fullMs = performance.now() - start;

  const rand = random(11);
  const moves: number[] = [];
  const moveCpu: number[] = [];
  const undos: number[] = [];
  const scopes: number[] = [];
  const firstMoves: number[] = [];
  const warmUp = 20;
  for (let k = 0; k < warmUp + 200; k++) {
    const grid = validator.division.grid.get(grids[Math.floor(rand() * grids.length)]!.id)!;
    const ringLength = (grid.geometry as Polygon).coordinates[0]!.length - 1;
    // A vertex other than the first (which is also the closing one), moved up to a third of a cell.
    const vertex = 1 + Math.floor(rand() * (ringLength - 1));
    const dx = (rand() - 0.5) * 0.6 * CELL_DEG;
    const dy = (rand() - 0.5) * 0.6 * CELL_DEG;
    const edit: Change = change('move vertex', [moveVertex(grid, vertex, dx, dy)]);
    const cpuStart = cpuMs();
    start = performance.now();
    const delta = validator.update(edit);
    const elapsed = performance.now() - start;
    const cpu = cpuMs() - cpuStart;
    start = performance.now();
    validator.update(change('undo', [grid]));
    const undo = performance.now() - start;
    // The first edits of a session run before the JIT has compiled the incremental code paths.
    if (k < warmUp) {
      firstMoves.push(elapsed);
      continue;
    }
    moves.push(elapsed);
    moveCpu.push(cpu);
    scopes.push(delta.scopesRecomputed);
    undos.push(undo);
  }
  const rand2 = random(3);
  const n = grids.length;
  const naive = turfPairMs(
    grids,
    () => {
      const a = Math.floor(rand2() * n);
      let b = Math.floor(rand2() * (n - 1));
      if (b >= a) b++;
      return [a, b];
    },
    1500,
  );
  const naiveMs = naive.perPairMs * ((n * (n - 1)) / 2);
  const typical = median(moves);
  console.log(`| measure | time | vs ours (median) |`);
  console.log(`|---|---|---|`);
  console.log(
    `| **ours, incremental after moving one vertex** (200 moves after ${warmUp} warm-up moves: median / 95th percentile / max) | **${ms(typical)} / ${ms(percentile(moves, 0.95))} / ${ms(Math.max(...moves))}** (CPU median ${ms(median(moveCpu))}) | 1× |`,
  );
  console.log(`| ours, the very first move of a session (JIT not warm yet) | ${ms(firstMoves[0]!)} | |`);
  console.log(`| ours, undoing the move (median) | ${ms(median(undos))} | |`);
  console.log(
    `| ours, full validation of the township | ${ms(fullMs)} | ${Math.round(fullMs / typical)}× slower |`,
  );
  console.log(
    `| naive: Turf intersect on all ${((n * (n - 1)) / 2).toLocaleString('en-US')} pairs (extrapolated from ${naive.sampled}, ${naive.perPairMs.toFixed(3)} ms each) | ${duration(naiveMs)} | ${Math.round(naiveMs / typical).toLocaleString('en-US')}× slower |`,
  );
  console.log(`\nScopes recomputed per move (entity, pair, parent, code, census): median ${median(scopes)}.`);
}

console.log(
  `# Validation benchmark (${cpus().length} cores: ${cpus()[0]?.model ?? '?'}; Node ${process.version}; ` +
    `load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')} at start)`,
);
if (scale !== 1) console.log(`(scale ${scale}: not the reference size)`);
await fullCity();
incrementalTownship();
