import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createStaticServer, loadContentSecurityPolicy } from '../../scripts/start.mjs';
import { buildPmtiles, solidPng, tileAt } from '../renderer/map/tile-fixtures';
import { countColour, launchBrowser, mapPixels, openApp, waitForMapIdle, watchPage } from './browser';

// The demo township (resources/demo) with a margin: every tile the fitted view can ask for.
const DEMO_BOUNDS = [104.722, 29.341, 104.784, 29.389] as const;
const MARGIN = 0.08;
const XYZ_COLOUR = [0, 200, 220] as const;
const FOLDER_COLOUR = [230, 0, 230] as const;
const PMTILES_COLOUR = [250, 230, 0] as const;
const PAPER = [0xf3, 0xf1, 0xeb] as const; // the offline background (basemap-style.ts)
const GAODE =
  'https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}';

const baseUrl = inject('baseUrl');
let browser: Browser;
let work = '';
let tileServer: http.Server;
let tileOrigin = '';
const tileRequests: string[] = [];
let appServer: http.Server;
let relaxedUrl = '';

/** Every tile of zooms `from`–`to` over the demo township and its margin. */
function* demoTiles(from: number, to: number): Generator<{ z: number; x: number; y: number }> {
  for (let z = from; z <= to; z++) {
    const nw = tileAt(DEMO_BOUNDS[0] - MARGIN, DEMO_BOUNDS[3] + MARGIN, z);
    const se = tileAt(DEMO_BOUNDS[2] + MARGIN, DEMO_BOUNDS[1] - MARGIN, z);
    for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) yield { z, x, y };
  }
}

async function writeTileFolder(folder: string, colour: readonly [number, number, number]): Promise<number> {
  const png = solidPng(colour);
  let count = 0;
  for (const { z, x, y } of demoTiles(10, 15)) {
    await mkdir(path.join(folder, String(z), String(x)), { recursive: true });
    await writeFile(path.join(folder, String(z), String(x), `${y}.png`), png);
    count++;
  }
  return count;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Share of map pixels close to a colour. */
function share(png: PNG, rgb: readonly [number, number, number], tolerance = 12): number {
  return countColour(png, rgb, tolerance) / (png.data.length / 4);
}
const greenish = (png: PNG): number => {
  let hits = 0;
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i + 1]! > png.data[i]! + 25 && png.data[i + 1]! > png.data[i + 2]! + 10) hits++;
  return hits / (png.data.length / 4);
};

async function openDialog(page: Page): Promise<void> {
  await page.click('[data-testid="basemap-button"]');
  await page.waitForSelector('[data-testid="basemap-dialog"]');
}

async function chooseXyz(page: Page, template: string): Promise<void> {
  await page.click('[data-testid="basemap-kind-xyz"]');
  await page.fill('[data-testid="basemap-template"]', template);
}

async function saveDialog(page: Page): Promise<void> {
  await page.click('[data-testid="basemap-save"]');
  await page.waitForSelector('[data-testid="basemap-dialog"]', { state: 'detached' });
  await waitForMapIdle(page);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'gridplan-basemap-e2e-'));
  const xyzFolder = path.join(work, 'xyz');
  await writeTileFolder(xyzFolder, XYZ_COLOUR);
  await writeTileFolder(path.join(work, '本地影像'), FOLDER_COLOUR);
  // A PMTiles archive that stops at zoom 13: the map enlarges its tiles beyond.
  const yellow = solidPng(PMTILES_COLOUR);
  const archive = buildPmtiles(
    [...demoTiles(10, 13)].map((tile) => ({ ...tile, data: yellow })),
    {
      bounds: [
        DEMO_BOUNDS[0] - MARGIN,
        DEMO_BOUNDS[1] - MARGIN,
        DEMO_BOUNDS[2] + MARGIN,
        DEMO_BOUNDS[3] + MARGIN,
      ],
    },
  );
  await writeFile(path.join(work, 'town.pmtiles'), archive);

  // A tile server on loopback (tests never touch the internet): the PNGs of the folder, 404 otherwise.
  tileServer = http.createServer((request, response) => {
    tileRequests.push(request.url ?? '');
    const match = /^\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(request.url ?? '');
    const file = match ? path.join(xyzFolder, match[1]!, match[2]!, `${match[3]}.png`) : null;
    const send = (body: Buffer) =>
      response.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' }).end(body);
    if (!file) response.writeHead(404).end();
    else
      readFile(file).then(send, () => response.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end());
  });
  tileOrigin = `http://127.0.0.1:${await listen(tileServer)}`;

  // The app as `GRIDPLAN_TILE_ORIGINS=<tile server> npm start` serves it.
  appServer = createStaticServer('dist/renderer', await loadContentSecurityPolicy([tileOrigin]));
  relaxedUrl = `http://127.0.0.1:${await listen(appServer)}/`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (tileServer ? tileServer.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (appServer ? appServer.close(() => resolve()) : resolve()));
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the basemap with the default (strict) security policy', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    page = await context.newPage();
    await openApp(page, baseUrl);
  });
  afterAll(() => context?.close());

  it('is offline by default: nothing asked of any tile server', async () => {
    expect(await page.locator('[data-testid="map"]').getAttribute('data-basemap')).toBe('offline');
    expect(tileRequests).toEqual([]);
    expect(share(await mapPixels(page), PAPER, 3)).toBeGreaterThan(0.02);
  });

  it('warns in Chinese that Gaode tiles are offset (GCJ-02), and in English', async () => {
    await openDialog(page);
    expect(await page.locator('[data-testid="basemap-dialog"] h2').textContent()).toBe('底图');
    await chooseXyz(page, GAODE);
    const warning = page.locator('[data-testid="basemap-gcj02-warning"]');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/高德地图.*GCJ-02.*700 米/);
    await page.screenshot({ path: 'test-results/e2e-basemap-gcj02.png' });
    // The dialog is modal: close it, switch the language, open it again.
    await page.keyboard.press('Escape');
    await page.click('[data-testid="language-switch"]');
    await openDialog(page);
    await chooseXyz(page, GAODE);
    expect(await page.locator('[data-testid="basemap-gcj02-warning"]').textContent()).toMatch(
      /Gaode \(AMap\).*GCJ-02.*700 m/,
    );
    await page.keyboard.press('Escape');
    await page.click('[data-testid="language-switch"]');
  });

  it('shows where a template is wrong and does not save it', async () => {
    await openDialog(page);
    await chooseXyz(page, 'http://tiles.example.cn/{z}/{x}/{Y}.png');
    const problems = page.locator('[data-testid="basemap-problems"]');
    expect(await problems.textContent()).toContain('只能使用 https 地址');
    expect(await problems.textContent()).toContain('不认识的占位符 {Y}');
    expect(await problems.locator('mark').allTextContents()).toEqual(['http', '{Y}']);
    await page.click('[data-testid="basemap-save"]');
    expect(await page.locator('[data-testid="basemap-dialog"]').count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('blocks a tile server the policy does not name, and says how to allow it', async () => {
    await openDialog(page);
    await chooseXyz(page, `${tileOrigin}/{z}/{x}/{y}.png`);
    expect(await page.locator('[data-testid="basemap-template-ok"]').textContent()).toContain(
      `GRIDPLAN_TILE_ORIGINS=${tileOrigin}`,
    );
    await saveDialog(page);
    await page.waitForSelector('[data-testid="basemap-button"][data-basemap-problem="true"]');
    expect(tileRequests).toEqual([]);
    await openDialog(page);
    const reported = await page.locator('[data-testid="basemap-map-problems"]').textContent();
    expect(reported).toContain('安全策略（CSP）阻止了');
    expect(reported).toContain(`GRIDPLAN_TILE_ORIGINS=${tileOrigin}`);
    await page.keyboard.press('Escape');
    expect(share(await mapPixels(page), XYZ_COLOUR)).toBe(0);
  });
});

describe('the basemap with the tile server allowed', () => {
  let context: BrowserContext;
  let page: Page;
  let watched: ReturnType<typeof watchPage>;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    // No File System Access pickers: the browser-without-it path, file inputs, is what is tested.
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      for (const name of ['showDirectoryPicker', 'showOpenFilePicker']) {
        delete (Window.prototype as unknown as Record<string, unknown>)[name];
        delete w[name];
      }
    });
    page = await context.newPage();
    watched = watchPage(page);
    await openApp(page, relaxedUrl);
  });
  afterAll(() => context?.close());

  it('draws XYZ tiles from a loopback server under the division', async () => {
    expect(tileRequests).toEqual([]);
    const before = await mapPixels(page);
    const greenBefore = greenish(before);
    await openDialog(page);
    await chooseXyz(page, `${tileOrigin}/{z}/{x}/{y}.png`);
    await saveDialog(page);
    expect(await page.locator('[data-testid="map"]').getAttribute('data-basemap')).toBe('raster');
    await page.screenshot({ path: 'test-results/e2e-basemap-xyz.png' });
    const png = await mapPixels(page);
    // The tile colour fills the map outside the villages; no paper background is left.
    expect(share(png, XYZ_COLOUR)).toBeGreaterThan(0.03);
    expect(share(png, PAPER, 3)).toBeLessThan(0.001);
    // The division is still drawn on top: the grids' target colours are still there.
    expect(greenish(png)).toBeGreaterThan(greenBefore * 0.5);
    expect(tileRequests.length).toBeGreaterThan(0);
    expect(tileRequests.every((url) => /^\/\d+\/\d+\/\d+\.png$/.test(url))).toBe(true);
    expect(
      await page.locator('[data-testid="basemap-button"]').getAttribute('data-basemap-problem'),
    ).toBeNull();
    // Nothing outside the app, its blobs and the chosen tile server.
    const allowed = [new URL(relaxedUrl).origin, tileOrigin, 'blob:', 'data:'];
    expect(watched.requests.filter((url) => !allowed.some((a) => url.startsWith(a)))).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('remembers the setting with the project', async () => {
    await page.reload();
    await waitForMapIdle(page);
    await page.waitForSelector('[data-testid="map"][data-basemap="raster"]');
    await waitForMapIdle(page);
    expect(share(await mapPixels(page), XYZ_COLOUR)).toBeGreaterThan(0.03);
  });

  it('shows a local folder of tiles, and says the choice will not survive a reload', async () => {
    await openDialog(page);
    await page.click('[data-testid="basemap-kind-folder"]');
    expect(await page.locator('[data-testid="basemap-dialog"]').textContent()).toContain(
      '此浏览器无法保存对本地文件的访问',
    );
    await page.setInputFiles('[data-testid="basemap-folder-input"]', path.join(work, '本地影像'));
    const summary = await page.locator('[data-testid="basemap-local-summary"]').textContent();
    expect(summary).toMatch(/“本地影像”：\d+ 个瓦片，缩放级别 10–15，格式 png/);
    const requestsBefore = tileRequests.length;
    await saveDialog(page);
    await page.screenshot({ path: 'test-results/e2e-basemap-folder.png' });
    const png = await mapPixels(page);
    expect(share(png, FOLDER_COLOUR)).toBeGreaterThan(0.03);
    expect(share(png, XYZ_COLOUR)).toBe(0);
    expect(tileRequests.length).toBe(requestsBefore);
  });

  it('shows a local PMTiles file, enlarging its deepest tiles', async () => {
    await openDialog(page);
    await page.click('[data-testid="basemap-kind-pmtiles"]');
    await page.setInputFiles('[data-testid="basemap-file-input"]', path.join(work, 'town.pmtiles'));
    expect(await page.locator('[data-testid="basemap-local-summary"]').textContent()).toContain(
      '“town.pmtiles”：缩放级别 10–13，格式 png',
    );
    await saveDialog(page);
    await page.screenshot({ path: 'test-results/e2e-basemap-pmtiles.png' });
    expect(share(await mapPixels(page), PMTILES_COLOUR)).toBeGreaterThan(0.03);
  });

  it('asks for the local file again after a reload (the browser kept no access)', async () => {
    await page.reload();
    await waitForMapIdle(page);
    await page.waitForSelector('[data-testid="basemap-button"][data-basemap-problem="true"]');
    expect(await page.locator('[data-testid="map"]').getAttribute('data-basemap')).toBe('offline');
    await openDialog(page);
    expect(await page.locator('[data-testid="basemap-dialog"]').textContent()).toContain(
      '需要再次选择“town.pmtiles”',
    );
    await page.keyboard.press('Escape');
  });

  it('goes back to offline', async () => {
    await openDialog(page);
    await page.click('[data-testid="basemap-kind-offline"]');
    await saveDialog(page);
    expect(await page.locator('[data-testid="map"]').getAttribute('data-basemap')).toBe('offline');
    const png = await mapPixels(page);
    expect(share(png, PAPER, 3)).toBeGreaterThan(0.02);
    expect(share(png, PMTILES_COLOUR) + share(png, FOLDER_COLOUR) + share(png, XYZ_COLOUR)).toBe(0);
  });
});
