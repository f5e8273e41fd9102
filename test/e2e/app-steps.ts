import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import { interiorPoint } from '../../shared/geometry/interior-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import type { Division, Grid } from '../../shared/model';
import { launchBrowser, openApp, waitForMapIdle, watchPage } from './browser';
import { clickAt } from './map-geometry';

// Steps a planner takes that many end-to-end tests repeat: wait for a write, close notices, bring a
// community into view, select a grid on the map, export the project. One copy, so that a changed status
// text or test id is changed once.

/** A browser with the app open in one page, and what the page logged and requested. */
export interface StartedApp {
  readonly browser: Browser;
  readonly page: Page;
  readonly watched: ReturnType<typeof watchPage>;
}

/**
 * Launches Chromium, opens the app at 1366×820 (downloads kept when asked; `timeoutMs` for every wait of
 * the page, the opening included, when it is a big project's) and watches the page.
 */
export async function startApp(
  baseUrl: string,
  options: { acceptDownloads?: boolean; timeoutMs?: number } = {},
): Promise<StartedApp> {
  const browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 820 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  if (options.timeoutMs !== undefined) page.setDefaultTimeout(options.timeoutMs);
  const watched = watchPage(page);
  await openApp(page, baseUrl);
  return { browser, page, watched };
}

/** Waits until the status bar says the last edit is stored (已保存) and the map has drawn it. */
export async function saved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('.status-activity')?.textContent === '已保存',
    null,
    { timeout: 30_000 },
  );
  await waitForMapIdle(page);
}

/** Waits for the notice box, closes it and returns what it said. */
export async function closeNotice(page: Page, timeout = 30_000): Promise<string> {
  const notice = page.locator('[data-testid="notice"]');
  await notice.waitFor({ timeout });
  const content = (await notice.textContent()) ?? '';
  await notice.locator('button').click();
  return content;
}

/** Closes every notice a failed step may have left open. */
export async function dismissNotices(page: Page): Promise<void> {
  const close = page.locator('[data-testid="notice"] button');
  while ((await close.count()) > 0) await close.first().click();
}

/** Brings a community into view with a click on its name in the tree (and nothing selected). */
export async function showCommunity(page: Page, code: string): Promise<void> {
  await dismissNotices(page);
  await page.keyboard.press('Escape');
  const map = page.locator('[data-testid="map"]');
  const before = await map.getAttribute('data-focus-request');
  await page.click(`[data-community-code="${code}"]`);
  // The map has started moving there (a busy window may start it later than waitForMapIdle's pause).
  await page.waitForFunction(
    (previous) =>
      document.querySelector('[data-testid="map"]')?.getAttribute('data-focus-request') !== previous,
    before,
    { timeout: 20_000 },
  );
  await waitForMapIdle(page);
}

/** Selects a grid with a click on the map at a point inside it, once its community is in view. */
export async function selectOnMap(page: Page, grid: Grid): Promise<void> {
  await showCommunity(page, grid.parentCode);
  const [x, y] = interiorPoint(preparePolygon(grid.geometry));
  await clickAt(page, x, y);
  await page.waitForFunction(
    (code) => document.querySelector('[data-testid="attr-code"]')?.textContent === code,
    grid.code,
    { timeout: 20_000 },
  );
  await waitForMapIdle(page);
}

/** The project as 导出 writes it (the notice that says so closed), as text and read back. */
export async function exportDivision(page: Page): Promise<{ division: Division; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-button"]'),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  await page.click('[data-testid="notice"] button');
  const parsed = parseDivisionGeoJson(text);
  if (!parsed.ok) throw new Error('export does not parse');
  return { division: parsed.value, text };
}
