import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TownshipShape } from '../../bench/city-townships';
import { packageOf, townshipCode, townshipDivision } from '../../bench/city-townships';
import { openCityDatabase } from '../../scripts/city-pg-database';
import { runCli } from '../../shared/cli/run-cli';
import type { CliHost } from '../../shared/cli/run-cli';
import { readFilingPackage } from '../../shared/formats/filing-package';
import type { PgCluster } from '../city/pg-cluster';
import { startPgCluster } from '../city/pg-cluster';
import { nodeHost } from '../shared/cli/node-host';
import { countColour, launchBrowser, mapPixels, openApp, waitForMapIdle, watchPage } from './browser';

// The city office in the browser app: a file written by the real `gridplan city pull` (against a throwaway
// PostGIS cluster) is recognised on import, its neighbours' border grids become a reference layer, and
// the filed division opens as a project with them; 报送市级库 in the browser says honestly that it
// cannot connect and saves the package for `gridplan city file`.

const baseUrl = inject('baseUrl');
const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-e2e-city-'));
const SHAPE: Omit<TownshipShape, 'index'> = {
  communities: 2,
  gridsX: 2,
  gridsY: 3,
  width: 0.02,
  height: 0.02,
};
const NEIGHBOUR_COLOUR = [217, 95, 2] as const;
let cluster: PgCluster;
let pullFile = '';
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;

const host: CliHost = { ...nodeHost, openCityDatabase: (url) => openCityDatabase(url, 1) };

async function city(...args: string[]): Promise<string> {
  const result = await runCli(['city', ...args, '--db', cluster.url, '--lang', 'en'], host);
  if (result.exitCode !== 0) throw new Error(`city ${args[0]}: ${result.stderr}`);
  return result.stdout;
}

async function dismissNotice(): Promise<string> {
  const notice = page.locator('[data-testid="notice"]');
  await notice.waitFor();
  const content = (await notice.textContent()) ?? '';
  await notice.locator('button').click();
  return content;
}

async function importPullFile(): Promise<void> {
  await page.click('[data-testid="import-data-button"]');
  await page.setInputFiles('[data-testid="import-files"]', pullFile);
  await page.waitForSelector('[data-testid="import-city-pull"]');
}

beforeAll(async () => {
  cluster = await startPgCluster();
  await city('init');
  // Three townships in a row; the middle one pulls its filed version with both neighbours' border grids.
  for (const index of [0, 1, 2]) {
    const file = path.join(dir, `t${index}.zip`);
    writeFileSync(file, (await packageOf(townshipDivision({ ...SHAPE, index }))).bytes);
    await city('file', file, '--author', 'e2e');
  }
  pullFile = path.join(dir, '市级库下发.geojson');
  expect(await city('pull', '--township', townshipCode(1), '--out', pullFile)).toContain(
    `and ${2 * SHAPE.gridsY} neighbours' border grids`,
  );
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
  page = await context.newPage();
  watched = watchPage(page);
  await openApp(page, baseUrl);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the city office in the browser app', () => {
  it('recognises a city pull file and imports the neighbours’ grids as a reference layer', async () => {
    await importPullFile();
    expect(await page.locator('[data-testid="import-city-pull"]').textContent()).toContain(
      `含相邻乡镇的边界网格 ${2 * SHAPE.gridsY} 个`,
    );
    await page.click('[data-testid="import-city-neighbours"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    expect(await dismissNotice()).toContain('相邻乡镇网格（来自市级库）');
    await page.waitForSelector(`[data-testid="map"][data-features-gp-references="${2 * SHAPE.gridsY}"]`);
    await page.locator('[role="tab"]', { hasText: '参考图层' }).click();
    const row = page.locator('[data-testid="reference-row-0"]');
    expect(await row.textContent()).toContain('相邻乡镇网格（来自市级库）');
    expect(await row.textContent()).toContain('相邻网格');
  });

  it('opens the filed division as a project, drawn with its neighbours under it', async () => {
    await importPullFile();
    expect(await page.locator('[data-testid="import-division-summary"]').textContent()).toContain(
      String(SHAPE.communities * SHAPE.gridsX * SHAPE.gridsY),
    );
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    await dismissNotice();
    await page.waitForSelector(`[data-testid="map"][data-features-gp-references="${2 * SHAPE.gridsY}"]`);
    await waitForMapIdle(page);
    await page.locator('[role="tab"]', { hasText: '参考图层' }).click();
    expect(await page.locator('[data-testid="reference-row-0"]').textContent()).toContain(
      '相邻乡镇网格（来自市级库）',
    );
    // The township fills the view; its neighbours' dashed orange outlines run along both sides.
    await page.screenshot({ path: 'test-results/e2e-city-pulled-project.png' });
    const shown = countColour(await mapPixels(page), NEIGHBOUR_COLOUR, 20);
    await page.click('[data-testid="reference-visible-0"]');
    await page.waitForSelector('[data-testid="map"][data-features-gp-references="0"]');
    await waitForMapIdle(page);
    const hidden = countColour(await mapPixels(page), NEIGHBOUR_COLOUR, 20);
    expect(shown).toBeGreaterThan(100);
    expect(hidden).toBeLessThan(shown / 5);
    await page.click('[data-testid="reference-visible-0"]');
  });

  it('says in the browser that 报送市级库 needs the desktop app or the CLI, and saves the package', async () => {
    await page.locator('.tabs [role="tab"]', { hasText: '审核' }).click();
    await page.fill('[data-testid="review-author"]', '第1镇规划员');
    await page.fill('[data-testid="review-submit-note"]', '报送市级库');
    await page.click('[data-testid="review-submit"]');
    expect(await dismissNotice()).toContain('已提交审核');
    await page.click('[data-testid="city-file-1"]');
    const answer = page.locator('[data-testid="city-answer"]');
    expect(await answer.textContent()).toContain('浏览器中的网格规划无法连接 PostgreSQL 数据库');
    expect(await answer.textContent()).toContain('gridplan city file');
    await page.screenshot({ path: 'test-results/e2e-city-browser-filing.png' });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      page.click('[data-testid="city-save-package"]'),
    ]);
    const target = path.join(dir, 'package.zip');
    await download.saveAs(target);
    const pkg = readFilingPackage(new Uint8Array(readFileSync(target)), 'package.zip');
    expect(pkg.ok).toBe(true);
    if (pkg.ok) expect(pkg.value.manifest.township.code).toBe(townshipCode(1));
    // In English too.
    await page.locator('[data-testid="language-switch"]').click();
    expect(await answer.textContent()).toContain('cannot connect to a PostgreSQL database');
    expect(watched.errors).toEqual([]);
  });
});
