import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp } from './app-steps';
import type { StartedApp } from './app-steps';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watched: StartedApp['watched'];

/** 新民社区 of the demo township (still undivided). */
const XINMIN = '510302003004';

beforeAll(async () => {
  ({ browser, page, watched } = await startApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

const community = () => page.locator(`[data-community-code="${XINMIN}"]`);
const kindWord = () => page.locator('.tree-community', { has: community() }).locator('.tree-kind');

describe('community and township attributes in 属性 (issue 11.1)', () => {
  it('edits a community: name and type, validated, one undoable change', async () => {
    await community().click();
    const form = page.locator('[data-testid="community-form"]');
    await form.waitFor();
    expect(await form.locator('[data-testid="area-code"]').inputValue()).toBe(XINMIN);
    expect(await kindWord().textContent()).toBe('社区');
    // Urban: the rule set's urban grid target (Zigong 300–500).
    expect(await form.locator('[data-testid="area-target"]').textContent()).toContain('300–500');

    // A wrong code is refused before saving, with the reason.
    await form.locator('[data-testid="area-code"]').fill('5103020030');
    expect(await form.locator('[data-testid="area-problems"]').textContent()).toContain('12 位数字');
    expect(await form.locator('[data-testid="area-save"]').isDisabled()).toBe(true);
    await form.locator('[data-testid="area-code"]').fill('510302003001');
    expect(await form.locator('[data-testid="area-problems"]').textContent()).toContain('已属于');
    await form.locator('[data-testid="area-code"]').fill(XINMIN);

    await form.locator('[data-testid="area-name"]').fill('新民村');
    await form.locator('[data-testid="area-kind"]').selectOption('rural');
    expect(await form.locator('[data-testid="area-target"]').textContent()).not.toContain('300–500');
    await form.locator('[data-testid="area-save"]').click();
    await page.waitForFunction(
      (code) => document.querySelector(`[data-community-code="${code}"]`)?.textContent === '新民村',
      XINMIN,
    );
    expect(await kindWord().textContent()).toBe('行政村');
    await page.screenshot({ path: '/tmp/polish-ui-shots/community-form.png' });

    // Undo brings the community back as it was.
    await page.locator('button[title="撤销（Ctrl+Z）"]').click();
    await page.waitForFunction(
      (code) => document.querySelector(`[data-community-code="${code}"]`)?.textContent === '新民社区',
      XINMIN,
    );
    expect(await kindWord().textContent()).toBe('社区');
  });

  it('edits the township: its supervision phone for the notices', async () => {
    await page.locator('[data-township-code]').first().click();
    const form = page.locator('[data-testid="township-form"]');
    await form.waitFor();
    await form.locator('[data-testid="area-phone"]').fill('12');
    expect(await form.locator('[data-testid="area-problems"]').textContent()).toContain('不像电话号码');
    await form.locator('[data-testid="area-phone"]').fill('0813-2201234');
    await form.locator('[data-testid="area-save"]').click();
    await page.waitForFunction(
      () => document.querySelector<HTMLButtonElement>('[data-testid="area-save"]')?.disabled === true,
    );
    expect(await form.locator('[data-testid="area-phone"]').inputValue()).toBe('0813-2201234');
    // Choosing a grid shows the grid again.
    await page.locator('.tree-grid').first().click();
    await page.locator('[data-testid="attr-code"]').waitFor();
  });

  it('takes a polygon file with CJQYDM/CJQYMC fields for communities in 导入…', async () => {
    const file = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { CJQYDM: '510302003009', CJQYMC: '新桥社区', LX: '城镇' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [104.7, 29.35],
                [104.71, 29.35],
                [104.71, 29.36],
                [104.7, 29.35],
              ],
            ],
          },
        },
      ],
    };
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', {
      name: '社区.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await page.waitForSelector('[data-testid="import-preview"]');
    expect(await page.locator('[data-testid="import-layer"]').inputValue()).toBe('community');
    expect(await page.locator('[data-testid="import-layer-guess"]').textContent()).toContain('CJQYDM');
    expect(await page.locator('[data-testid="import-field-code"]').inputValue()).toBe('CJQYDM');
    await page.click('[data-testid="import-close"]');
  });

  it('raised no page errors', () => {
    expect(watched.errors).toEqual([]);
  });
});
