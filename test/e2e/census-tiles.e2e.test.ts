import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import { startApp } from './app-steps';
import type { StartedApp } from './app-steps';
import { waitForMapIdle } from './browser';

// The census layer is drawn from vector tiles our worker makes (renderer/workers/census-tile-worker.ts):
// the demo township's 3,443 points as clusters at the fitted view, as single points zoomed in. The map
// publishes what its census layers draw when it settles (data-census-*, renderer/map/use-census-source.ts).
const baseUrl = inject('baseUrl');
const demo = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
if (!demo.ok) throw new Error('demo township unreadable');
const total = [...demo.value.census.values()].reduce((sum, point) => sum + point.households, 0);
let browser: Browser;
let page: Page;
let watched: StartedApp['watched'];

beforeAll(async () => {
  ({ browser, page, watched } = await startApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

const drawn = async (): Promise<{ features: number; clusters: number; households: number; zoom: number }> => {
  const map = page.locator('[data-testid="map"]');
  const number = async (name: string): Promise<number> => Number((await map.getAttribute(name)) ?? NaN);
  const view = (await map.getAttribute('data-view')) ?? '';
  return {
    features: await number('data-census-features'),
    clusters: await number('data-census-clusters'),
    households: await number('data-census-households'),
    zoom: Number(view.split(',')[2]),
  };
};

describe('the census layer (vector tiles of our worker)', () => {
  it('draws the whole census as clusters at the fitted view, every household counted once', async () => {
    // Every point is in exactly one drawn feature: their households add up to the census's.
    await expect.poll(async () => (await drawn()).households, { timeout: 60_000 }).toBe(total);
    const fitted = await drawn();
    expect(fitted.clusters).toBeGreaterThan(0);
    expect(fitted.features).toBeLessThan(demo.value.census.size);
    await page.screenshot({ path: 'test-results/e2e-census-fitted.png' });
  });

  it('draws a census changed by an import, and by its undo, from new tiles', async () => {
    const table = path.join(mkdtempSync(path.join(tmpdir(), 'gridplan-e2e-census-')), 'census.csv');
    writeFileSync(
      table,
      '经度,纬度,户数,人口,地址\n104.76,29.365,3,8,光明路1号\n104.762,29.365,2,4,光明路3号\n',
    );
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', table);
    await page.waitForSelector('[data-testid="import-preview"]');
    expect(await page.locator('[data-testid="import-layer"]').inputValue()).toBe('census');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    // Imported census points replace the layer's (as the status bar's 户数 says): 3 + 2 households.
    await expect.poll(async () => (await drawn()).households, { timeout: 60_000 }).toBe(5);
    await page.locator('[data-testid="notice"] button').click();
    await page.keyboard.press('Control+z');
    // The undo shows where it changed the project: zoomed out, the whole township is in view again.
    await waitForMapIdle(page);
    while ((await drawn()).zoom > 11) {
      await page.locator('.maplibregl-ctrl-zoom-out').click();
      await waitForMapIdle(page);
    }
    await expect.poll(async () => (await drawn()).households, { timeout: 60_000 }).toBe(total);
  });

  it('draws single points when zoomed in beyond the clusters', async () => {
    const zoomIn = page.locator('.maplibregl-ctrl-zoom-in');
    while ((await drawn()).zoom < 17.5) {
      await zoomIn.click();
      await waitForMapIdle(page);
    }
    await expect
      .poll(
        async () => {
          const { features, clusters } = await drawn();
          return features > 0 && clusters === 0;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    const deep = await drawn();
    expect(deep.households).toBeGreaterThan(0);
    expect(deep.households).toBeLessThan(total);
    await page.screenshot({ path: 'test-results/e2e-census-deep.png' });
    expect(watched.errors).toEqual([]);
  });
});
