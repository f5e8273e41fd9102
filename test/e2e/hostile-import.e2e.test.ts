import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeShapefile } from '../../shared/formats/shapefile-write';
import { encodeText } from '../../shared/formats/text-encoding';
import { writeZip } from '../../shared/formats/zip-archive';
import { waitForMapIdle } from './browser';
import { startApp } from './app-steps';
import type { StartedApp } from './app-steps';

// Issue 9 in the app: the import dialog says which encoding it read a table or GeoJSON in and offers
// another, offers to swap longitude/latitude columns that look swapped, frames what an import brought
// in (far from the demo township too), and an import whose write fails half-way leaves no project behind.

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watched: StartedApp['watched'];
const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-e2e-hostile-'));

/** Ürümqi, 2,000 km from the demo township in Zigong. */
const FAR = { lon: 87.6, lat: 43.8 };
const square = (lon: number, lat: number, size: number) => [
  [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ],
];

function file(name: string, bytes: Uint8Array | string): string {
  const target = path.join(dir, name);
  writeFileSync(target, bytes);
  return target;
}

beforeAll(async () => {
  ({ browser, page, watched } = await startApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

const statusGrids = async () =>
  (await page.locator('[data-testid="status-bar"] span').first().textContent()) ?? '';

/** The map's view (centre and zoom) as the map publishes it. */
async function view(): Promise<{ lon: number; lat: number; zoom: number }> {
  const value = (await page.locator('[data-testid="map"]').getAttribute('data-view')) ?? '';
  const [lon, lat, zoom] = value.split(',').map(Number) as [number, number, number];
  return { lon, lat, zoom };
}

/** Waits until the map is centred within `within` degrees of a place, zoomed in to at least `zoom`. */
async function waitForViewAt(lon: number, lat: number, within: number, zoom: number): Promise<void> {
  await page.waitForFunction(
    ({ lon, lat, within, zoom }) => {
      const value = document.querySelector('[data-testid="map"]')?.getAttribute('data-view') ?? '';
      const [x, y, z] = value.split(',').map(Number) as [number, number, number];
      return Math.abs(x - lon) < within && Math.abs(y - lat) < within && z >= zoom;
    },
    { lon, lat, within, zoom },
    { timeout: 30_000 },
  );
}

/** The projects in the 项目 list (opened and closed again). */
/** Whether the element is what a click at its centre reaches (nothing, such as a backdrop, above it). */
async function onTop(selector: string): Promise<boolean> {
  return page.$eval(selector, (element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && element.contains(hit);
  });
}

async function projectCount(): Promise<number> {
  await page.click('[data-testid="projects-button"]');
  await page.waitForSelector('.project-panel');
  const count = await page.locator('[data-testid="project-item"]').count();
  await page.click('.project-panel header button');
  await page.waitForSelector('.project-panel', { state: 'detached' });
  return count;
}

async function openImport(target: string): Promise<void> {
  await page.click('[data-testid="import-data-button"]');
  await page.setInputFiles('[data-testid="import-files"]', target);
}

describe('the import dialog with hostile text and tables', () => {
  it('a GBK census table with swapped columns: says GBK, offers UTF-16 too, and offers the swap', async () => {
    const table = file(
      'swapped-gbk.csv',
      encodeText('经度,纬度,户数,地址\n29.365,104.76,3,光明路1号\n29.366,104.761,2,光明路2号\n', 'gbk').bytes,
    );
    const householdsBefore =
      (await page.locator('[data-testid="status-bar"] span').nth(1).textContent()) ?? '';
    await openImport(table);
    await page.waitForSelector('[data-testid="import-preview"]');
    expect(await page.locator('[data-testid="import-encoding"] option:checked').textContent()).toContain(
      'GBK',
    );
    expect(await page.locator('[data-testid="import-encoding"] option[value="utf-16"]').count()).toBe(1);
    expect(await page.locator('[data-testid="import-preview"]').textContent()).toContain('光明路1号');
    const hint = page.locator('[data-testid="import-swap-hint"]');
    await hint.waitFor();
    expect(await hint.textContent()).toContain('经度列“经度”与纬度列“纬度”似乎选反了');
    await page.screenshot({ path: 'test-results/e2e-import-swap-hint.png' });

    await page.click('[data-testid="import-swap"]');
    await hint.waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="import-field-longitude"]').inputValue()).toBe('纬度');
    expect(await page.locator('[data-testid="import-field-latitude"]').inputValue()).toBe('经度');

    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="status-bar"] span')[1]?.textContent === '户数 5',
    );
    // Framed: the two points are 100 m apart in the demo township.
    await waitForViewAt(104.7605, 29.3655, 0.01, 14);
    await page.click('[data-testid="notice"] button');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      (text) => document.querySelectorAll('[data-testid="status-bar"] span')[1]?.textContent === text,
      householdsBefore,
    );
  });

  it('a GBK GeoJSON layer: the encoding read is said, with the choice and the names previewed', async () => {
    const grids = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { WGBM: '510302003001009', WGMC: '光明社区燊海井网格' },
          geometry: { type: 'Polygon', coordinates: square(104.75, 29.36, 0.004) },
        },
      ],
    });
    await openImport(file('gbk-grids.geojson', encodeText(grids, 'gbk').bytes));
    await page.waitForSelector('[data-testid="import-preview"]');
    expect(await page.locator('[data-testid="import-encoding"] option:checked').textContent()).toMatch(
      /GBK.*自动识别/,
    );
    expect(await page.locator('[data-testid="import-preview"]').textContent()).toContain(
      '光明社区燊海井网格',
    );
    // Read as UTF-8 by choice, it is refused rather than garbled; automatic reads it again.
    await page.selectOption('[data-testid="import-encoding"]', 'utf-8');
    const problems = page.locator('[data-testid="import-problems"]');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('不是有效的 UTF-8 文本');
    expect(await problems.textContent()).not.toContain('\uFFFD');
    await page.selectOption('[data-testid="import-encoding"]', '');
    await page.waitForSelector('[data-testid="import-preview"]');
    await page.click('[data-testid="import-close"]');
    expect(await statusGrids()).toBe('网格 38');
  });
});

describe('the import dialog never garbles or empties silently', () => {
  it('a shapefile read in the wrong encoding says its preview is garbled', async () => {
    const written = writeShapefile(
      {
        name: 'grids',
        shapeType: 'polygon',
        fields: [
          { name: 'WGBM', type: 'C' },
          { name: 'WGMC', type: 'C' },
        ],
        records: [
          {
            geometry: { type: 'Polygon', coordinates: square(104.75, 29.36, 0.004) },
            cells: ['510302003001009', '光明社区燊海井网格'],
          },
        ],
      },
      { encoding: 'gbk', crs: 'cgcs2000' },
    );
    await openImport(file('gbk-shapefile.zip', writeZip(written.files)));
    await page.waitForSelector('[data-testid="import-preview"]');
    expect(await page.locator('[data-testid="import-garbled"]').count()).toBe(0);
    await page.selectOption('[data-testid="import-encoding"]', 'utf-8');
    const garbled = page.locator('[data-testid="import-garbled"]');
    await garbled.waitFor();
    expect(await garbled.textContent()).toContain('按 UTF-8 读取时属性中有无法识别的字节');
    await page.selectOption('[data-testid="import-encoding"]', '');
    await garbled.waitFor({ state: 'detached' });
    await page.click('[data-testid="import-close"]');
  });

  it('a census table with a header and no rows does not empty the census points', async () => {
    const households = async () =>
      (await page.locator('[data-testid="status-bar"] span').nth(1).textContent()) ?? '';
    const before = await households();
    await openImport(file('header-only.csv', '经度,纬度,户数\n'));
    await page.waitForSelector('[data-testid="import-preview"]');
    await page.click('[data-testid="import-confirm"]');
    const refused = page.locator('[data-testid="notice"]', { hasText: '因此未导入' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('会清空项目中已有的');
    // The refusal is above the dialog's backdrop, not dimmed behind it: the planner reads it and closes
    // it while the dialog stays open for another file.
    expect(await page.locator('[data-testid="import-dialog"]').count()).toBe(1);
    expect(await onTop('[data-testid="notice"]')).toBe(true);
    await page.click('[data-testid="notice"] button', { timeout: 10_000 });
    await refused.waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="import-dialog"]').count()).toBe(1);
    await page.click('[data-testid="import-close"]');
    expect(await households()).toBe(before);
  });
});

describe('import frames the data; a failed import leaves nothing half-made', () => {
  it('grids imported far from the demo township: the map moves to them', async () => {
    const grids = JSON.stringify({
      type: 'FeatureCollection',
      features: [0, 1].map((i) => ({
        type: 'Feature',
        properties: { WGBM: `65010200100100${i + 1}`, WGMC: `乌鲁木齐网格${i + 1}` },
        geometry: { type: 'Polygon', coordinates: square(FAR.lon + i * 0.01, FAR.lat, 0.01) },
      })),
    });
    await openImport(file('far-grids.geojson', grids));
    await page.waitForSelector('[data-testid="import-preview"]');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="status-bar"] span')?.textContent === '网格 2',
    );
    await waitForViewAt(FAR.lon + 0.01, FAR.lat + 0.005, 0.02, 11);
    await page.click('[data-testid="notice"] button');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="status-bar"] span')?.textContent === '网格 38',
    );
  });

  it('a division whose write fails half-way makes no project; the same file then imports and is framed', async () => {
    const division = JSON.stringify({
      type: 'FeatureCollection',
      name: '乌鲁木齐示范街道',
      features: [
        {
          type: 'Feature',
          properties: { layer: 'community', code: '650102001001', name: '天山社区', kind: 'urban' },
          geometry: { type: 'Polygon', coordinates: square(FAR.lon, FAR.lat, 0.02) },
        },
        {
          type: 'Feature',
          properties: {
            layer: 'grid',
            code: '650102001001001',
            name: '天山社区第1网格',
            parentCode: '650102001001',
            gridType: 'urban',
          },
          geometry: { type: 'Polygon', coordinates: square(FAR.lon, FAR.lat, 0.02) },
        },
        ...[0, 1, 2].map((i) => ({
          type: 'Feature',
          properties: { layer: 'census', households: 10 },
          geometry: { type: 'Point', coordinates: [FAR.lon + 0.005 * (i + 1), FAR.lat + 0.01] },
        })),
      ],
    });
    const target = file('far-division.geojson', division);
    const projectsBefore = await projectCount();
    const projectName = (await page.locator('[data-testid="projects-button"]').textContent()) ?? '';
    const viewBefore = await view();

    // The disk fills up while the census chunks are written, after the project row went in.
    await page.evaluate(() => {
      const original = IDBObjectStore.prototype.add;
      const failing = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
        if (this.name === 'censusChunks') throw new DOMException('disk full (test)', 'QuotaExceededError');
        return original.apply(this, args);
      };
      (window as unknown as { restoreAdd: () => void }).restoreAdd = () => {
        IDBObjectStore.prototype.add = original;
      };
      IDBObjectStore.prototype.add = failing;
    });
    await openImport(target);
    await page.waitForSelector('[data-testid="import-division-summary"]');
    await page.click('[data-testid="import-confirm"]');
    const failed = page.locator('[data-testid="notice"]', { hasText: '保存失败' });
    await failed.waitFor({ timeout: 30_000 });
    await page.evaluate(() => (window as unknown as { restoreAdd: () => void }).restoreAdd());
    expect(await page.locator('[data-testid="notice"]', { hasText: '已导入' }).count()).toBe(0);
    await page.screenshot({ path: 'test-results/e2e-import-failed-write.png' });
    await page.click('[data-testid="notice"] button');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    expect(await projectCount()).toBe(projectsBefore);
    expect(await page.locator('[data-testid="projects-button"]').textContent()).toBe(projectName);
    expect(await statusGrids()).toBe('网格 38');
    expect((await view()).lon).toBeCloseTo(viewBefore.lon, 6);
    // And after a reload too: nothing half-made was stored.
    await page.reload();
    await waitForMapIdle(page);
    expect(await projectCount()).toBe(projectsBefore);

    await openImport(target);
    await page.waitForSelector('[data-testid="import-division-summary"]');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="status-bar"] span')?.textContent === '网格 1',
    );
    expect(await projectCount()).toBe(projectsBefore + 1);
    await waitForViewAt(FAR.lon + 0.01, FAR.lat + 0.01, 0.02, 11);
    expect(watched.errors.filter((e) => !e.includes('disk full (test)'))).toEqual([]);
  });
});
