// `npm run bench:edit-tasks` — the main thread's share of a split, a merge, a commit and a recount on a
// city-scale project, against the demo township measured in the same run (ratios are the figures to
// compare: the machine is shared). Each step is one synchronous piece of work that the app runs inside one
// event-loop task, so its time here (same V8 as Chromium) is a lower bound of the long task it causes:
//
//   split    splitGridCommand (renderer/tools/split-tool.ts, on the pointer's last click)
//   merge    mergeGridsCommand (renderer/tools/merge-tool.ts, on Enter)
//   commit   EditorSession.run: applyChange + the structured clone IndexedDB makes of the change
//   recount  before: countCensus on the main thread (renderer/derive/grid-figures.ts counted every census
//            point again after each change); now: the validation worker counts incrementally and the main
//            thread only reads its answer (the structured clone of the counts, measured here as
//            "recount, main thread now")
//
//   --points N   census points of the city (default 500,000)   --repeat N   runs per step (default 5)
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Position } from 'geojson';
import { mergeGridsCommand } from '../shared/commands/merge-grids-command';
import { splitGridCommand } from '../shared/commands/split-grid-command';
import { parseDivisionGeoJson } from '../shared/formats/geojson';
import type { Change, Division, Grid } from '../shared/model';
import { applyChange, builtinRuleSet } from '../shared/model';
import { countCensus } from '../shared/geometry/count-census';
import { Validator } from '../shared/validate/validator';
import { generateDivision } from './city-division';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const POINTS = option('--points', 500_000);
const REPEAT = option('--repeat', 5);
const ruleSet = builtinRuleSet('zigong')!;

function demo(): Division {
  const parsed = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
  if (!parsed.ok) throw new Error('the demo township does not parse');
  return parsed.value;
}

function boundsOf(grid: Grid): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = grid.geometry.type === 'Polygon' ? [grid.geometry.coordinates] : grid.geometry.coordinates;
  for (const polygon of polygons)
    for (const [x, y] of polygon[0]!) {
      minX = Math.min(minX, x!);
      minY = Math.min(minY, y!);
      maxX = Math.max(maxX, x!);
      maxY = Math.max(maxY, y!);
    }
  return [minX, minY, maxX, maxY];
}

/** A grid with households and a line across its middle, west to east, beyond both sides. */
function splitCase(division: Division): { grid: Grid; line: Position[] } {
  const grid = [...division.grid.values()].find((g) => g.gridType !== 'exclusive')!;
  const [minX, minY, maxX, maxY] = boundsOf(grid);
  const y = (minY + maxY) / 2;
  const pad = (maxX - minX) * 0.2;
  return {
    grid,
    line: [
      [minX - pad, y],
      [maxX + pad, y],
    ],
  };
}

/** Two grids of one community that merge (they share an edge). */
function mergeCase(division: Division): string[] {
  const grids = [...division.grid.values()];
  for (const a of grids)
    for (const b of grids)
      if (a.id < b.id && a.parentCode === b.parentCode && mergeGridsCommand(division, [a.id, b.id]).ok)
        return [a.id, b.id];
  throw new Error('no two grids merge');
}

/** Longest and median of `REPEAT` runs, in ms. */
function time(step: () => unknown): { max: number; median: number } {
  const runs: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    step();
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  return { max: runs.at(-1)!, median: runs[Math.floor(runs.length / 2)]! };
}

function measure(division: Division): Record<string, { max: number; median: number }> {
  const { grid, line } = splitCase(division);
  const pair = mergeCase(division);
  let change: Change | undefined;
  const split = time(() => {
    const result = splitGridCommand(division, grid.id, line, { keepCodeOnLarger: true });
    if (!result.ok) throw new Error('the split was refused');
    change = result.value;
  });
  const merge = time(() => mergeGridsCommand(division, pair));
  const commit = time(() => {
    applyChange(division, change!);
    structuredClone(change);
  });
  const recount = time(() => countCensus(division));
  const validator = new Validator(division, ruleSet);
  const answer = validator.counts();
  const recountNow = time(() => structuredClone(answer));
  return { split, merge, commit, recount, 'recount, main thread now': recountNow };
}

const city = generateDivision({
  townships: 1,
  communitiesX: 8,
  communitiesY: 5,
  gridsX: 8,
  gridsY: 5,
  cellsPerGrid: 4,
  censusPoints: POINTS,
  defectEvery: 0,
  seed: 12,
});
const baseline = demo();
console.log(
  `load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores; ${REPEAT} runs per step`,
);
const base = measure(baseline);
const large = measure(city);
console.log(
  `| step | demo (${baseline.grid.size} grids, ${baseline.census.size.toLocaleString('en')} points) | city (${city.grid.size.toLocaleString('en')} grids, ${city.census.size.toLocaleString('en')} points) | ratio |`,
);
console.log('| --- | --- | --- | --- |');
for (const step of Object.keys(base)) {
  const b = base[step]!;
  const c = large[step]!;
  console.log(
    `| ${step}: longest (median) | ${b.max.toFixed(1)} ms (${b.median.toFixed(1)}) | ${c.max.toFixed(1)} ms (${c.median.toFixed(1)}) | ${(c.max / b.max).toFixed(1)}× |`,
  );
}
const ratio = (figures: typeof base): string =>
  (figures['recount, main thread now']!.max / figures.recount!.max).toFixed(3);
console.log(
  `recount on the main thread after an edit, now ÷ before (longest): demo ${ratio(base)}×, city ${ratio(large)}×`,
);
