// `npm run bench:edit-tasks -- --chromium [--points N] [--repeat N]`: the steps of edit-tasks.ts in
// Debian's Chromium, each as its own task, with a PerformanceObserver for 'longtask': the longest
// main-thread task per interaction, demo township and city, the longest time of the step itself (which
// the Long Tasks API does not report under 50 ms), and the recount before ÷ now in the same run.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createStaticServer, loadContentSecurityPolicy } from '../scripts/start.mjs';

export async function runInChromium(points: number, repeat: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-edit-tasks-'));
  await build({
    entryPoints: ['test/e2e/probe/edit-tasks-page.ts'],
    bundle: true,
    format: 'esm',
    outfile: path.join(dir, 'page.js'),
    logLevel: 'warning',
  });
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>edit tasks</title><script type="module" src="./page.js"></script>',
  );
  copyFileSync('resources/demo/demo-township.geojson', path.join(dir, 'demo-township.geojson'));
  const server = createStaticServer(dir, await loadContentSecurityPolicy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: process.env.GRIDPLAN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/index.html?points=${points}&repeat=${repeat}`);
    await page.waitForSelector('body[data-result], body[data-failed]', {
      state: 'attached',
      timeout: 900_000,
    });
    const failed = await page.locator('body').getAttribute('data-failed');
    if (failed) throw new Error(failed);
    const result = JSON.parse((await page.locator('body').getAttribute('data-result'))!) as {
      demo: Record<string, number>;
      city: Record<string, number>;
      demoOwn: Record<string, number>;
      cityOwn: Record<string, number>;
      grids: number;
      points: number;
    };
    const shown = (ms: number): string => (ms === 0 ? 'none over 50 ms' : `${ms.toFixed(0)} ms`);
    console.log(
      `Chromium, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores; longest task of ${repeat} runs`,
    );
    console.log(
      `| step | demo: longest task (step itself) | city (${result.grids} grids, ${result.points.toLocaleString('en')} points): longest task (step itself) |`,
    );
    console.log('| --- | --- | --- |');
    const own = (ms: number): string => `${ms.toFixed(1)} ms`;
    for (const step of Object.keys(result.city))
      console.log(
        `| ${step} | ${shown(result.demo[step]!)} (${own(result.demoOwn[step]!)}) | ${shown(result.city[step]!)} (${own(result.cityOwn[step]!)}) |`,
      );
    const before = result.city.recount!;
    const now = result.city['recount, main thread now']!;
    console.log(
      `recount on the main thread after an edit, city, now ÷ before: ${now === 0 ? `under 50 ms ÷ ${shown(before)} (< ${(50 / before).toFixed(3)}×)` : (now / before).toFixed(3) + '×'}`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}
