import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeText } from '../../shared/formats/text-encoding';
import { startApp } from './app-steps';
import type { StartedApp } from './app-steps';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/import');
const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watched: StartedApp['watched'];
const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-e2e-export-'));

beforeAll(async () => {
  ({ browser, page, watched } = await startApp(baseUrl, { acceptDownloads: true }));
});

afterAll(async () => {
  await browser?.close();
});

/** Imports files through 导入… with the proposed layer and fields, and waits until it is written. */
async function importFile(file: string): Promise<void> {
  await page.click('[data-testid="import-data-button"]');
  await page.setInputFiles('[data-testid="import-files"]', file);
  await page.waitForSelector('[data-testid="import-preview"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
  await page.click('[data-testid="notice"] button');
}

/** Presses 导出 in the open export dialog and reads the file the browser downloads. */
async function exportDownload(): Promise<{ name: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-confirm"]'),
  ]);
  const bytes = new Uint8Array(readFileSync(await download.path()));
  await page.click('[data-testid="notice"] button');
  return { name: download.suggestedFilename(), bytes };
}

const crsOptions = () =>
  page
    .locator('[data-testid="export-crs"] option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));

describe('the export dialog’s choices', () => {
  it('offers no source zone for the demo, which came in longitude/latitude', async () => {
    await page.click('[data-testid="export-data-button"]');
    await page.click('[data-testid="export-format-shapefile"]');
    expect(await crsOptions()).toEqual(['cgcs2000', 'wgs84']);
    await page.click('[data-testid="export-format-geojson"]');
    // Census points and personal fields: unchecked, and personal fields cannot be chosen without points.
    expect(await page.locator('[data-testid="export-with-census"]').isChecked()).toBe(false);
    expect(await page.locator('[data-testid="export-with-personal"]').isChecked()).toBe(false);
    expect(await page.locator('[data-testid="export-with-personal"]').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });
  });

  it('after a GK zone-35 shapefile import, offers the source zone and writes the shapefile in it', async () => {
    await importFile(path.join(FIXTURES, 'grids-gbk-zone35.zip'));
    await page.click('[data-testid="export-data-button"]');
    await page.click('[data-testid="export-format-shapefile"]');
    await page.waitForSelector('[data-testid="export-crs-source"]', { state: 'attached' });
    expect(await crsOptions()).toEqual(['cgcs2000', 'wgs84', 'source']);
    // CGCS2000 stays the default; the source zone is named in full.
    expect(await page.locator('[data-testid="export-crs"]').inputValue()).toBe('cgcs2000');
    expect(await page.locator('[data-testid="export-crs-source"]').textContent()).toContain('第 35 带');
    expect(await page.locator('[data-testid="export-crs-source"]').textContent()).toContain('EPSG:4523');
    await page.selectOption('[data-testid="export-crs"]', 'source');
    await page.screenshot({ path: 'test-results/e2e-export-source-zone.png' });
    const { name, bytes } = await exportDownload();
    expect(name).toMatch(/grids\.zip$/);
    const files = unzipSync(bytes);
    expect(decodeText(files['grids.prj']!, 'utf-8')).toContain('PROJCS["CGCS2000_3_Degree_GK_Zone_35"');
    // The .shp's box is in zone-35 metres, prefix included.
    const box = new DataView(files['grids.shp']!.buffer, files['grids.shp']!.byteOffset);
    expect(box.getFloat64(36, true)).toBeGreaterThan(35_000_000);
    expect(box.getFloat64(44, true)).toBeGreaterThan(3_000_000);
  });

  it('writes census points and residents’ personal fields into GeoJSON only when each is checked', async () => {
    const table = path.join(dir, 'people.csv');
    writeFileSync(
      table,
      '经度,纬度,户数,人口,地址,户主姓名,联系电话\n104.76,29.365,3,8,光明路1号,张三丰,13800001111\n',
    );
    await importFile(table);
    const geojson = async (census: boolean, personal: boolean) => {
      await page.click('[data-testid="export-data-button"]');
      await page.click('[data-testid="export-format-geojson"]');
      expect(await page.locator('[data-testid="export-with-census"]').isChecked()).toBe(false);
      expect(await page.locator('[data-testid="export-with-personal"]').isChecked()).toBe(false);
      if (census) await page.check('[data-testid="export-with-census"]');
      if (personal) {
        await page.check('[data-testid="export-with-personal"]');
        expect(await page.locator('.transfer-export .transfer-warning').textContent()).toContain('法规');
        await page.screenshot({ path: 'test-results/e2e-export-personal.png' });
      }
      return decodeText((await exportDownload()).bytes, 'utf-8');
    };
    const plain = await geojson(false, false);
    expect(plain).not.toContain('"layer":"census"');
    expect(plain).toContain('"computedHouseholds"');
    expect(plain).not.toContain('张三丰');
    const withCensus = await geojson(true, false);
    expect(withCensus).toContain('"layer":"census"');
    expect(withCensus).not.toContain('张三丰');
    expect(withCensus).not.toContain('13800001111');
    const withPersonal = await geojson(true, true);
    expect(withPersonal).toContain('张三丰');
    expect(withPersonal).toContain('13800001111');
    expect(watched.errors).toEqual([]);
  });
});
