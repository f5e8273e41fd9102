import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { readDbf } from '../../shared/formats/dbf';
import { decodeText } from '../../shared/formats/text-encoding';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeShapefile } from '../../shared/formats/shapefile-write';
import type { ShapeRecord } from '../../shared/formats/shapefile-write';
import { writeZip } from '../../shared/formats/zip-archive';
import { startApp } from './app-steps';
import type { StartedApp } from './app-steps';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/import');

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watched: StartedApp['watched'];
const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-e2e-import-'));

// Three grids of the demo's 光明社区 (510302003001), so they appear under it in the project tree.
const names = ['光明社区燊海井网格', '光明社区彩灯公园网格', '蜀光中学专属网格'];
const square = (lon: number, lat: number, size: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

/** A GBK shapefile zip as ArcGIS on Chinese Windows writes it: .cpg "936", Chinese field values. */
function gbkZip(records: readonly ShapeRecord[], file: string): string {
  const written = writeShapefile(
    {
      name: 'grids',
      shapeType: 'polygon',
      fields: [
        { name: 'WGBM', type: 'C' },
        { name: 'WGMC', type: 'C' },
        { name: 'WGLX', type: 'C' },
        { name: 'CJDM', type: 'C' },
      ],
      records,
    },
    { encoding: 'gbk', crs: 'cgcs2000' },
  );
  const target = path.join(dir, file);
  writeFileSync(target, writeZip(written.files));
  return target;
}

const small = gbkZip(
  names.map((name, i) => ({
    geometry: square(104.75 + i * 0.004, 29.36, 0.004),
    cells: [`51030200300100${i + 1}`, name, i === 2 ? '专属' : '城市社区', '510302003001'],
  })),
  'gbk-grids.zip',
);

beforeAll(async () => {
  ({ browser, page, watched } = await startApp(baseUrl, { acceptDownloads: true }));
});

afterAll(async () => {
  await browser?.close();
});

async function statusGrids(): Promise<string> {
  return (await page.locator('[data-testid="status-bar"] span').first().textContent()) ?? '';
}

describe('importing data through the dialog', () => {
  it('imports a GBK shapefile zip: decoded preview, proposed fields, Chinese names and counts, undoable', async () => {
    const before = await statusGrids();
    expect(before).toBe('网格 38');
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', small);
    await page.waitForSelector('[data-testid="import-preview"]');
    const preview = (await page.locator('[data-testid="import-preview"]').textContent()) ?? '';
    for (const name of names) expect(preview).toContain(name);
    expect(await page.locator('[data-testid="import-encoding"] option:checked').textContent()).toContain(
      'GBK',
    );
    expect(await page.locator('[data-testid="import-layer"]').inputValue()).toBe('grid');
    expect(await page.locator('[data-testid="import-field-code"]').inputValue()).toBe('WGBM');
    expect(await page.locator('[data-testid="import-field-name"]').inputValue()).toBe('WGMC');
    await page.screenshot({ path: 'test-results/e2e-import-dialog.png' });

    // Reading it as UTF-8 garbles the preview; back to automatic fixes it.
    await page.selectOption('[data-testid="import-encoding"]', 'utf-8');
    await page.waitForFunction(
      () =>
        !document
          .querySelector('[data-testid="import-preview"]')
          ?.textContent?.includes('光明社区燊海井网格'),
    );
    await page.selectOption('[data-testid="import-encoding"]', '');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="import-preview"]')?.textContent?.includes('光明社区燊海井网格'),
    );

    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    expect(await page.locator('[data-testid="notice"]').textContent()).toContain('已导入 3 个网格');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="status-bar"] span')?.textContent === '网格 3',
    );
    const tree = (await page.locator('.left-panel').textContent()) ?? '';
    for (const name of names) expect(tree).toContain(name);
    await page.click('[data-testid="notice"] button');

    // One undo brings the demo's grids back.
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="status-bar"] span')?.textContent === '网格 38',
    );
    // The mapping is remembered for this project: the dialog proposes grids again.
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', small);
    await page.waitForSelector('[data-testid="import-preview"]');
    expect(await page.locator('[data-testid="import-layer"]').inputValue()).toBe('grid');
    await page.click('[data-testid="import-close"]');
    expect(watched.errors).toEqual([]);
  });

  it('asks for the zone of projected data without a .prj, proposing it from the eastings', async () => {
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', path.join(FIXTURES, 'grids-zone35-no-prj.zip'));
    await page.waitForSelector('[data-testid="import-zone-message"]');
    expect(await page.locator('[data-testid="import-zone-message"]').textContent()).toContain('没有 .prj');
    expect(await page.locator('[data-testid="import-zone"]').inputValue()).toBe('4523');
    await page.click('[data-testid="import-close"]');
    expect(await statusGrids()).toBe('网格 38');
  });

  it('lists census rows with errors by line; importing none changes nothing, the good rows are one undo', async () => {
    const table = path.join(dir, 'census.csv');
    writeFileSync(
      table,
      '经度,纬度,户数,人口,地址\n104.76,29.365,3,8,光明路1号\n104.761,29.365,三户,5,光明路2号\n104.762,29.365,2,4,光明路3号\n',
    );
    const households = async () =>
      (await page.locator('[data-testid="status-bar"] span').nth(1).textContent()) ?? '';
    const before = await households();
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', table);
    await page.waitForSelector('[data-testid="import-preview"]');
    expect(await page.locator('[data-testid="import-layer"]').inputValue()).toBe('census');
    expect(await page.locator('[data-testid="import-field-longitude"]').inputValue()).toBe('经度');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-row-errors"]');
    expect(await page.locator('[data-testid="import-row-errors"]').textContent()).toContain(
      '第 3 行：户数“三户”不是不小于 0 的数字',
    );
    await page.click('[data-testid="import-none"]');
    await page.click('[data-testid="import-close"]');
    expect(await households()).toBe(before);

    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', table);
    await page.waitForSelector('[data-testid="import-preview"]');
    await page.click('[data-testid="import-confirm"]');
    await page.click('[data-testid="import-good-rows"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="status-bar"] span')[1]?.textContent === '户数 5',
    );
    await page.click('[data-testid="notice"] button');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      (text) => document.querySelectorAll('[data-testid="status-bar"] span')[1]?.textContent === text,
      before,
    );
  });

  it('asks the zone of a census table in metres and reads it in the zone chosen', async () => {
    // ogr2ogr -t_srs EPSG:4523 of (104.771, 29.351) and (104.781, 29.353).
    const table = path.join(dir, 'census-gk.csv');
    writeFileSync(
      table,
      'X,Y,户数\n35477762.2597044,3248195.47883098,3\n35478733.7579423,3248415.30197896,2\n',
    );
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', table);
    await page.waitForSelector('[data-testid="import-zone-message"]');
    expect(await page.locator('[data-testid="import-zone-message"]').textContent()).toContain('投影坐标');
    // The zone the eastings' prefix points to is proposed, as for a shapefile without a .prj.
    expect(await page.locator('[data-testid="import-zone"]').inputValue()).toBe('4523');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="status-bar"] span')[1]?.textContent === '户数 5',
    );
    await page.click('[data-testid="notice"] button');
    await page.keyboard.press('Control+z');
  });

  it('refuses a broken zip with the reason and changes nothing', async () => {
    const broken = path.join(dir, 'broken.zip');
    writeFileSync(broken, Buffer.from('PK\u0003\u0004 this is not really a zip at all, it is cut short'));
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', broken);
    await page.waitForSelector('[data-testid="import-problems"]');
    expect(await page.locator('[data-testid="import-problems"]').textContent()).toContain('无法解压');
    expect(await page.locator('[data-testid="import-confirm"]').isDisabled()).toBe(true);
    await page.click('[data-testid="import-close"]');
    expect(await statusGrids()).toBe('网格 38');
  });

  it('a long import shows progress and can be cancelled, leaving the project as it was', async () => {
    // About 60 MB of polygons: parsing takes well over a second in the worker.
    const records: ShapeRecord[] = [];
    for (let i = 0; i < 40_000; i++) {
      const ring: number[][] = [];
      for (let k = 0; k < 90; k++) {
        const a = (2 * Math.PI * k) / 90;
        ring.push([
          104.7 + (i % 200) * 0.001 + 0.0004 * Math.cos(a),
          29.3 + Math.floor(i / 200) * 0.001 + 0.0004 * Math.sin(a),
        ]);
      }
      ring.push(ring[0]!);
      records.push({
        geometry: { type: 'Polygon', coordinates: [ring] },
        cells: [`5103020030019${String(i).padStart(5, '0')}`, `网格${i}`, '城市社区', '510302003001'],
      });
    }
    const large = gbkZip(records, 'large.zip');
    const undoBefore = await page.locator('button', { hasText: '撤销' }).first().isDisabled();
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', large);
    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 60_000 });
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-cancel"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="import-progress"] progress').count()).toBe(1);
    await page.click('[data-testid="import-cancel"]');
    await page.waitForSelector('[data-testid="import-progress"]', { state: 'detached' });
    // The dialog is still there for another try; nothing was written.
    expect(await page.locator('[data-testid="import-dialog"]').count()).toBe(1);
    await page.click('[data-testid="import-close"]');
    expect(await statusGrids()).toBe('网格 38');
    expect(await page.locator('button', { hasText: '撤销' }).first().isDisabled()).toBe(undoBefore);
    expect(await page.locator('[data-testid="notice"]').count()).toBe(0);
    expect(watched.errors).toEqual([]);
  });

  it('exports the grid layer as a GBK shapefile zip with domain.md field names', async () => {
    await page.click('[data-testid="export-data-button"]');
    await page.click('[data-testid="export-format-shapefile"]');
    await page.selectOption('[data-testid="export-layer"]', 'grid');
    await page.selectOption('[data-testid="export-encoding"]', 'gbk');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-confirm"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/grids\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(decodeText(files['grids.cpg']!, 'utf-8')).toBe('936');
    const dbf = readDbf(files['grids.dbf']!, 'gbk');
    if (!dbf.ok) throw new Error('unreadable DBF');
    expect(dbf.value.recordCount).toBe(38);
    expect(dbf.value.fields.map((f) => f.name).slice(0, 3)).toEqual(['WGBM', 'WGMC', 'WGLX']);
    expect(dbf.value.record(0)).toMatchObject({ WGMC: '光明社区第1网格', CJMC: '光明社区' });
    expect(Number(dbf.value.record(0).HS)).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="notice"]').textContent()).toContain('已导出');
    await page.click('[data-testid="notice"] button');
  });
});
