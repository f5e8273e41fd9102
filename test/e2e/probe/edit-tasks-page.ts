// The Chromium page of `npm run bench:edit-tasks -- --chromium` (bundled by bench/edit-tasks-chromium.ts): runs
// each step of edit-tasks.ts as its own task, 50 ms apart, and reports the longest task the Long Tasks
// API saw during each (tasks under 50 ms are not reported: 0 means none over 50 ms) and the longest time
// the step itself took inside its task (performance.now(), which sees steps under 50 ms too).
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import type { Division } from '../../../shared/model';
import { builtinRuleSet } from '../../../shared/model';
import { generateDivision } from '../../../bench/city-division';
import { benchCity, editSteps } from '../../../bench/edit-tasks';

interface PageResult {
  readonly demo: Record<string, number>;
  readonly city: Record<string, number>;
  /** The longest time of each step itself, in ms (demo, city). */
  readonly demoOwn: Record<string, number>;
  readonly cityOwn: Record<string, number>;
  readonly grids: number;
  readonly points: number;
}

const seen: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) seen.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function longestPerStep(
  division: Division,
  repeat: number,
): Promise<{ longest: Record<string, number>; own: Record<string, number> }> {
  const longest: Record<string, number> = {};
  const own: Record<string, number> = {};
  for (const [name, step] of editSteps(division, builtinRuleSet('zigong')!)) {
    longest[name] = 0;
    own[name] = 0;
    for (let run = 0; run < repeat; run++) {
      await pause(50);
      const from = performance.now();
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          const started = performance.now();
          step();
          own[name] = Math.max(own[name]!, performance.now() - started);
          resolve();
        }, 0),
      );
      await pause(100); // long task entries arrive after their task
      for (const task of seen)
        if (task.start >= from && task.start <= performance.now())
          longest[name] = Math.max(longest[name], task.duration);
    }
  }
  return { longest, own };
}

async function run(): Promise<PageResult> {
  const params = new URLSearchParams(location.search);
  const points = Number(params.get('points') ?? 200_000);
  const repeat = Number(params.get('repeat') ?? 3);
  const parsed = parseDivisionGeoJson(await (await fetch('./demo-township.geojson')).text());
  if (!parsed.ok) throw new Error('the demo township does not parse');
  const demo = await longestPerStep(parsed.value, repeat);
  const division = generateDivision(benchCity(points));
  const city = await longestPerStep(division, repeat);
  return {
    demo: demo.longest,
    city: city.longest,
    demoOwn: demo.own,
    cityOwn: city.own,
    grids: division.grid.size,
    points: division.census.size,
  };
}

run().then(
  (result) => (document.body.dataset.result = JSON.stringify(result)),
  (error: unknown) => (document.body.dataset.failed = String(error)),
);
