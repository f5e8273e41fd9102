import { readFile } from 'node:fs/promises';
import type { Position } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import type { Division, Grid } from '../../shared/model';
import { interiorPoint } from '../../shared/geometry/interior-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { launchBrowser, openApp, waitForMapIdle } from './browser';
import { exportDivision, saved } from './app-steps';
import { clickAt, moveMapTo } from './map-geometry';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let demo: Division;

function gridNamed(name: string): Grid {
  const grid = [...demo.grid.values()].find((g) => g.name === name);
  if (!grid) throw new Error(`no grid ${name}`);
  return grid;
}

async function gridCount(): Promise<number> {
  const text = (await page.locator('[data-testid="status-bar"]').textContent()) ?? '';
  return Number(/网格 (\d+)/.exec(text)?.[1]);
}

/** Households of the grids in the tree, by code. */
async function treeHouseholds(): Promise<Map<string, number>> {
  const rows = page.locator('[data-grid-code]');
  const result = new Map<string, number>();
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const code = (await row.getAttribute('data-grid-code')) ?? '';
    const count = (await row.locator('[data-testid="grid-households"]').textContent()) ?? '';
    result.set(code, Number(count.split('/')[0]!.replace(/[^\d]/g, '')));
  }
  return result;
}

/**
 * Waits until the status bar counts `count` grids and the change is saved. An edit computed in the
 * sketch worker starts saving only when the worker has answered, so 已保存 of the edit before it is no
 * sign that it is done.
 */
async function gridCountBecomes(count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      new RegExp(`网格 ${n}(\\D|$)`).test(
        document.querySelector('[data-testid="status-bar"]')?.textContent ?? '',
      ),
    count,
    { timeout: 20_000 },
  );
  await saved(page);
  expect(await gridCount()).toBe(count);
}

/** Waits until the project tree shows `count` micro-grids and the change is saved. */
async function microgridCountBecomes(count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('.tree-microgrid').length === n, count, {
    timeout: 20_000,
  });
  await saved(page);
  expect(await page.locator('.tree-microgrid').count()).toBe(count);
}

/**
 * The kinds of edit command the window has posted to a worker since the page loaded (recorded by the
 * init script below): the command went to the sketch worker, it did not fall back to the main thread
 * for want of a worker or a command it could not send.
 */
async function postedEdits(): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { postedEdits?: string[] }).postedEdits ?? []);
}

/** How many 填补空白 gap lists the window has asked a worker for since the page loaded. */
async function postedGapLists(): Promise<number> {
  return page.evaluate(() => (window as unknown as { postedGapLists?: number }).postedGapLists ?? 0);
}

/** The gap panel's entries once the list of the document shown has arrived (from the worker). */
async function gapList() {
  await page.waitForSelector('[data-testid="gap-panel"][aria-busy="false"]', { timeout: 20_000 });
  return page.locator('[data-testid="gap-panel"] .gap-item');
}

async function exported(): Promise<{
  features: { properties: Record<string, unknown>; geometry: { coordinates: Position[][] } }[];
}> {
  return JSON.parse((await exportDivision(page)).text) as Awaited<ReturnType<typeof exported>>;
}

beforeAll(async () => {
  const parsed = parseDivisionGeoJson(await readFile('resources/demo/demo-township.geojson', 'utf8'));
  if (!parsed.ok) throw new Error('demo does not parse');
  demo = parsed.value;
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, acceptDownloads: true });
  await context.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    const posted: string[] = [];
    const seen = window as unknown as { postedEdits: string[]; postedGapLists: number };
    seen.postedEdits = posted;
    seen.postedGapLists = 0;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: [never]) {
      post.call(this, message, ...rest);
      const sent = message as { type?: string; command?: { kind?: string } } | null;
      if (sent?.type === 'edit' && sent.command?.kind) posted.push(sent.command.kind);
      if (sent?.type === 'gaps') seen.postedGapLists++;
    };
  });
  page = await context.newPage();
  await openApp(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

describe('the map editor with real mouse events', () => {
  const original = () => gridNamed('光明社区第2网格');

  it('splits a grid by a line: two valid parts whose households add up to the original', async () => {
    const [x0, y] = interiorPoint(preparePolygon(original().geometry));
    await moveMapTo(
      page,
      () => page.locator('.tree-grid', { hasText: '光明社区第2网格' }).first().click(),
      x0,
      y,
    );
    const before = await treeHouseholds();
    const ring = (original().geometry.coordinates[0] as Position[]).map((p) => p[0]!);
    const width = Math.max(...ring) - Math.min(...ring);
    await page.keyboard.press('s');
    await clickAt(page, Math.min(...ring) - width * 0.3, y);
    await clickAt(page, Math.max(...ring) + width * 0.3, y);
    await clickAt(page, Math.max(...ring) + width * 0.3, y);
    await gridCountBecomes(39);
    const after = await treeHouseholds();
    const newCodes = [...after.keys()].filter((code) => !before.has(code));
    expect(newCodes).toHaveLength(1);
    // The larger part keeps the code; both parts' households add up to the original's.
    expect(after.get(original().code)! + after.get(newCodes[0]!)!).toBe(before.get(original().code));
    expect(after.get(newCodes[0]!)).toBeGreaterThan(0);
    expect(await postedEdits()).toEqual(['split']);
    await page.screenshot({ path: 'test-results/e2e-split.png' });
  });

  it('merges the two parts back with the merge tool', async () => {
    const [x, y] = interiorPoint(preparePolygon(original().geometry));
    await page.keyboard.press('m');
    await clickAt(page, x, y, { dy: -25 });
    await clickAt(page, x, y, { dy: 25 });
    expect(await page.locator('[data-testid="tool-hint"]').textContent()).toContain('已选 2 个网格');
    await page.click('[data-testid="merge-now"]');
    await gridCountBecomes(38);
    expect(await postedEdits()).toEqual(['split', 'merge']);
  });

  it('undoes and redoes the merge with Ctrl+Z and Ctrl+Shift+Z', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await saved(page);
    expect(await gridCount()).toBe(39);
    await page.keyboard.press('Control+Shift+z');
    await saved(page);
    expect(await gridCount()).toBe(38);
  });

  it('draws a grid in the undivided community, snapped to its boundary: the vertex is identical', async () => {
    const community = [...demo.community.values()].find((c) => c.name === '新民社区')!;
    const boundary = community.geometry.coordinates[0] as Position[];
    const [ix, iy] = interiorPoint(preparePolygon(community.geometry));
    // Show the community: zoom to the grid list entry of a neighbour, then draw near a boundary vertex.
    const vertex = boundary.reduce((best, p) =>
      Math.hypot(p[0]! - ix, p[1]! - iy) < Math.hypot(best[0]! - ix, best[1]! - iy) ? p : best,
    );
    const toward = (t: number, side: number): [number, number] => [
      vertex[0]! + (ix - vertex[0]!) * t - (iy - vertex[1]!) * side,
      vertex[1]! + (iy - vertex[1]!) * t + (ix - vertex[0]!) * side,
    ];
    await page.keyboard.press('Escape');
    await moveMapTo(
      page,
      () => page.click(`[data-community-code="${community.code}"]`),
      vertex[0]!,
      vertex[1]!,
    );
    await page.keyboard.press('n');
    // The first click lands 4 pixels off the boundary vertex: snapping must put it exactly on it.
    await clickAt(page, vertex[0]!, vertex[1]!, { dx: 4, dy: -3 });
    const a = toward(0.8, 0.25);
    const b = toward(0.8, -0.25);
    await clickAt(page, a[0], a[1]);
    await clickAt(page, b[0], b[1]);
    await clickAt(page, vertex[0]!, vertex[1]!, { dx: 4, dy: -3 });
    await gridCountBecomes(39);
    expect(await postedEdits()).toEqual(['split', 'merge', 'draw-grid']);
    // The grid computed in the worker is one undoable change.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await gridCountBecomes(38);
    await page.keyboard.press('Control+Shift+z');
    await gridCountBecomes(39);
    const file = await exported();
    // The community had no grid: the one there now is the one drawn.
    const created = file.features.filter(
      (f) => f.properties.layer === 'grid' && f.properties.parentCode === community.code,
    );
    expect(created).toHaveLength(1);
    expect(created[0]!.properties.code).toBe(`${community.code}001`);
    expect(created[0]!.geometry.coordinates[0]).toContainEqual(vertex);
  });

  it('carves a school out of a grid with no overlap left', async () => {
    const grid = gridNamed('光明社区第5网格');
    await page.keyboard.press('Escape');
    const [x, y] = interiorPoint(preparePolygon(grid.geometry));
    await moveMapTo(
      page,
      () => page.locator('.tree-grid', { hasText: '光明社区第5网格' }).first().click(),
      x,
      y,
    );
    await page.keyboard.press('e');
    await clickAt(page, x, y, { dx: -20, dy: -20 });
    await clickAt(page, x, y, { dx: 20, dy: -20 });
    await clickAt(page, x, y, { dx: 20, dy: 20 });
    await clickAt(page, x, y, { dx: -20, dy: 20 });
    await clickAt(page, x, y, { dx: -20, dy: -20 });
    await gridCountBecomes(40);
    expect(await page.locator('.tree-grid', { hasText: '新专属网格' }).count()).toBe(1);
    expect(await postedEdits()).toEqual(['split', 'merge', 'draw-grid', 'carve']);
    await page.keyboard.press('Escape');
    await page.click('[data-testid="validate-all"]');
    await page.waitForSelector('[data-testid="rule-table"]');
    expect(await page.locator('[data-testid="rule-table"]').textContent()).toMatch(/重叠✓ 通过/);
    await page.screenshot({ path: 'test-results/e2e-carve.png' });
  });

  it('names the carved grid a hospital and adds its grid leader in the attribute panel', async () => {
    await page.locator('.tree-grid', { hasText: '新专属网格' }).first().click();
    await page.selectOption('[data-testid="attr-category"]', 'hospital');
    await page.fill('[data-testid="attr-name"]', '第四人民医院专属网格');
    await page.click('.staff-editor .link');
    await page.locator('.staff-row input').nth(0).fill('王医生');
    await page.locator('.staff-row input').nth(1).fill('12345');
    expect(await page.locator('.field-error').textContent()).toContain('电话号码格式不对');
    expect(await page.locator('[data-testid="attr-save"]').isDisabled()).toBe(true);
    await page.locator('.staff-row input').nth(1).fill('0813-2201234');
    await page.click('[data-testid="attr-save"]');
    await saved(page);
    expect(await page.locator('.attribute-facts').textContent()).toContain('编码沿革');
    expect(await page.locator('.tree-grid', { hasText: '第四人民医院专属网格' }).count()).toBe(1);
  });

  it('draws a micro-grid inside a grid', async () => {
    const grid = gridNamed('光明社区第3网格');
    const [x, y] = interiorPoint(preparePolygon(grid.geometry));
    await moveMapTo(
      page,
      () => page.locator('.tree-grid', { hasText: '光明社区第3网格' }).first().click(),
      x,
      y,
    );
    await page.keyboard.press('w');
    await clickAt(page, x, y, { dx: -25, dy: -25 });
    await clickAt(page, x, y, { dx: 25, dy: -25 });
    await clickAt(page, x, y, { dx: 25, dy: 25 });
    await clickAt(page, x, y, { dx: -25, dy: -25 });
    await microgridCountBecomes(1);
    expect(await page.locator('.tree-microgrid').getAttribute('title')).toContain(`${grid.code}001`);
    expect((await postedEdits()).at(-1)).toBe('microgrid');
    // Computed in the worker, undone and redone as one change.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await microgridCountBecomes(0);
    await page.keyboard.press('Control+Shift+z');
    await microgridCountBecomes(1);
  });

  it('finds everything again after a reload', async () => {
    // While an edit is being saved the window asks before it unloads (use-leave-guard).
    await page.waitForFunction(() => document.querySelector('.status-activity')?.textContent === '已保存');
    await page.reload();
    await waitForMapIdle(page);
    expect(await gridCount()).toBe(40);
    // The tree is drawn after the map (the map first): wait for its rows, then count them.
    await page
      .locator('.tree-grid', { hasText: '第四人民医院专属网格' })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.locator('.tree-microgrid').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.tree-grid', { hasText: '第四人民医院专属网格' }).count()).toBe(1);
    expect(await page.locator('.tree-microgrid').count()).toBe(1);
  });

  it('lists and fills the gap a deleted grid leaves with 填补空白, both computed in the sketch worker', async () => {
    await page.locator('.tree-grid', { hasText: '光明社区第3网格' }).first().click();
    await page.keyboard.press('f');
    const before = await (await gapList()).count();
    expect(await postedGapLists()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.locator('.tree-grid', { hasText: '光明社区第1网格' }).first().click();
    await page.keyboard.press('Delete');
    await saved(page);
    expect(await gridCount()).toBe(39);
    await page.locator('.tree-grid', { hasText: '光明社区第3网格' }).first().click();
    await page.keyboard.press('f');
    const asked = await postedGapLists();
    const gaps = await gapList();
    expect(await gaps.count()).toBe(before + 1);
    await page.screenshot({ path: 'test-results/e2e-gap-panel.png' });
    await gaps.first().locator('button', { hasText: '新建网格' }).click();
    await gridCountBecomes(40);
    // The list of the filled document came from the worker too.
    expect(await (await gapList()).count()).toBe(before);
    expect(await postedGapLists()).toBeGreaterThan(asked);
    expect(await postedEdits()).toEqual(['fill-gap']); // since the reload
    await page.keyboard.press('Escape');
  });
});
