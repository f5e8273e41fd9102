import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { interiorPoint } from '../../shared/geometry/interior-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import type { watchPage } from './browser';
import { waitForMapIdle } from './browser';
import { closeNotice, startApp } from './app-steps';

// Micro-grids in the tree (网格 → 微网格): listed under their grid, a click shows the micro-grid on the
// map (outlined, zoomed to) and its attributes under 属性, in Chinese and in English.

const baseUrl = inject('baseUrl');
const GRID = '510302003001001';
const MICROGRIDS = [`${GRID}001`, `${GRID}002`];
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;
let centre: [number, number];
const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-e2e-microgrids-'));

/** The demo township with two small micro-grids side by side inside grid GRID, as a division file. */
async function demoWithMicrogrids(): Promise<string> {
  const text = await readFile('resources/demo/demo-township.geojson', 'utf8');
  const parsed = parseDivisionGeoJson(text);
  if (!parsed.ok) throw new Error('demo does not parse');
  const grid = [...parsed.value.grid.values()].find((g) => g.code === GRID)!;
  const [x, y] = interiorPoint(preparePolygon(grid.geometry));
  centre = [x, y];
  const d = 0.0004;
  const square = (x0: number) => [
    [
      [x0, y - d],
      [x0 + d, y - d],
      [x0 + d, y + d],
      [x0, y + d],
      [x0, y - d],
    ],
  ];
  const file = JSON.parse(text) as { features: unknown[] };
  MICROGRIDS.forEach((code, i) =>
    file.features.push({
      type: 'Feature',
      properties: { layer: 'microgrid', code, name: `光明第1网格微网格${i + 1}`, parentCode: GRID },
      geometry: { type: 'Polygon', coordinates: square(x - d + i * d) },
    }),
  );
  const target = path.join(dir, '含微网格.geojson');
  writeFileSync(target, JSON.stringify(file));
  return target;
}

/** The centre and zoom the map publishes after a move. */
async function view(): Promise<{ lon: number; lat: number; zoom: number }> {
  const value = (await page.locator('[data-testid="map"]').getAttribute('data-view')) ?? '';
  const [lon, lat, zoom] = value.split(',').map(Number);
  return { lon: lon!, lat: lat!, zoom: zoom! };
}

beforeAll(async () => {
  ({ browser, page, watched } = await startApp(baseUrl));
  // A division file opens as a new project through the one 导入….
  await page.click('[data-testid="import-data-button"]');
  await page.setInputFiles('[data-testid="import-files"]', await demoWithMicrogrids());
  await page.waitForSelector('[data-testid="import-division-summary"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
  await closeNotice(page);
  await waitForMapIdle(page);
});

afterAll(async () => {
  await browser?.close();
});

describe('micro-grids in the tree', () => {
  it('lists them under their grid; a click zooms to one and shows its attributes', async () => {
    const rows = page.locator(`[data-grid-code="${GRID}"] + ul [data-microgrid-code]`);
    expect(
      await rows.evaluateAll((list) => list.map((row) => row.getAttribute('data-microgrid-code'))),
    ).toEqual(MICROGRIDS);
    expect(await rows.first().getAttribute('title')).toBe(
      `微网格 ${MICROGRIDS[0]}：在地图上显示，并在“属性”中查看`,
    );

    const before = await view();
    await rows.nth(1).click();
    await page.waitForFunction(
      (code) => document.querySelector('[data-testid="attr-microgrid-code"]')?.textContent === code,
      MICROGRIDS[1],
    );
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="map"]')?.getAttribute('data-view') !== old,
      `${before.lon},${before.lat},${before.zoom}`,
    );
    await waitForMapIdle(page);
    const after = await view();
    // Zoomed in to the micro-grid (0.0004° wide, right of the centre point).
    expect(after.zoom).toBeGreaterThan(before.zoom);
    expect(after.zoom).toBeGreaterThanOrEqual(16);
    expect(Math.abs(after.lon - (centre[0] + 0.0002))).toBeLessThan(0.0005);
    expect(Math.abs(after.lat - centre[1])).toBeLessThan(0.0005);
    expect(await rows.nth(1).getAttribute('class')).toContain('selected');
    const facts = (await page.locator('[data-testid="microgrid-facts"]').textContent()) ?? '';
    expect(facts).toContain('所属网格');
    expect(facts).toContain(`光明社区第1网格（${GRID}）`);
    expect(facts).toContain('光明第1网格微网格2');
    await page.screenshot({ path: `${process.env.GRIDPLAN_E2E_SHOTS ?? '/tmp'}/microgrid-tree.png` });
  });

  it('speaks English too, and a grid click goes back to the grid’s attributes', async () => {
    await page.click('[data-testid="language-switch"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="microgrid-facts"]')?.textContent?.includes('Micro-grid code'),
    );
    const row = page.locator(`[data-microgrid-code="${MICROGRIDS[0]}"]`);
    expect(await row.getAttribute('title')).toBe(
      `Micro-grid ${MICROGRIDS[0]}: show it on the map and see it under Attributes`,
    );
    await page.click('[data-testid="language-switch"]');
    await page.click(`[data-grid-code="${GRID}"]`);
    await page.waitForFunction(
      (code) => document.querySelector('[data-testid="attr-code"]')?.textContent === code,
      GRID,
    );
    expect(await page.locator('[data-testid="microgrid-facts"]').count()).toBe(0);
    expect(await row.getAttribute('class')).not.toContain('selected');
    expect(watched.errors).toEqual([]);
  });
});
