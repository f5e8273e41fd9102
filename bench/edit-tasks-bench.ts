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
//   carve, fill, draw grid, micro-grid, gap list   挖出专属网格, 填补空白, 画网格, 微网格 and 填补空白's list
//            as the window ran them before; "…, main thread now" is its share since they run in the sketch
//            worker (the structured clone of the answer)
//   delete   deleteGridCommand (删除, still on the main thread)
//
//   --points N   census points of the city (default 500,000)   --repeat N   runs per step (default 5)
//   --chromium   the same steps in Debian's Chromium, the longest task of each from the Long Tasks API
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseDivisionGeoJson } from '../shared/formats/geojson';
import type { Division } from '../shared/model';
import { builtinRuleSet } from '../shared/model';
import { generateDivision } from './city-division';
import { runInChromium } from './edit-tasks-chromium';
import { benchCity, editSteps } from './edit-tasks';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const POINTS = option('--points', 500_000);
const REPEAT = option('--repeat', 5);
const ruleSet = builtinRuleSet('zigong')!;
if (args.includes('--chromium')) {
  await runInChromium(POINTS, REPEAT);
  process.exit(0);
}

function demo(): Division {
  const parsed = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
  if (!parsed.ok) throw new Error('the demo township does not parse');
  return parsed.value;
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
  return Object.fromEntries(editSteps(division, ruleSet).map(([name, step]) => [name, time(step)]));
}

const city = generateDivision(benchCity(POINTS));
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
