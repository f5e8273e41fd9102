import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CITY, generateDivision } from '../../bench/city-division';
import { interiorPoint } from '../../shared/geometry/interior-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { STATUS_COLOURS } from '../../renderer/map/colours';
import { countColour, mapPixels, waitForMapIdle } from './browser';
import { clickAt } from './map-geometry';
import type { SeededProject } from './seeded-project';
import { openWithSeededProject } from './seeded-project';

// The city of `npm run bench:app-open -- --city`: 5,000 grids in 500 communities, every one under its
// household target (a warning each). Opened whole, each grid is a few pixels wide: the map must still
// show the grids' fills (a marker per warning once covered all of them) and answer a click on a grid.
const baseUrl = inject('baseUrl');
const division = generateDivision({ ...CITY, censusPoints: 5000 });
const grid = [...division.grid.values()][2502]!;
let browser: Browser;
let page: Page;
let watched: SeededProject['watched'];

/** An RGB colour drawn at `opacity` over another. */
function over(colour: string, opacity: number, under: readonly number[]): [number, number, number] {
  const channel = (at: number): number =>
    Math.round(
      Number.parseInt(colour.slice(1 + at * 2, 3 + at * 2), 16) * opacity + under[at]! * (1 - opacity),
    );
  return [channel(0), channel(1), channel(2)];
}

// The offline basemap's paper (#f3f1eb), a divided community's white at 0.6 and the under-target blue at
// 0.45 (renderer/map/map-layers.ts).
const UNDER_FILL = over(STATUS_COLOURS.under, 0.45, over('#ffffff', 0.6, [0xf3, 0xf1, 0xeb]));

beforeAll(async () => {
  ({ browser, page, watched } = await openWithSeededProject(baseUrl, division, 'e2e-city-map'));
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('a city of 5,000 grids', () => {
  it('shows every grid filled with its target colour and answers a click on one', async () => {
    await page.reload();
    await waitForMapIdle(page);
    const status = page.locator('[data-testid="status-bar"]');
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toContain('5000');
    // The warnings are counted (the validation worker answered) before the map is read.
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/警告\s*5000/);
    await waitForMapIdle(page);
    const png = await mapPixels(page);
    const share = countColour(png, UNDER_FILL, 10) / (png.width * png.height);
    // The city covers about a third of the map at the fitted zoom, outlines take much of it (about 6 % is
    // the blue fill); with a marker per warning over every grid, no pixel of it was left.
    expect(share).toBeGreaterThan(0.025);

    const [lng, lat] = interiorPoint(preparePolygon(grid.geometry));
    await clickAt(page, lng, lat);
    await expect.poll(() => page.locator('[data-testid="attr-code"]').textContent()).toBe(grid.code);
    expect(watched.errors).toEqual([]);
  }, 300_000);
});
