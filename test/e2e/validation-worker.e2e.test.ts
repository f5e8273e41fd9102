import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';

/**
 * The validation worker that "sometimes never answered" (docs/adr/0006). Root cause: the client's
 * worker lived with the object, not with the mounted window. React constructs state in renders it may
 * throw away and, under StrictMode, runs effects twice: the first cleanup terminated the worker and
 * cleared the watchdog, the second run queued its reset for that dead worker — `ready=false queued=1
 * last=none restarts=0`, for ever (100 % of page loads on the vite dev server before the fix). Now the
 * wiring connects and disconnects the worker in its effect, and a reconnect replays the document.
 *
 * What this proves, 30 times in fresh pages of one Chromium: the worker the build ships, driven by the
 * app's own ValidationClient through StrictMode's connect → reset → disconnect → connect → reset,
 * answers the whole check of the demo township without any retry (a retry would mean a worker that
 * did not start or lost a message). The app itself is opened once at the end and must get the
 * worker's answer without 整体校验 (which would answer on the main thread and hide a silent worker).
 */
const RUNS = 30;
const baseUrl = inject('baseUrl');
let browser: Browser;
let probeUrl: string;

beforeAll(async () => {
  const assets = await readdir('dist/renderer/assets');
  const named = (prefix: string, ext: string): string => {
    const file = assets.find((name) => name.startsWith(prefix) && name.endsWith(ext));
    if (!file) throw new Error(`dist/renderer/assets has no ${prefix}*${ext}: build the renderer first`);
    return `../assets/${file}`;
  };
  // The probe is bundled next to the built app, so the page has the app's origin and its CSP.
  await mkdir('dist/renderer/e2e-probe', { recursive: true });
  await build({
    entryPoints: ['test/e2e/probe/validation-probe.ts'],
    bundle: true,
    format: 'esm',
    outfile: 'dist/renderer/e2e-probe/validation-probe.js',
    logLevel: 'warning',
  });
  await writeFile(
    'dist/renderer/e2e-probe/validation-probe.html',
    '<!doctype html><meta charset="utf-8"><title>validation probe</title><script type="module" src="./validation-probe.js"></script>',
  );
  const query = new URLSearchParams({
    worker: named('validation-worker-', '.js'),
    demo: named('demo-township-', '.geojson'),
  });
  probeUrl = `${baseUrl}e2e-probe/validation-probe.html?${query}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Waits for the worker's answer; on a timeout, says where the conversation stood. */
async function answered(page: Page, selector: string, diagnostics: string): Promise<void> {
  await page
    .waitForSelector(selector, { state: 'attached', timeout: 30_000 })
    .catch(async (error: unknown) => {
      const where = await page.locator(diagnostics).first().getAttribute('data-validation');
      throw new Error(`no validation answer (${where ?? 'no diagnostics'}): ${String(error)}`);
    });
}

describe('the validation worker in Chromium', () => {
  it(`answers the first whole check ${RUNS} times in ${RUNS} fresh pages, without a retry`, async () => {
    const context = await browser.newContext();
    const started = Date.now();
    for (let run = 0; run < RUNS; run++) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(probeUrl);
      await answered(page, 'body[data-answered]', 'body');
      const body = page.locator('body');
      expect(Number(await body.getAttribute('data-answered'))).toBeGreaterThan(30);
      expect(await body.getAttribute('data-retried')).toBeNull();
      expect(await body.getAttribute('data-validation')).toMatch(/last=result:2 restarts=0$/);
      expect(errors).toEqual([]);
      await page.close();
    }
    console.log(`validation worker: ${RUNS} answers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await context.close();
  }, 300_000);

  it('answers in the app without 整体校验: the worker, not the main thread', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByRole('tab', { name: /问题/ }).click({ timeout: 60_000 });
    await answered(
      page,
      '[data-testid="issues-panel"][data-validation*="last=result:"]',
      '[data-testid="issues-panel"]',
    );
    expect(await page.locator('[data-testid="issues-panel"]').getAttribute('data-validation')).toMatch(
      /restarts=0/,
    );
    // The page is cross-origin isolated, so the census goes to the worker in shared memory, not copied
    // (renderer/platform/shared-columns.ts).
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // The whole check of the project just opened waited for the map to draw it (use-validation-wiring).
    const marks = await openingMarks(page);
    expect(marks['project-drawn']).toBeDefined();
    // The census points were read once the map had drawn the areas, and checked once, when they were in
    // (never the areas alone).
    expect(marks['census-read-start']).toBeGreaterThanOrEqual(marks['project-drawn']!);
    expect(await page.evaluate(() => performance.getEntriesByName('gridplan:check-sent').length)).toBe(1);
    expect(marks['check-sent']).toBeGreaterThanOrEqual(marks['census-read']!);
    await context.close();
  }, 120_000);

  it('counts a project whose map never draws (no WebGL): the check does not wait for ever', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    const page = await context.newPage();
    // As on a machine without WebGL: MapLibre cannot create its map, so no frame is ever drawn.
    await page.addInitScript(() => {
      const getContext = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (
        this: HTMLCanvasElement,
        kind: string,
        ...rest: unknown[]
      ) {
        if (kind.startsWith('webgl')) return null;
        return (getContext as (kind: string, ...rest: unknown[]) => RenderingContext | null).call(
          this,
          kind,
          ...rest,
        );
      } as typeof getContext;
    });
    await page.goto(baseUrl);
    // Its areas come first: the tree lists them while the census points are read, and the census read
    // waits for a drawing that never comes (use-census-loading.ts), which keeps that state long enough to
    // look at. Meanwhile nothing can be edited or exported, and no count is shown as if it were known.
    await page.waitForSelector('[data-testid="grid-households"]', { timeout: 60_000 });
    const whileLoading = await page.evaluate(() => ({
      reading: document.querySelector('.status-activity')?.textContent ?? '',
      census: performance.getEntriesByName('gridplan:census-read-start').length,
      toolsDisabled: [...document.querySelectorAll<HTMLButtonElement>('button[data-tool]')].every(
        (button) => button.disabled,
      ),
      exportDisabled: document.querySelector<HTMLButtonElement>('[data-testid="export-button"]')?.disabled,
      households: document.querySelector('[data-testid="grid-households"]')?.textContent ?? '',
    }));
    expect(whileLoading).toMatchObject({ reading: '正在读取人口点…', census: 0, toolsDisabled: true });
    expect(whileLoading.exportDisabled).toBe(true);
    expect(whileLoading.households).not.toMatch(/^\s*\d/);
    await page.waitForSelector('[data-testid="status-bar"][data-counts="counted"]', { timeout: 60_000 });
    const marks = await openingMarks(page);
    expect(marks['project-drawn']).toBeUndefined();
    expect(await page.evaluate(() => performance.getEntriesByName('gridplan:check-sent').length)).toBe(1);
    expect(marks['check-sent']).toBeGreaterThan(marks['census-read']!);
    expect(
      await page.evaluate(() =>
        [...document.querySelectorAll<HTMLButtonElement>('button[data-tool]')].some((b) => !b.disabled),
      ),
    ).toBe(true);
    await context.close();
  }, 120_000);
});

/** The opening's marks (renderer/platform/opening-marks.ts) by step: when each last happened. */
async function openingMarks(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((mark) => mark.name.startsWith('gridplan:'))
        .map((mark) => [mark.name.slice('gridplan:'.length), mark.startTime]),
    ),
  );
}
