// `node --import tsx bench/diff-bench.ts [--scale F]` — speed of `gridplan diff` and of the filing package.
//
//   diff:      the city (5,000 grids, 1,000,000 census points) against a later version in which 1 % of the
//              grids were merged in pairs, 1 % renamed and 0.5 % deleted (with lineage) — against the
//              baseline of counting both sides' census points (the floor: households must be counted).
//   package:   SHA-256 of the city's division.geojson, pure TS against node:crypto in the same run.
//
// Ratios, not absolute times, are what to compare between machines (the machine is shared).
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { mergeGridsCommand } from '../shared/commands/merge-grids-command';
import { deleteGridCommand } from '../shared/commands/delete-grid-command';
import { diffDivisions } from '../shared/diff/diff-divisions';
import { countCensus } from '../shared/geometry/count-census';
import { sha256Hex } from '../shared/formats/sha256';
import { stringifyDivision } from '../shared/formats/geojson';
import type { Division, Grid } from '../shared/model';
import { applyChange } from '../shared/model';
import { CITY, generateDivision } from './city-division';

const scaleArg = process.argv.indexOf('--scale');
const scale = scaleArg >= 0 ? Number(process.argv[scaleArg + 1]) : 1;
const shape =
  scale === 1
    ? CITY
    : {
        ...CITY,
        communitiesY: Math.max(1, Math.round(CITY.communitiesY * scale)),
        censusPoints: Math.round(CITY.censusPoints * scale),
      };

function time<T>(run: () => T): [T, number] {
  const t0 = performance.now();
  const value = run();
  return [value, performance.now() - t0];
}

const ms = (value: number): string => `${Math.round(value).toLocaleString('en-US')} ms`;

const before = generateDivision(shape);
const grids = [...before.grid.values()];
const AT = '2026-12-05T00:00:00.000Z';
let after: Division = before;
const step = (result: ReturnType<typeof deleteGridCommand>): void => {
  if (result.ok) after = applyChange(after, result.value).division;
};
// Merge pairs of east–west neighbours (grids are numbered west to east within a community row).
const byCode = new Map(grids.map((grid) => [grid.code, grid]));
for (let i = 0; i < grids.length; i += 200) {
  const a = grids[i]!;
  const next = byCode.get(`${a.code.slice(0, -3)}${String(Number(a.code.slice(-3)) + 1).padStart(3, '0')}`);
  if (next && after.grid.has(a.id) && after.grid.has(next.id))
    step(mergeGridsCommand(after, [a.id, next.id], { at: AT }));
}
const renamed = new Map(after.grid);
for (let i = 50; i < grids.length; i += 100) {
  const grid = renamed.get(grids[i]!.id);
  if (grid) renamed.set(grid.id, { ...grid, name: `${grid.name}（改）` } satisfies Grid);
}
after = { ...after, grid: renamed };
for (let i = 75; i < grids.length; i += 200)
  if (after.grid.has(grids[i]!.id)) step(deleteGridCommand(after, grids[i]!.id, { at: AT }));

console.log(
  `diff bench: ${before.grid.size} grids, ${before.census.size.toLocaleString('en-US')} census points; load average ${loadavg()[0]!.toFixed(1)}`,
);
// One warm-up run of each (JIT), then the median of three.
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[1]!;
const countRuns: number[] = [];
const diffRuns: number[] = [];
let diff = diffDivisions(before, after);
countCensus(before);
for (let run = 0; run < 3; run++) {
  countRuns.push(
    time(() => {
      countCensus(before);
      countCensus(after);
    })[1],
  );
  const [result, elapsed] = time(() => diffDivisions(before, after));
  diff = result;
  diffRuns.push(elapsed);
}
const countMs = median(countRuns);
const diffMs = median(diffRuns);
console.log(`  changes: ${JSON.stringify(diff.summary)}`);
console.log(`  baseline (count both sides' census points): ${ms(countMs)}`);
console.log(`  diffDivisions: ${ms(diffMs)} (${(diffMs / countMs).toFixed(2)}× the baseline)`);
const geojson = new TextEncoder().encode(stringifyDivision(after));
const [ours, oursMs] = time(() => sha256Hex(geojson));
const [theirs, nodeMs] = time(() => createHash('sha256').update(geojson).digest('hex'));
const mbs = (msValue: number): string =>
  `${(geojson.length / 1024 / 1024 / (msValue / 1000)).toFixed(0)} MB/s`;
console.log(
  `  SHA-256 of division.geojson (${(geojson.length / 1024 / 1024).toFixed(0)} MB): ${mbs(oursMs)} pure TS, ${mbs(nodeMs)} node:crypto (${(oursMs / nodeMs).toFixed(1)}×), same: ${ours === theirs}`,
);
