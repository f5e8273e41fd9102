import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp } from './app-steps';
import type { StartedApp } from './app-steps';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watched: StartedApp['watched'];

function pdfText(file: string): string {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  ({ browser, page, watched } = await startApp(baseUrl, { acceptDownloads: true }));
});

afterAll(async () => {
  await browser?.close();
});

describe('公示 and 审核报告 in the app', () => {
  it('sets the supervision phone and saves a notice PDF for one community, made in a worker', async () => {
    await page.click('[data-testid="print-button"]');
    await page.waitForSelector('[data-testid="print-dialog"]');
    await page.selectOption('[data-testid="print-community"]', '510302003001');
    // The preview is the same drawing as the PDF's, as SVG.
    expect(await page.locator('[data-testid="print-preview"] svg path').count()).toBeGreaterThan(10);
    await page.fill('[data-testid="print-phone"]', '0813-8888888');
    await page.click('[data-testid="print-save-phone"]');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/e2e-print-dialog.png' });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.click('[data-testid="print-notice"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/光明社区-公示-\d{4}-\d{2}-\d{2}\.pdf$/);
    const content = pdfText(await download.path());
    expect(content).toContain('光明社区 第1网格 公示');
    expect(content).toContain('四至');
    expect(content).toContain('0813-8888888');
    expect(content).not.toContain('建设社区 第1网格 公示');
    expect(watched.errors).toEqual([]);
  });

  it('saves the review report PDF', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.click('[data-testid="print-report"]'),
    ]);
    const content = pdfText(await download.path());
    expect(content).toContain('网格划分审核报告');
    expect(content).toContain('审核意见');
    expect(watched.errors).toEqual([]);
  });
});
