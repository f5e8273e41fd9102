import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PNG } from 'pngjs';
import { mapPixels, waitForMapIdle } from './browser';
import { startApp } from './app-steps';
import type { StartedApp } from './app-steps';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watched: StartedApp['watched'];

/** Share of map pixels in a hue family: rough but robust to blending and antialiasing. */
function share(png: PNG, test: (r: number, g: number, b: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < png.data.length; i += 4)
    if (test(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!)) hits++;
  return hits / (png.data.length / 4);
}
const greenish = (r: number, g: number, b: number): boolean => g > r + 25 && g > b + 10;
const orangeish = (r: number, g: number, b: number): boolean => r > g + 25 && g > b + 15;
const purpleish = (r: number, g: number, b: number): boolean => b > g + 30 && r > g + 10;

beforeAll(async () => {
  ({ browser, page, watched } = await startApp(baseUrl, { acceptDownloads: true }));
});

afterAll(async () => {
  await browser?.close();
});

describe('GridPlan in Chromium', () => {
  it('starts in Chinese with the demo township and makes no request outside the app', async () => {
    expect(await page.locator('.brand strong').textContent()).toBe('网格规划');
    expect(await page.locator('[data-testid="projects-button"]').textContent()).toContain('示例');
    const origin = new URL(baseUrl).origin;
    const foreign = watched.requests.filter(
      (url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'),
    );
    expect(foreign).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('draws the demo township on the map canvas with target colours', async () => {
    await page.screenshot({ path: 'test-results/e2e-demo.png' });
    const png = await mapPixels(page);
    // Grids within target are green, the over-target ones orange, the school hatched purple.
    expect(share(png, greenish)).toBeGreaterThan(0.005);
    expect(share(png, orangeish)).toBeGreaterThan(0.001);
    // Not a blank canvas: many distinct colours.
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 16)
      colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
    expect(colours.size).toBeGreaterThan(50);
  });

  it('zooms to a grid chosen in the list and draws the exclusive school hatched purple', async () => {
    await page.locator('.tree-grid', { hasText: '专属网格' }).first().click();
    await waitForMapIdle(page);
    const png = await mapPixels(page);
    expect(share(png, purpleish)).toBeGreaterThan(0.01);
    expect(await page.locator('[data-testid="attr-code"]').textContent()).toMatch(/^\d{15}$/);
    expect(await page.locator('[data-testid="attr-type"]').inputValue()).toBe('exclusive');
    expect(await page.locator('[data-testid="attr-category"]').inputValue()).toBe('school');
    expect(await page.locator('[data-testid="attr-households"]').textContent()).not.toContain('拖动中');
    await page.screenshot({ path: 'test-results/e2e-school.png' });
  });

  it('lists the grids with households counted from census points', async () => {
    // The counts come from the validation worker once it has checked the project (… until then).
    const counted = async (): Promise<number> => {
      const counts = await page.locator('[data-testid="grid-households"]').allTextContents();
      const households = counts.map((text) => Number(text.split('/')[0]!.replace(/[^\d]/g, '')));
      return households.filter((n) => n > 0).length;
    };
    await expect.poll(counted, { timeout: 60_000 }).toBeGreaterThan(5);
    const status = await page.locator('[data-testid="status-bar"]').textContent();
    expect(status).toMatch(/网格 \d+/);
    expect(status).toMatch(/户数 [\d,]+/);
  });

  it('checks the whole division: pass/fail per rule, the undivided community as a gap, click to zoom', async () => {
    await page.click('[data-testid="validate-all"]');
    // Generous: on a loaded 2-core machine the first full check in a cold worker can take seconds.
    await page
      .waitForSelector('[data-testid="rule-table"]', { timeout: 60_000 })
      .catch(async (error: unknown) => {
        // What the client and the worker were doing, to tell a slow machine from a lost message.
        console.log(
          'validation',
          await page.locator('[data-testid="issues-panel"]').getAttribute('data-validation'),
        );
        throw error;
      });
    const table = await page.locator('[data-testid="rule-table"]').textContent();
    expect(table).toMatch(/重叠✓ 通过/);
    expect(table).toMatch(/空白\/缝隙✗ 未通过/);
    expect(await page.locator('[data-testid="status-bar"]').textContent()).toMatch(/错误 \d+/);
    await page.locator('button.issue[data-rule="gap"]').first().click();
    await waitForMapIdle(page);
    expect(await page.locator('button.issue.selected').textContent()).toContain('新民社区');
    await page.screenshot({ path: 'test-results/e2e-issues.png' });
  });

  it('reports the points of the undivided community once, counted, and shows each on the map (issue 11.5)', async () => {
    const unassigned = page.locator('button.issue[data-rule="unassigned-point"]');
    expect(await unassigned.count()).toBe(1);
    const message = (await unassigned.textContent()) ?? '';
    expect(message).toContain('新民社区');
    const points = Number(/([\d,]+) 个人口点/.exec(message)![1]!.replace(/,/g, ''));
    expect(points).toBeGreaterThan(50);
    expect(message).toMatch(/个人口点、[\d,]+ 户/);
    // The rule table says how many points, not how many lines: nothing is capped silently.
    const count = await page.locator('[data-rule-count="unassigned-point"]').textContent();
    expect(count).toContain(`${points.toLocaleString('en-US')} 个人口点`);
    // One map point per unassigned census point.
    await page.waitForSelector(`[data-testid="map"][data-features-gp-unassigned="${points}"]`);
    const status = (await page.locator('[data-testid="status-bar"]').textContent()) ?? '';
    expect(Number(/错误 (\d+)/.exec(status)![1])).toBeLessThan(10);
    await unassigned.click();
    await waitForMapIdle(page);
    await page.screenshot({ path: 'test-results/e2e-unassigned.png' });
  });

  it('switches the whole UI to English and back', async () => {
    await page.click('[data-testid="language-switch"]');
    expect(await page.locator('.brand strong').textContent()).toBe('GridPlan');
    expect(await page.locator('[data-testid="status-bar"]').textContent()).toMatch(/Grids \d+/);
    expect(await page.locator('.tabs').textContent()).toContain('Attributes');
    // The map canvas's accessible name too (MapLibre sets it once, when the map is made).
    const mapName = () => page.locator('canvas.maplibregl-canvas').getAttribute('aria-label');
    expect(await mapName()).not.toMatch(/[\u4e00-\u9fff]/);
    await page.click('[data-testid="language-switch"]');
    expect(await page.locator('.tabs').textContent()).toContain('属性');
    expect(await mapName()).toMatch(/[\u4e00-\u9fff]/);
  });

  it('exports the project and imports it back identical', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-button"]'),
    ]);
    const exportedPath = await download.path();
    const exported = await readFile(exportedPath, 'utf8');
    const json = JSON.parse(exported) as { type: string; features: { properties: { layer: string } }[] };
    expect(json.type).toBe('FeatureCollection');
    expect(json.features.some((f) => f.properties.layer === 'grid')).toBe(true);
    expect(exported).not.toContain('"crs"');
    await page.click('[data-testid="notice"] button');

    // One 导入… for every file: our own button opens the picker, the dialog recognises the division
    // file and says truly what happens (a new project, the open one unchanged).
    await page.click('[data-testid="import-data-button"]');
    expect(await page.locator('[data-testid="import-file-names"]').textContent()).toBe('未选择文件');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('[data-testid="import-choose"]'),
    ]);
    await chooser.setFiles({
      name: 'round-trip.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(exported),
    });
    const summary = page.locator('[data-testid="import-division-summary"]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('作为新项目打开，当前项目不会改动');
    expect(await page.locator('[data-testid="import-file-names"]').textContent()).toBe('round-trip.geojson');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="notice"]');
    const notice = (await page.locator('[data-testid="notice"]').textContent()) ?? '';
    expect(notice).toContain('已导入');
    expect(notice).toContain('作为新项目');
    expect(notice).not.toContain('撤销');
    await page.click('[data-testid="notice"] button');
    await waitForMapIdle(page);

    const [again] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-button"]'),
    ]);
    expect(await readFile(await again.path(), 'utf8')).toBe(exported);
  });

  it('refuses a broken file with a located message and changes nothing', async () => {
    const before = await page.locator('[data-testid="project-item"]').count();
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', {
      name: 'broken.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(
        '{"type":"FeatureCollection",\n"features":[\n{"type":"Feature","properties":{"layer":"grid"},"geometry":{"type":"Point","coordinates":[1,2]}}]}',
      ),
    });
    const problems = page.locator('[data-testid="import-problems"]');
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/无法导入.*第 1 个要素（第 3 行）/s);
    expect(await page.locator('[data-testid="import-confirm"]').isDisabled()).toBe(true);
    await page.click('[data-testid="import-close"]');
    await page.locator('[data-testid="import-dialog"]').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="project-item"]').count()).toBe(before);
  });

  it('keeps an edit and its undo history across a reload', async () => {
    const firstGrid = page.locator('.tree-grid').first();
    await firstGrid.click();
    const code = await page.locator('[data-testid="attr-code"]').textContent();
    await page.fill('[data-testid="attr-name"]', '重命名测试网格');
    await page.click('.attribute-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('.status-activity')?.textContent === '已保存');
    await page.reload();
    await waitForMapIdle(page);
    await page.locator(`[data-grid-code="${code}"]`).click();
    expect(await page.locator('[data-testid="attr-name"]').inputValue()).toBe('重命名测试网格');
    // The undo stack survived the reload too.
    await page.click('button[title^="撤销"]');
    await page.waitForFunction(() => document.querySelector('.status-activity')?.textContent === '已保存');
    await page.locator(`[data-grid-code="${code}"]`).click();
    expect(await page.locator('[data-testid="attr-name"]').inputValue()).not.toBe('重命名测试网格');
  });

  it('closes the project list and the import, export and print dialogs with Esc, focus anywhere', async () => {
    for (const [button, dialog] of [
      ['projects-button', '.project-panel'],
      ['import-data-button', '[data-testid="import-dialog"]'],
      ['export-data-button', '[data-testid="export-dialog"]'],
      ['print-button', '[data-testid="print-dialog"]'],
    ] as const) {
      await page.click(`[data-testid="${button}"]`);
      await page.locator(dialog).waitFor();
      await page.keyboard.press('Escape');
      await page.locator(dialog).waitFor({ state: 'detached' });
    }
  });

  it('deleting the project that is open leaves a window that says what to do next', async () => {
    await page.click('[data-testid="projects-button"]');
    await page.locator('.project-panel footer button.primary').click();
    await page.keyboard.type('待删项目');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="projects-button"]')?.textContent?.includes('待删项目'),
    );
    await page.click('[data-testid="projects-button"]');
    await page.locator('[data-testid="project-item"].current button.danger').click();
    await page.locator('[role="alertdialog"] button.danger').click();
    // Not "loading" for ever: the tree says there is no project, and the list is open to choose one.
    await page.locator('[data-testid="no-project"]').waitFor();
    expect(await page.locator('[data-testid="no-project"]').textContent()).toContain('没有打开的项目');
    await page.locator('.project-panel').waitFor();
    await page.locator('[data-testid="project-item"] .project-open', { hasText: '示例' }).first().click();
    await page.locator('.tree-grid').first().waitFor();
    expect(watched.errors).toEqual([]);
  });
});
