import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp, watchPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  page = await context.newPage();
  watched = watchPage(page);
  await openApp(page, baseUrl);
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

  it('raised no page errors', () => {
    expect(watched.errors).toEqual([]);
  });
});
