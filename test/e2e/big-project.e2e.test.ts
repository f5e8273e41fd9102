import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDivision, TOWNSHIP } from '../../bench/city-division';
import { countCensus } from '../../shared/geometry/count-census';
import { interiorPoint } from '../../shared/geometry/interior-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { waitForMapIdle } from './browser';
import { clickAt } from './map-geometry';
import type { SeededProject } from './seeded-project';
import { openWithSeededProject } from './seeded-project';

// A township of 300 grids with 200,000 census points, written into IndexedDB as schema v4 rows (the
// layout every release so far wrote), then opened as a planner reopens it: the census reaches the map,
// the counts and the workers as columns (renderer/storage/census-columns.ts, renderer/workers/packed-division.ts).
const baseUrl = inject('baseUrl');
const division = generateDivision({ ...TOWNSHIP, censusPoints: 200_000 });
const grid = [...division.grid.values()][137]!;
const expected = countCensus(division).byGrid.get(grid.id)!.households;
const total = [...division.census.values()].reduce((sum, point) => sum + point.households, 0);
let browser: Browser;
let page: Page;
let watched: SeededProject['watched'];

beforeAll(async () => {
  ({ browser, page, watched } = await openWithSeededProject(baseUrl, division, 'e2e-big-project'));
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('a project of 200,000 census points', () => {
  it('opens, answers a click on a grid and shows its households counted from the points', async () => {
    await page.reload();
    // The map is there before the project is read: wait until it shows the project.
    await page.waitForSelector('[data-testid="map"][data-project="e2e-big-project"]', { timeout: 120_000 });
    await waitForMapIdle(page);
    const [lng, lat] = interiorPoint(preparePolygon(grid.geometry));
    const code = page.locator('[data-testid="attr-code"]');
    // The map is fitted to the project once it has loaded: click until the grid is selected.
    await expect
      .poll(
        async () => {
          await clickAt(page, lng, lat);
          return code.textContent({ timeout: 2000 }).catch(() => null);
        },
        { timeout: 120_000, interval: 500 },
      )
      .toBe(grid.code);
    const digits = async (selector: string) =>
      ((await page.locator(selector).textContent()) ?? '').replace(/[,\s]/g, '');
    await expect
      .poll(() => digits('[data-testid="attr-households"]'), { timeout: 60_000 })
      .toContain(`${expected}户`);
    // The status bar sums the households of every point of the project.
    await expect.poll(() => digits('[data-testid="status-bar"]')).toContain(String(total));
    expect(watched.errors).toEqual([]);
  }, 300_000);
});
