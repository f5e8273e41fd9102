import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { area, distance, polygon } from '@turf/turf';
import { waitForMapIdle } from './browser';
import { startApp } from './app-steps';
import type { StartedApp } from './app-steps';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watched: StartedApp['watched'];

beforeAll(async () => {
  ({ browser, page, watched } = await startApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

describe('图例 and 快捷键 (issue 11.6)', () => {
  it('shows the legend tab with every group and the map colours', async () => {
    await page.getByRole('tab', { name: '图例' }).click();
    const panel = page.locator('[data-testid="legend-panel"]');
    await panel.waitFor();
    const text = (await panel.textContent()) ?? '';
    for (const word of [
      '户数不足',
      '户数超出',
      '专属网格',
      '微网格',
      '空白/缝隙',
      '重叠',
      '越界',
      '锁定',
      '道路',
      '河流',
    ]) {
      expect(text).toContain(word);
    }
    // The 户数达标 swatch is filled with the map's own status colour.
    const fill = await page.locator('[data-legend="ok"] rect').first().getAttribute('fill');
    expect(fill).toBe('#2e9e5b');
    await page.screenshot({ path: '/tmp/polish-ui-shots/legend.png' });
  });

  it('opens the keys list with F1 and with ?, and closes it with Esc', async () => {
    await page.locator('[data-testid="map"]').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('F1');
    const dialog = page.locator('[data-testid="keys-dialog"]');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const word of [
      'Ctrl+Z',
      'Ctrl+Shift+Z',
      'Esc',
      'Enter',
      'Delete',
      '撤销',
      '重做',
      '追踪',
      '拆分',
      '合并',
    ]) {
      expect(text).toContain(word);
    }
    await page.screenshot({ path: '/tmp/polish-ui-shots/keys.png' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('?');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.click('[data-testid="keys-button"]');
    await dialog.waitFor();
  });

  it('speaks Chinese in the map controls of MapLibre, and English after the switch', async () => {
    // The keys dialog the previous test left open.
    const keys = page.locator('[data-testid="keys-dialog"]');
    if (await keys.isVisible()) await keys.getByRole('button', { name: '关闭' }).click();
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('放大');
    expect(await page.locator('.maplibregl-ctrl-zoom-out').getAttribute('title')).toBe('缩小');
    expect(await page.locator('.maplibregl-ctrl-scale').textContent()).toMatch(/\d+\s*(米|公里)$/);
    await page.click('[data-testid="language-switch"]');
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('Zoom in');
    await page.click('[data-testid="language-switch"]');
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('放大');
  });

  it('measures a distance (D) and an area (A) geodesically; Esc clears', async () => {
    await waitForMapIdle(page);
    const map = page.locator('[data-testid="map"]');
    const box = (await map.boundingBox())!;
    const [cLng, cLat, zoom] = (await map.getAttribute('data-view'))!.split(',').map(Number) as [
      number,
      number,
      number,
    ];
    // Screen offsets from the map's centre to longitude/latitude (Web Mercator, 512-pixel world).
    const world = 512 * 2 ** zoom;
    const mercY = (lat: number): number => {
      const s = Math.sin((lat * Math.PI) / 180);
      return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world;
    };
    const latOf = (y: number): number =>
      (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / world))) * 180) / Math.PI;
    const at = (dx: number, dy: number): { x: number; y: number; lonLat: [number, number] } => ({
      x: box.x + box.width / 2 + dx,
      y: box.y + box.height / 2 + dy,
      lonLat: [cLng + (dx / world) * 360, latOf(mercY(cLat) + dy)],
    });
    const click = async (point: { x: number; y: number }): Promise<void> => {
      await page.mouse.move(point.x, point.y, { steps: 3 });
      await page.mouse.down();
      await page.waitForTimeout(30);
      await page.mouse.up();
      await page.waitForTimeout(150);
    };
    // Exact positions: no snapping to grid vertices for this test.
    await page.uncheck('[data-testid="setting-snapping"]');
    const result = page.locator('[data-testid="measure-result"]');

    // Keys choose tools only outside form fields: leave the switch just unticked.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('d');
    expect(await page.locator('[data-tool="measure-distance"]').getAttribute('aria-pressed')).toBe('true');
    const a = at(-180, 40);
    const b = at(160, -60);
    await click(a);
    await click(b);
    await click(b);
    await page.waitForSelector('[data-testid="map"][data-features-gp-measure="2"]');
    const shown = (await result.textContent()) ?? '';
    const match = /^距离 ([\d,.]+) (米|公里)$/.exec(shown);
    expect(match, shown).not.toBeNull();
    const metres = Number(match![1]!.replace(/,/g, '')) * (match![2] === '公里' ? 1000 : 1);
    const expected = distance(a.lonLat, b.lonLat, { units: 'kilometers' }) * 1000;
    expect(Math.abs(metres - expected) / expected).toBeLessThan(0.02);
    await page.screenshot({ path: '/tmp/polish-ui-shots/measure-distance.png' });

    // Esc clears the measurement and keeps the tool for the next one.
    await page.keyboard.press('Escape');
    await result.waitFor({ state: 'detached' });
    await page.waitForSelector('[data-testid="map"][data-features-gp-measure="0"]');
    expect(await page.locator('[data-tool="measure-distance"]').getAttribute('aria-pressed')).toBe('true');

    await page.keyboard.press('a');
    const corners = [at(-150, -100), at(150, -100), at(150, 100), at(-150, 100)];
    for (const corner of corners) await click(corner);
    await click(corners[0]!);
    await page.waitForSelector('[data-testid="map"][data-features-gp-measure="2"]');
    const areaText = (await result.textContent()) ?? '';
    const areaMatch = /^面积 ([\d,.]+) 平方米 · ([\d,.]+) 亩 · ([\d,.]+) 公顷/.exec(areaText);
    expect(areaMatch, areaText).not.toBeNull();
    const m2 = Number(areaMatch![1]!.replace(/,/g, ''));
    const ring = [...corners, corners[0]!].map((corner) => corner.lonLat);
    const expectedM2 = area(polygon([ring]));
    expect(Math.abs(m2 - expectedM2) / expectedM2).toBeLessThan(0.02);
    expect(Number(areaMatch![2]!.replace(/,/g, ''))).toBeCloseTo((m2 * 15) / 10_000, 0);
    expect(areaText).toMatch(/周长 [\d,.]+ (米|公里)$/);
    await page.screenshot({ path: '/tmp/polish-ui-shots/measure-area.png' });

    // Nothing was written: the project stays as it was.
    expect(await page.locator('button[title="撤销（Ctrl+Z）"]').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-tool="select"]').getAttribute('aria-pressed')).toBe('true');
    await page.check('[data-testid="setting-snapping"]');
  });

  it('lists the measure tools among the keys and in the legend', async () => {
    await page.click('[data-testid="keys-button"]');
    const dialog = page.locator('[data-testid="keys-dialog"]');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('测距');
    expect(text).toContain('测面积');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('tab', { name: '图例' }).click();
    expect(await page.locator('[data-testid="legend-panel"]').textContent()).toContain('测量');
  });

  it('raised no page errors', () => {
    expect(watched.errors).toEqual([]);
  });
});
