// `npm run bench:app-open` — how long the app takes to open a city-sized project, against the previous
// build measured in the same run (the machine is shared and noisy: the ratio is the figure to compare).
//
//   project:  300 grids in 30 communities and 1,000,000 census points (bench/city-division.ts TOWNSHIP;
//             --city: 5,000 grids in 500 communities, CITY), written into each build's IndexedDB in the
//             layout of that database's schema
//   baseline: the renderer built from --base (default: the merge base with main), same data
//   measured: navigation → the map answers (a click on a grid selects it, the attribute panel shows its
//             code), and navigation → the grid's household count is shown (the counts are ready)
//
// Each build is served from an origin of its own (two ports), so each opens its own database: the builds'
// rounds can then alternate whatever their schemas (run one build's rounds after the other's and the
// second is measured on a machine busy for longer: the same code measured second was 1.24× slower). Each
// build opens the project once before the rounds, untimed (its scripts compiled into the cache). A
// database written in a build's own schema is never upgraded here: the v4→v5 upgrade was timed once
// (docs/benchmarks.md, fifth round).
// Before each round the previous opening's page is let go (see nextWindow): its teardown is not timed. Then
// one more round of the new build under V8's CPU profiler lists where the main thread's time goes.
//
//   --rounds N     measured rounds per build (default 4: an even number, so each build goes first as
//                  often as the other)
//   --points N     census points (default 1,000,000)
//   --city         the city's 5,000 grids instead of a township's 300
//   --base REF     the baseline's git revision (default: git merge-base HEAD main)
//   --no-build     reuse the previous builds
//   --no-profile   skip the profiled round
//   --new-window   open each round in a new page (a new renderer process, as a window starting the app:
//                  nothing of the previous round is in memory; the scripts' compiled code comes from the
//                  profile's cache, as in a planner's browser or Electron) instead of navigating the
//                  previous round's page to an empty page and then to the app
//   --trace        also record one opening of the new build as a Chrome trace (every thread and process:
//                  the GPU process's shader compiles, workers), written to the work directory as
//                  open.trace.json for chrome://tracing or DevTools' Performance panel
//   --timeout S    seconds an opening may take before the run fails (default 240)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { createStaticServer, loadContentSecurityPolicy } from '../scripts/start.mjs';
import { countCensus } from '../shared/geometry/count-census';
import { interiorPoint } from '../shared/geometry/interior-point';
import { preparePolygon } from '../shared/geometry/prepared-polygon';
import type { Grid } from '../shared/model';
import { CITY, generateDivision, TOWNSHIP } from './city-division';
import { functionTimes, isIdle, startProfile, stopProfile } from './editor-profile';
import { seedCensus, seedProject } from './seed-project';

const PROJECT_ID = 'bench-city';

type Build = 'base' | 'new';
const BUILDS: readonly Build[] = ['base', 'new'];
const LABEL: Record<Build, string> = { base: 'baseline', new: 'new build' };

interface E2eHelpers {
  launchProfileBrowser(
    userDataDir: string,
    options?: { viewport: { width: number; height: number }; locale: string },
  ): Promise<BrowserContext>;
}

/** test/e2e/browser.ts, loaded at run time for the reason given in bench/editor-bench.ts. */
async function e2eHelpers(): Promise<E2eHelpers> {
  const file = fileURLToPath(new URL('../test/e2e/browser.ts', import.meta.url));
  const helpers = (await import(pathToFileURL(file).href)) as Partial<E2eHelpers>;
  if (typeof helpers.launchProfileBrowser !== 'function')
    throw new Error('test/e2e no longer exports launchProfileBrowser');
  return helpers as E2eHelpers;
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const ROUNDS = Math.max(1, Math.floor(Number(option('--rounds') ?? 4)) || 1);
const SHAPE = args.includes('--city') ? CITY : TOWNSHIP;
const POINTS = Math.max(1, Math.floor(Number(option('--points') ?? 1_000_000)) || 1);
const BUILD = !args.includes('--no-build');
const PROFILE = !args.includes('--no-profile');
const TRACE = args.includes('--trace');
const NEW_WINDOW = args.includes('--new-window');
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const git = (...gitArgs: string[]): string =>
  execFileSync('git', gitArgs, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
const BASE_REF = option('--base') ?? git('merge-base', 'HEAD', 'main');
const BASE_COMMIT = git('rev-parse', '--short', BASE_REF);

/**
 * A private directory: the end-to-end tests build and serve dist/renderer at the same time, and a bench
 * run from another worktree must not overwrite this one's builds (hence the checkout's name in it).
 */
const WORK_DIR = path.join(tmpdir(), `gridplan-app-open-bench-${path.basename(path.resolve(REPO_ROOT))}`);
const SITE_DIR = path.join(WORK_DIR, 'site');
const VIEWPORT = { width: 1366, height: 820 };
const OPEN_TIMEOUT_MS = Math.max(10, Number(option('--timeout') ?? 240)) * 1000;
/** The issue's aim. */
const AIM_MS = 3000;

function buildRenderer(sourceRoot: string, outDir: string): void {
  execFileSync(
    'npx',
    ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--sourcemap', '--logLevel', 'warn'],
    { cwd: sourceRoot, stdio: 'inherit' },
  );
}

/** Builds the working tree into site/new and the baseline revision (a plain export of it) into site/base. */
function buildBoth(): void {
  mkdirSync(SITE_DIR, { recursive: true });
  console.log(`Building the renderer of the working tree → ${path.join(SITE_DIR, 'new')}…`);
  buildRenderer(REPO_ROOT, path.join(SITE_DIR, 'new'));
  const baseSource = path.join(WORK_DIR, `source-${BASE_COMMIT}`);
  if (!existsSync(path.join(baseSource, 'package.json'))) {
    rmSync(baseSource, { recursive: true, force: true });
    mkdirSync(baseSource, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${BASE_COMMIT} | tar -x -C '${baseSource}'`], { cwd: REPO_ROOT });
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(baseSource, 'node_modules'));
  }
  console.log(`Building the baseline renderer (${BASE_COMMIT}) → ${path.join(SITE_DIR, 'base')}…`);
  buildRenderer(baseSource, path.join(SITE_DIR, 'base'));
}

// ---- one opening ---------------------------------------------------------------------------------

interface Opening {
  /**
   * Navigation → the map's container says data-map-ready, as first seen by polling: MapLibre's `load`
   * until f9666e8; since then its `load` and the map set up for a project.
   */
  readonly mapLoadMs: number;
  /** Navigation → a click on the grid selected it. */
  readonly interactiveMs: number;
  /** Navigation → the attribute panel showed the grid's household count. */
  readonly countsMs: number;
  readonly households: number;
  /** The app's opening marks (renderer/platform/opening-marks.ts), ms from navigation, in order. */
  readonly marks: readonly { readonly name: string; readonly at: number }[];
}

/** Screen position of a longitude/latitude from the map's published view (as test/e2e/map-geometry.ts). */
function screenOf(view: string, box: { x: number; y: number; width: number; height: number }, at: number[]) {
  const [cLng, cLat, zoom] = view.split(',').map(Number) as [number, number, number];
  const world = 512 * 2 ** zoom;
  const mx = (l: number): number => ((l + 180) / 360) * world;
  const my = (φ: number): number => {
    const s = Math.sin((φ * Math.PI) / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world;
  };
  return {
    x: box.x + box.width / 2 + (mx(at[0]!) - mx(cLng)),
    y: box.y + box.height / 2 + (my(at[1]!) - my(cLat)),
  };
}

/**
 * Navigates and clicks the grid until the attribute panel shows it, then waits for its
 * household count. A click is tried only once the map has been fitted to the project (its centre is
 * the project's), so a click never lands on the demo or the default view.
 */
async function open(
  page: Page,
  url: string,
  grid: Grid,
  centre: readonly [number, number],
): Promise<Opening> {
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: OPEN_TIMEOUT_MS });
  const target = interiorPoint(preparePolygon(grid.geometry));
  const map = page.locator('[data-testid="map"]');
  let interactiveMs: number | null = null;
  let mapLoadMs: number | null = null;
  while (Date.now() - start < OPEN_TIMEOUT_MS) {
    const attribute = (name: string): Promise<string | null> =>
      map.getAttribute(name, { timeout: 1000 }).catch(() => null);
    const ready = await attribute('data-map-ready');
    if (ready === 'true') mapLoadMs ??= Date.now() - start;
    const view = await attribute('data-view');
    const [cLng, cLat] = (view ?? '').split(',').map(Number);
    if (
      ready === 'true' &&
      view &&
      Math.abs(cLng! - centre[0]) < 0.01 &&
      Math.abs(cLat! - centre[1]) < 0.01
    ) {
      const box = await map.boundingBox();
      if (box) {
        const { x, y } = screenOf(view, box, target);
        await page.mouse.click(x, y);
        // A short wait: a click that came before the grids were drawn selects nothing, and a long wait
        // for it would make the measure as coarse as the wait.
        const code = await page
          .locator('[data-testid="attr-code"]')
          .textContent({ timeout: 100 })
          .catch(() => null);
        if (code === grid.code) {
          interactiveMs = Date.now() - start;
          break;
        }
      }
    }
    await page.waitForTimeout(25);
  }
  if (interactiveMs === null) throw new Error(`the map did not answer within ${OPEN_TIMEOUT_MS} ms`);
  const households = page.locator('[data-testid="attr-households"]');
  while (Date.now() - start < OPEN_TIMEOUT_MS) {
    const shown = (await households.textContent().catch(() => '')) ?? '';
    const match = /^\s*([\d,]+)/.exec(shown);
    if (match) {
      const marks = await page.evaluate(() =>
        performance
          .getEntriesByType('mark')
          .filter((mark) => mark.name.startsWith('gridplan:'))
          .map((mark) => ({ name: mark.name.slice('gridplan:'.length), at: mark.startTime })),
      );
      // A hidden page's frames are throttled: an opening measured there is not the planner's.
      if ((await page.evaluate<string>('document.visibilityState')) !== 'visible')
        throw new Error('the page of the opening was hidden (another page in front of it)');
      return {
        marks,
        mapLoadMs: mapLoadMs ?? interactiveMs,
        interactiveMs,
        countsMs: Date.now() - start,
        households: Number(match[1]!.replace(/,/g, '')),
      };
    }
    await page.waitForTimeout(25);
  }
  throw new Error(`the counts were not shown within ${OPEN_TIMEOUT_MS} ms`);
}

// ---- run -----------------------------------------------------------------------------------------

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The opening's marks, then when the map answered: "project-read-start 310 · project-read 2,100 · …". */
function timeline(opening: Opening): string {
  return [...opening.marks, { name: 'answers (bench)', at: opening.interactiveMs }]
    .map((mark) => `${mark.name} ${Math.round(mark.at).toLocaleString('en-US')}`)
    .join(' · ');
}

const fmt = (value: number): string => `${Math.round(value).toLocaleString('en-US')} ms`;

if (BUILD || !existsSync(path.join(SITE_DIR, 'base', 'index.html'))) buildBoth();

console.log(`Generating the project (${POINTS.toLocaleString('en-US')} census points)…`);
const division = generateDivision({ ...SHAPE, censusPoints: POINTS });
const grids = [...division.grid.values()];
// A grid in the middle of the city, well inside the fitted view.
const grid = grids[Math.floor(grids.length / 2) + 2]!;
const expected = countCensus(division).byGrid.get(grid.id)?.households ?? 0;
let minX = Infinity;
let minY = Infinity;
let maxX = -Infinity;
let maxY = -Infinity;
for (const township of division.township.values()) {
  for (const [x, y] of township.geometry.coordinates.flat(1) as number[][]) {
    minX = Math.min(minX, x!);
    maxX = Math.max(maxX, x!);
    minY = Math.min(minY, y!);
    maxY = Math.max(maxY, y!);
  }
}
const centre = [(minX + maxX) / 2, (minY + maxY) / 2] as const;

/** One server per build: two origins, so each build opens a database of its own (see the header). */
const listen = (server: Server): Promise<number> =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    }),
  );
const policy = await loadContentSecurityPolicy();
const servers: Record<Build, Server> = {
  base: createStaticServer(SITE_DIR, policy),
  new: createStaticServer(SITE_DIR, policy),
};
const origins: Record<Build, string> = {
  base: `http://127.0.0.1:${await listen(servers.base)}`,
  new: `http://127.0.0.1:${await listen(servers.new)}`,
};
const appUrl = (build: Build): string => `${origins[build]}/${build}/index.html`;
// An empty page of the app's origin: the previous opening's page is let go by navigating here.
writeFileSync(path.join(SITE_DIR, 'blank.html'), '<!doctype html><title>blank</title>\n');
// A profile on disk, as a planner's browser or Electron keeps one: its HTTP cache holds V8's compiled
// code, used from a script's third load on (until the eighth round the context was off the record, where
// Chromium compiles the 2.3 MB script afresh in every new window: 0.6-0.7 s of the window's thread).
const BROWSER_PROFILE_DIR = path.join(WORK_DIR, 'profile');
rmSync(BROWSER_PROFILE_DIR, { recursive: true, force: true });
const context = await (
  await e2eHelpers()
).launchProfileBrowser(BROWSER_PROFILE_DIR, { viewport: VIEWPORT, locale: 'zh-CN' });
const results: Record<Build, Opening[]> = { base: [], new: [] };
try {
  const newPage = async (): Promise<Page> => {
    const opened = await context.newPage();
    opened.on('pageerror', (error) => console.log(`  page error: ${error.message}`));
    opened.setDefaultTimeout(OPEN_TIMEOUT_MS);
    return opened;
  };
  // A page per build, so that each build's openings happen in its own renderer process: the pages are
  // cross-origin isolated, hence kept in a process per origin, and one page going from one build's origin
  // to the other's would start a process at every change (0.5 s more before our script runs).
  const pages: Record<Build, Page> = { base: await newPage(), new: await newPage() };
  // The blank page a profile browser starts with: one renderer less beside the openings.
  for (const page of context.pages()) if (page !== pages.base && page !== pages.new) await page.close();
  /**
   * Lets the build's last opening go: its page is sent to an empty page of its origin, where the
   * document, its million points, workers and WebGL context are torn down (0.6 s here), untimed: a
   * window starting the app has no previous document. With --new-window the page is closed instead.
   */
  const release = async (build: Build): Promise<void> => {
    if (NEW_WINDOW) {
      await pages[build].close();
      return;
    }
    await pages[build].goto(`${origins[build]}/blank.html`);
    // The freed heap collected now rather than during the other build's opening.
    const session = await context.newCDPSession(pages[build]);
    await session.send('HeapProfiler.collectGarbage');
    await session.detach();
  };
  /**
   * The page of the build's next opening, once the machine has had a moment to settle: the same page,
   * or with --new-window a new one (a new renderer process).
   */
  const nextWindow = async (build: Build): Promise<Page> => {
    await new Promise((settled) => setTimeout(settled, NEW_WINDOW ? 2000 : 1000));
    if (NEW_WINDOW) pages[build] = await newPage();
    // The page in front, as the window a planner looks at: a page behind another is hidden, Chromium
    // throttles its frames, and one build's openings there were 1 s faster than the same code in front.
    await pages[build].bringToFront();
    return pages[build];
  };
  /** One opening of the build, its page released after it. */
  const openOnce = async (build: Build): Promise<Opening> => {
    const opening = await open(await nextWindow(build), appUrl(build), grid, centre);
    await release(build);
    return opening;
  };
  for (const build of BUILDS) {
    console.log(
      `${LABEL[build]}: opening the demo project once, then writing the project into its database…`,
    );
    const page = pages[build];
    await page.bringToFront();
    await page.goto(appUrl(build));
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: OPEN_TIMEOUT_MS });
    await seedProject(page, division, PROJECT_ID);
    await seedCensus(page, division, PROJECT_ID, (written) =>
      process.stdout.write(`\r  ${written.toLocaleString('en-US')} points written`),
    );
    process.stdout.write('\n');
    await release(build);
    // The first opening of the project (the scripts compiled into the cache) is not a round.
    const first = await openOnce(build);
    console.log(
      `  first opening (not a round): map answers ${fmt(first.interactiveMs)}, counts ${fmt(first.countsMs)}`,
    );
  }

  // Rounds alternate between the builds, the order turning each round (base, new; new, base; …): run one
  // build's rounds after the other's and the second one is measured on a machine that has been busier for
  // longer (the same build measured second was 1.24× slower).
  for (let round = 0; round < ROUNDS; round++) {
    for (const build of round % 2 === 0 ? BUILDS : [...BUILDS].reverse()) {
      const opening = await openOnce(build);
      console.log(
        `  ${LABEL[build]} round ${round + 1}: map loaded ${fmt(opening.mapLoadMs)}, map answers ${fmt(opening.interactiveMs)}, counts ${fmt(opening.countsMs)}`,
      );
      console.log(`    timeline: ${timeline(opening)}`);
      results[build].push(opening);
    }
  }

  if (TRACE) {
    const page = await nextWindow('new');
    const tracePath = path.join(WORK_DIR, 'open.trace.json');
    const browser = context.browser();
    if (!browser) throw new Error('the profile browser has no Browser object to trace with');
    await browser.startTracing(page, {
      path: tracePath,
      screenshots: false,
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'v8',
        'gpu',
        'blink',
        'toplevel',
        'gpu.service',
        'disabled-by-default-gpu.service',
        'gpu.angle',
        // The window's and workers' JavaScript by function, on the trace's clock (DevTools shows it).
        'disabled-by-default-v8.cpu_profiler',
      ],
    });
    await open(page, appUrl('new'), grid, centre);
    await browser.stopTracing();
    await release('new');
    console.log(`\nTrace of one opening of the new build: ${tracePath}`);
  }

  if (PROFILE) {
    const page = await nextWindow('new');
    const session = await context.newCDPSession(page);
    await startProfile(session);
    await open(page, appUrl('new'), grid, centre);
    const profile = await stopProfile(session);
    writeFileSync(path.join(WORK_DIR, 'open.cpuprofile'), JSON.stringify(profile));
    const times = functionTimes(profile, SITE_DIR, REPO_ROOT);
    // WebGL's shader compile and link (SwiftShader here: seconds; a GPU: milliseconds), nothing of ours.
    const shaderMs = times
      .filter((entry) =>
        /^(getShaderParameter|getProgramParameter|compileShader|linkProgram) /.test(`${entry.label} `),
      )
      .reduce((sum, entry) => sum + entry.selfMs, 0);
    const profiledMs = (profile.endTime - profile.startTime) / 1000;
    console.log(
      `\nProfiled opening ${fmt(profiledMs)} (to the counts shown), of it WebGL shader compile and link ${fmt(shaderMs)} on the window's thread`,
    );
    console.log(`Where the main thread's time goes (new build, one profiled opening; self time):`);
    for (const time of times.filter((entry) => !isIdle(entry.label)).slice(0, 15)) {
      console.log(
        `  ${time.selfMs.toFixed(0).padStart(6)} ms self ${time.totalMs.toFixed(0).padStart(6)} ms total  ${time.label}`,
      );
    }
  }
} finally {
  await context.close();
  servers.base.close();
  servers.new.close();
}

const wrong = [...results.base, ...results.new].filter((opening) => opening.households !== expected);
const baseInteractive = median(results.base.map((o) => o.interactiveMs));
const newInteractive = median(results.new.map((o) => o.interactiveMs));
const baseLoad = median(results.base.map((o) => o.mapLoadMs));
const newLoad = median(results.new.map((o) => o.mapLoadMs));
const baseCounts = median(results.base.map((o) => o.countsMs));
const newCounts = median(results.new.map((o) => o.countsMs));
const load = loadavg()
  .map((value) => value.toFixed(2))
  .join(', ');
console.log(`
Opening a project of ${division.grid.size.toLocaleString('en-US')} grids and ${POINTS.toLocaleString('en-US')} census points (Chromium, median of ${ROUNDS}):
  load average ${load} on ${cpus().length} cores
                      baseline (${BASE_COMMIT})   new (${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'renderer', 'shared') ? '+changes' : ''})   new / baseline
  map loaded          ${fmt(baseLoad).padStart(12)}   ${fmt(newLoad).padStart(12)}   ${(newLoad / baseLoad).toFixed(2)}×   (data-map-ready: MapLibre's load until f9666e8, its load and the map set up for a project since)
  map answers         ${fmt(baseInteractive).padStart(12)}   ${fmt(newInteractive).padStart(12)}   ${(newInteractive / baseInteractive).toFixed(2)}×   (aim ≤ ${fmt(AIM_MS)}: ${newInteractive <= AIM_MS ? 'met' : 'not met'})
  counts shown        ${fmt(baseCounts).padStart(12)}   ${fmt(newCounts).padStart(12)}   ${(newCounts / baseCounts).toFixed(2)}×
  grid ${grid.code}: ${expected} households expected; ${wrong.length === 0 ? 'every opening showed it' : `${wrong.length} openings showed another figure`}`);
if (wrong.length > 0) process.exitCode = 1;
