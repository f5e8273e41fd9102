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
import { CityConnectionStore } from '../../electron/city-connection-store';
import { fileToCity, pullFromCity } from '../../electron/city-office';
import type { CityOffice } from '../../electron/city-office';
import { readFilingPackage } from '../../shared/formats/filing-package';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import { IPC_REQUEST_VALIDATORS } from '../../shared/ipc';
import type { IpcOperation } from '../../shared/ipc';
import type { Division, Result } from '../../shared/model';
import type { PgCluster } from '../city/pg-cluster';
import { startPgCluster } from '../city/pg-cluster';
import { nodeHost } from '../shared/cli/node-host';
import {
  countColour,
  launchBrowser,
  mapPixels,
  openApp,
  waitForCounts,
  waitForMapIdle,
  watchPage,
} from './browser';

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
// The grid of the pulled township the office remarks on (its first grid).
const commentedGrid = [...townshipDivision({ ...SHAPE, index: 1 }).grid.values()][0]!.code;
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
  // The office's remarks on the middle township's filing: one on the filing, one on a grid of it.
  await city(
    'comment',
    '--township',
    townshipCode(1),
    '--note',
    '东侧边界已与相邻乡镇核对',
    '--author',
    '王审核',
  );
  await city(
    'comment',
    '--township',
    townshipCode(1),
    '--grid',
    commentedGrid,
    '--note',
    '此网格户数偏多，下次拆分',
    '--author',
    '李审核',
  );
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

  it('lists the city office’s comments under 审核 → 市级库, kept over a reload; a grid comment zooms to it', async () => {
    await page.reload();
    await waitForMapIdle(page);
    await page.locator('.tabs [role="tab"]', { hasText: '审核' }).click();
    const list = page.locator('[data-testid="city-comments"]');
    await list.waitFor();
    expect(await list.locator('h4').textContent()).toBe('市级意见');
    expect(await list.locator('li').count()).toBe(2);
    const onFiling = (await page.locator('[data-testid="city-comment-0"]').textContent()) ?? '';
    expect(onFiling).toContain('王审核');
    expect(onFiling).toContain('针对整个备案');
    expect(onFiling).toContain('东侧边界已与相邻乡镇核对');
    expect(onFiling).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/);
    const onGrid = (await page.locator('[data-testid="city-comment-1"]').textContent()) ?? '';
    expect(onGrid).toContain('李审核');
    expect(onGrid).toContain('此网格户数偏多，下次拆分');
    const gridButton = page.locator('[data-testid="city-comment-grid-1"]');
    expect(await gridButton.textContent()).toBe(`网格 ${commentedGrid}`);
    const viewBefore = await page.locator('[data-testid="map"]').getAttribute('data-view');
    await gridButton.click();
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="map"]')?.getAttribute('data-view') !== before,
      viewBefore,
    );
    await waitForMapIdle(page);
    await page.screenshot({ path: 'test-results/e2e-city-comments.png' });
    await page.locator('[data-testid="language-switch"]').click();
    expect(await list.locator('h4').textContent()).toBe('City office comments');
    expect(await page.locator('[data-testid="city-comment-0"]').textContent()).toContain(
      'on the whole filing',
    );
    expect(await gridButton.textContent()).toBe(`grid ${commentedGrid}`);
    await page.locator('[data-testid="language-switch"]').click();
    expect(watched.errors).toEqual([]);
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

/**
 * The desktop app's renderer in Chromium, its bridge carried by Playwright instead of Electron's IPC: each
 * call is checked with the contract's validator and answered by the main process's own city functions
 * (electron/city-office.ts, city-connection-store.ts) against the cluster. The other bridge members
 * answer as a desktop whose dialogs were cancelled.
 */
describe('the city office in the desktop app (IPC carried by Playwright)', () => {
  let desktop: Page;
  const stored = new Map<string, string>();
  const office: CityOffice = {
    store: new CityConnectionStore(
      {
        isEncryptionAvailable: () => true,
        encryptString: (plain) => Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a) as Buffer,
        decryptString: (encrypted) => Buffer.from(encrypted.map((byte) => byte ^ 0x5a)).toString('utf8'),
      },
      {
        read: () => stored.get('file'),
        write: (contents) => void stored.set('file', contents),
        remove: () => void stored.delete('file'),
      },
    ),
    open: (url) => openCityDatabase(url, 1),
  };
  const answers: string[] = [];

  async function mainProcess(operation: IpcOperation, payload: unknown): Promise<Result<unknown>> {
    const checked = IPC_REQUEST_VALIDATORS[operation](payload);
    if (!checked.valid) throw new Error(checked.reason);
    const value = checked.value as never;
    switch (operation) {
      case 'cityDatabaseStatus':
        return { ok: true, value: office.store.status() };
      case 'setCityDatabase':
        return office.store.set(value);
      case 'fileToCity':
        return fileToCity(office, value);
      case 'pullFromCity':
        return pullFromCity(office, value);
      default:
        throw new Error(`not carried: ${operation}`);
    }
  }

  beforeAll(async () => {
    // The demo township's grids, filed first by another township code: the demo's filing must overlap.
    const demo = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
    if (!demo.ok) throw new Error('demo does not parse');
    const township = [...demo.value.township.values()][0]!;
    const copy: Division = {
      ...demo.value,
      township: new Map([[township.id, { ...township, code: '510302099000', name: '邻镇' }]]),
    };
    const file = path.join(dir, 'copy.zip');
    writeFileSync(file, (await packageOf(copy)).bytes);
    await city('file', file, '--author', 'e2e');

    const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    await context.exposeFunction('gridplanMain', async (operation: IpcOperation, json: string) => {
      const payload = JSON.parse(json, (_key, v: unknown) =>
        typeof v === 'object' && v !== null && 'base64' in v
          ? new Uint8Array(Buffer.from(String((v as { base64: string }).base64), 'base64'))
          : v,
      ) as unknown;
      const answer = JSON.stringify(await mainProcess(operation, payload));
      answers.push(answer);
      return answer;
    });
    await context.addInitScript(() => {
      // Looked up at each call: the binding is installed beside this script, not necessarily before it.
      const main = (op: string, json: string): Promise<string> =>
        (window as unknown as { gridplanMain: (o: string, j: string) => Promise<string> }).gridplanMain(
          op,
          json,
        );
      const call = async (op: string, payload?: unknown): Promise<unknown> => {
        const json = JSON.stringify(payload ?? null, (_key, v: unknown) => {
          if (!(v instanceof Uint8Array)) return v;
          let binary = '';
          for (let i = 0; i < v.length; i += 0x8000)
            binary += String.fromCharCode(...v.subarray(i, i + 0x8000));
          return { base64: btoa(binary) };
        });
        return JSON.parse(await main(op, payload === undefined ? 'null' : json)) as unknown;
      };
      const none = () => Promise.resolve({ ok: true, value: null });
      (window as unknown as { gridplan: unknown }).gridplan = {
        openProjectFile: none,
        saveProjectFile: none,
        getAppInfo: () => Promise.resolve({ ok: true, value: { version: 'e2e', platform: 'linux' } }),
        setMenuLanguage: none,
        allowTileOrigin: none,
        onMenuCommand: () => () => undefined,
        cityDatabaseStatus: () => call('cityDatabaseStatus'),
        setCityDatabase: (request: unknown) => call('setCityDatabase', request),
        fileToCity: (request: unknown) => call('fileToCity', request),
        pullFromCity: (township: unknown) => call('pullFromCity', township),
      };
    });
    desktop = await context.newPage();
    await openApp(desktop, baseUrl);
  }, 180_000);

  it('configures the city database without the password ever reaching the page again', async () => {
    await desktop.locator('.tabs [role="tab"]', { hasText: '审核' }).click();
    expect(await desktop.locator('[data-testid="city-status"]').textContent()).toContain('尚未设置市级库');
    await desktop.fill('[data-testid="city-url"]', cluster.url.replace(`:${cluster.password}@`, '@'));
    await desktop.fill('[data-testid="city-password"]', cluster.password);
    await desktop.click('[data-testid="city-save"]');
    await desktop.waitForFunction(() =>
      document.querySelector('[data-testid="city-status"]')?.textContent?.includes(':***@'),
    );
    expect(await desktop.locator('[data-testid="city-password"]').inputValue()).toBe('');
    expect(await desktop.content()).not.toContain(cluster.password);
  });

  it('files a version and shows the refusal with every overlapping grid, each a click from the map', async () => {
    await desktop.fill('[data-testid="review-author"]', '新街街道规划员');
    await desktop.click('[data-testid="review-submit"]');
    await dismissNoticeOn(desktop);
    await desktop.click('[data-testid="city-file-1"]');
    const answer = desktop.locator('[data-testid="city-answer"]');
    await answer.waitFor({ timeout: 90_000 });
    expect(await answer.textContent()).toContain('拒绝备案');
    expect(await answer.textContent()).toContain('乡镇 510302099000');
    const rows = desktop.locator('[data-testid="city-overlaps"] li');
    expect(await rows.count()).toBeGreaterThan(10);
    const viewBefore = await desktop.locator('[data-testid="map"]').getAttribute('data-view');
    await rows.first().locator('button').first().click();
    await desktop.waitForFunction(
      (before) => document.querySelector('[data-testid="map"]')?.getAttribute('data-view') !== before,
      viewBefore,
    );
    await waitForMapIdle(desktop);
    await desktop.screenshot({ path: 'test-results/e2e-city-desktop-refused.png' });
    for (const answerText of answers) expect(answerText).not.toContain(cluster.password);
  });

  it('pulls a township from the city database as a reference layer', async () => {
    await desktop.fill('[data-testid="city-township"]', townshipCode(1));
    await desktop.click('[data-testid="city-pull"]');
    expect(await dismissNoticeOn(desktop)).toContain('相邻乡镇网格（来自市级库）');
    await desktop.waitForSelector(`[data-testid="map"][data-features-gp-references="${2 * SHAPE.gridsY}"]`);
    await desktop.waitForSelector('[data-testid="city-open-pulled"]');
    // The office's remarks came along; the grid is not in the demo project, so it is named, not a button.
    expect(await desktop.locator('[data-testid="city-comments"] li').count()).toBe(2);
    const onGrid = (await desktop.locator('[data-testid="city-comment-1"]').textContent()) ?? '';
    expect(onGrid).toContain(`网格 ${commentedGrid}`);
    expect(onGrid).toContain('本项目中没有此网格');
    expect(await desktop.locator('[data-testid="city-comment-grid-1"]').count()).toBe(0);
  });

  it('opens the pulled version as a project, edits it and files it as the next version', async () => {
    // The office's advice on a stale base is to pull, change and file again: this is that, in the app.
    await desktop.click('[data-testid="city-open-pulled"]');
    await desktop.waitForSelector(`[data-grid-code="${commentedGrid}"]`, { timeout: 60_000 });
    await waitForCounts(desktop);
    await desktop.locator(`[data-grid-code="${commentedGrid}"]`).click();
    await desktop.fill('[data-testid="attr-name"]', '拉取后改名的网格');
    await desktop.click('[data-testid="attr-save"]');
    await desktop.waitForFunction(() => document.querySelector('.status-activity')?.textContent === '已保存');
    await desktop.locator('.tabs [role="tab"]', { hasText: '审核' }).click();
    await desktop.fill('[data-testid="review-author"]', '镇规划员');
    await desktop.click('[data-testid="review-submit"]');
    await dismissNoticeOn(desktop);
    await desktop.click('[data-testid="city-file-1"]');
    const answer = desktop.locator('[data-testid="city-answer"]');
    await answer.waitFor({ timeout: 90_000 });
    // The project's first version, filed after the office's version 1 as version 2.
    expect(await answer.textContent()).toContain(`已备案：乡镇 ${townshipCode(1)} 第 2 版`);
  });
});

async function dismissNoticeOn(target: Page): Promise<string> {
  const notice = target.locator('[data-testid="notice"]');
  await notice.waitFor({ timeout: 90_000 });
  const content = (await notice.textContent()) ?? '';
  await notice.locator('button').click();
  return content;
}
