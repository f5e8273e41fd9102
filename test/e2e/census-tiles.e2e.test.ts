import { readFileSync } from 'node:fs';
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
