import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFilingPackage } from '../../shared/formats/filing-package';
import { parseReviewReply } from '../../shared/review';
import { launchBrowser, openApp, waitForMapIdle, watchPage } from './browser';
import { closeNotice } from './app-steps';

// A planner and a reviewer, each in their own browser context (their own IndexedDB: two machines).
const baseUrl = inject('baseUrl');
const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-e2e-review-'));
let browser: Browser;
let planner: Page;
let reviewer: Page;
let plannerWatch: ReturnType<typeof watchPage>;
let reviewerWatch: ReturnType<typeof watchPage>;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  planner = await newPage();
  reviewer = await newPage();
  plannerWatch = watchPage(planner);
  reviewerWatch = watchPage(reviewer);
  await openApp(planner, baseUrl);
  await openApp(reviewer, baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

async function reviewTab(page: Page): Promise<void> {
  await page.locator('.tabs [role="tab"]', { hasText: '审核' }).click();
  await page.waitForSelector('[data-testid="review-panel"]');
}

/** Clicks a button that saves a download and keeps the file. */
async function download(page: Page, selector: string, name: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.click(selector),
  ]);
  const target = path.join(dir, name);
  await file.saveAs(target);
  return target;
}

/** Clicks a button that opens a file chooser and gives it a file. */
async function choose(page: Page, selector: string, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click(selector)]);
  await chooser.setFiles(file);
}

async function submit(note: string): Promise<void> {
  await reviewTab(planner);
  await planner.fill('[data-testid="review-author"]', '双河镇规划员');
  await planner.fill('[data-testid="review-submit-note"]', note);
  await planner.click('[data-testid="review-submit"]');
  expect(await closeNotice(planner)).toContain('已提交审核');
}

/** The reviewer opens a package as a project of its own, read-only. */
async function openPackage(file: string, version: number): Promise<void> {
  await reviewTab(reviewer);
  await choose(reviewer, '[data-testid="review-open-package"]', file);
  // The new project replaces whatever was shown (another package included).
  await reviewer.waitForFunction(
    (label) => document.querySelector('[data-testid="read-only-banner"]')?.textContent?.includes(label),
    `只读 · 报审包 版本 ${version}`,
  );
  await waitForMapIdle(reviewer);
  await reviewTab(reviewer);
  expect(await reviewer.locator('[data-testid="review-package-version"]').textContent()).toBe(
    String(version),
  );
}

let renamedCode = '';

describe('审核 · 备案 between a township and the review office', () => {
  it('the planner submits version 1 and exports its filing package', async () => {
    await submit('首次报审');
    await planner.waitForSelector('[data-testid="review-version-1"][data-status="submitted"]');
    const file = await download(planner, '[data-testid="review-export-1"]', 'package-v1.zip');
    expect(await closeNotice(planner)).toContain('已导出报审包');
    const read = readFilingPackage(new Uint8Array(readFileSync(file)), 'package-v1.zip');
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.value.manifest.version).toBe(1);
      expect(read.value.division.grid.size).toBe(38);
      expect([...read.value.files.keys()]).toEqual(
        expect.arrayContaining(['division.geojson', 'report.pdf', 'notices.pdf', 'report.json']),
      );
    }
    await planner.screenshot({ path: 'test-results/e2e-review-1-submitted.png' });
  });

  it('refuses a tampered package, naming the file, and creates no project', async () => {
    const files = unzipSync(new Uint8Array(readFileSync(path.join(dir, 'package-v1.zip'))));
    files['report.json'] = strToU8('{"tampered": true}\n');
    const tampered = path.join(dir, 'tampered.zip');
    writeFileSync(tampered, zipSync(files));
    await reviewTab(reviewer);
    const projectsBefore = (await reviewer.locator('[data-testid="projects-button"]').textContent()) ?? '';
    await choose(reviewer, '[data-testid="review-open-package"]', tampered);
    const text = await closeNotice(reviewer);
    expect(text).toContain('tampered.zip');
    expect(text).toContain('report.json');
    expect(await reviewer.locator('[data-testid="projects-button"]').textContent()).toBe(projectsBefore);
    expect(await reviewer.locator('[data-testid="read-only-banner"]').count()).toBe(0);
  });

  it('the reviewer comments on a grid and a point, marks an issue and returns it (退回)', async () => {
    await openPackage(path.join(dir, 'package-v1.zip'), 1);
    // The tools are off: the package is read-only.
    expect(await reviewer.locator('.edit-tools button.tool').first().isDisabled()).toBe(true);
    await reviewer.click('[data-testid="validate-all"]');
    await reviewer.waitForSelector('[data-testid="issues-summary"]');

    // A comment on a grid chosen in the tree.
    const grid = reviewer.locator('.tree-grid').first();
    renamedCode = (await grid.getAttribute('data-grid-code')) ?? '';
    await grid.click();
    // The package's attributes are shown, not editable.
    expect(await reviewer.locator('[data-testid="attr-name"]').isDisabled()).toBe(true);
    expect(await reviewer.locator('[data-testid="attr-lock"]').isDisabled()).toBe(true);
    await reviewTab(reviewer);
    expect(await reviewer.locator('[data-testid="review-comment-anchor"]').textContent()).toContain(
      renamedCode,
    );
    await reviewer.fill('[data-testid="review-comment-text"]', '网格名称与门牌不一致，请核对');
    await reviewer.click('[data-testid="review-add-comment"]');

    // A comment on a point picked on the map.
    await reviewer.click('[data-testid="review-pick-point"]');
    const box = (await reviewer.locator('[data-testid="map"] canvas').boundingBox())!;
    await reviewer.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.5);
    await reviewer.waitForFunction(() =>
      document.querySelector('[data-testid="review-comment-anchor"]')?.textContent?.includes('地图上的点'),
    );
    await reviewer.fill('[data-testid="review-comment-text"]', '此处有学校，应划为专属网格');
    await reviewer.click('[data-testid="review-add-comment"]');
    expect(await reviewer.locator('[data-testid="review-draft-comment"]').count()).toBe(2);
    await reviewer.waitForSelector('[data-testid="map"][data-review-pins="2"]');

    // An issue marked 需修改.
    await reviewer.locator('[data-testid="review-mark-status"]').first().selectOption('to-fix');
    await reviewer.fill('[data-testid="review-reviewer"]', '区网格办 王审');
    await reviewer.fill('[data-testid="review-decision-note"]', '请按意见修改后重新报审');
    await reviewer.screenshot({ path: 'test-results/e2e-review-2-reviewer.png' });
    const reply = await download(reviewer, '[data-testid="review-return"]', 'reply-v1.json');
    expect(await closeNotice(reviewer)).toContain('退回');
    const parsed = parseReviewReply(readFileSync(reply, 'utf8'));
    expect(parsed.ok && parsed.value.decision).toBe('returned');
    expect(parsed.ok && parsed.value.comments.map((c) => c.gridCode ?? 'point')).toEqual([
      renamedCode,
      'point',
    ]);
    expect(parsed.ok && parsed.value.issueMarks.map((m) => m.status)).toEqual(['to-fix']);
  });

  it('the planner opens the reply: 退回, comments in 问题 and on the map, resolvable', async () => {
    await reviewTab(planner);
    await choose(planner, '[data-testid="review-open-reply"]', path.join(dir, 'reply-v1.json'));
    expect(await closeNotice(planner)).toContain('版本 1 被退回');
    await planner.waitForSelector('[data-testid="review-version-1"][data-status="returned"]');
    await planner.locator('.tabs [role="tab"]', { hasText: '问题' }).click();
    await planner.waitForSelector('[data-testid="review-comments"]');
    expect(await planner.locator('[data-testid="review-comment"]').count()).toBe(2);
    expect(await planner.locator('[data-testid="review-comments"]').textContent()).toContain(
      '网格名称与门牌不一致',
    );
    await planner.waitForSelector('[data-testid="map"][data-review-pins="2"]');
    await planner.locator('[data-testid="review-comment"] .link-button').first().click();
    await waitForMapIdle(planner);
    await planner.screenshot({ path: 'test-results/e2e-review-3-planner-comments.png' });

    // The planner fixes the grid the comment is about, resolves the comment and submits version 2.
    await planner.locator(`[data-grid-code="${renamedCode}"]`).click();
    await planner.fill('[data-testid="attr-name"]', '桂花路网格（已核对）');
    await planner.click('[data-testid="attr-save"]');
    await planner.waitForFunction(() => document.querySelector('.status-activity')?.textContent === '已保存');
    await planner.locator('.tabs [role="tab"]', { hasText: '问题' }).click();
    await planner.locator('[data-testid="review-comment-resolved"]').first().click();
    await planner.waitForSelector('[data-testid="review-comment"][data-resolved="true"]');
    await submit('按意见修改');
    await planner.waitForSelector('[data-testid="review-version-2"][data-status="submitted"]');
    await download(planner, '[data-testid="review-export-2"]', 'package-v2.zip');
    await closeNotice(planner);
  });

  it('the diff between the two versions shows exactly the renamed grid', async () => {
    await planner.selectOption('[data-testid="diff-before"]', 'v1');
    await planner.selectOption('[data-testid="diff-after"]', 'v2');
    await planner.click('[data-testid="diff-compare"]');
    await planner.waitForSelector('[data-testid="diff-table"]');
    const rows = planner.locator('[data-testid="diff-row"]');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-kind')).toBe('attributes');
    expect(await rows.first().textContent()).toContain(renamedCode);
    expect(await rows.first().textContent()).toContain('名称');
    await planner.waitForSelector('[data-testid="map"][data-review-diff="1"]');
    await rows.first().click();
    await waitForMapIdle(planner);
    await planner.screenshot({ path: 'test-results/e2e-review-4-diff.png' });
    // The package of version 2 carries the same diff against version 1.
    const read = readFilingPackage(new Uint8Array(readFileSync(path.join(dir, 'package-v2.zip'))), 'v2');
    expect(read.ok).toBe(true);
    if (read.ok) {
      const diff = JSON.parse(new TextDecoder().decode(read.value.files.get('diff.json'))) as {
        changes: { kind: string; codes: string[] }[];
      };
      expect(diff.changes.map((c) => [c.kind, c.codes])).toEqual([['attributes', [renamedCode]]]);
    }
  });

  it('the reviewer approves version 2 (通过); the planner’s version becomes 已备案 and its grids filed', async () => {
    await openPackage(path.join(dir, 'package-v2.zip'), 2);
    await reviewer.fill('[data-testid="review-reviewer"]', '区网格办 王审');
    // 通过 is refused while an error (or a target out of range without a reason) is not dealt with.
    await reviewer.waitForSelector('[data-testid="review-mark"]');
    await reviewer.click('[data-testid="review-approve"]');
    expect(await closeNotice(reviewer)).toMatch(/还有 \d+ 个错误未处理/);
    // Each accepted with the reviewer's reason; an accepted mark without one is refused too.
    const marks = reviewer.locator('[data-testid="review-mark"]');
    for (let index = 0; index < (await marks.count()); index++) {
      await marks.nth(index).locator('[data-testid="review-mark-status"]').selectOption('accepted');
    }
    await reviewer.locator('[data-testid="review-mark-justification"]').first().fill('');
    await reviewer.click('[data-testid="review-approve"]');
    expect(await closeNotice(reviewer)).toContain('没有写情况说明');
    const reasons = reviewer.locator('[data-testid="review-mark-justification"]');
    for (let index = 0; index < (await reasons.count()); index++) {
      await reasons.nth(index).fill('经区网格办现场核实，同意');
    }
    const reply = await download(reviewer, '[data-testid="review-approve"]', 'reply-v2.json');
    await closeNotice(reviewer);
    const parsed = parseReviewReply(readFileSync(reply, 'utf8'));
    expect(parsed.ok && parsed.value.decision).toBe('approved');

    await reviewTab(planner);
    await choose(planner, '[data-testid="review-open-reply"]', reply);
    expect(await closeNotice(planner)).toContain('已备案');
    await planner.waitForSelector('[data-testid="review-version-2"][data-status="approved"]');
    const filed = (await planner.locator('[data-testid="review-filed-2"]').textContent()) ?? '';
    expect(filed).toContain(new Date().toISOString().slice(0, 4));
    // Grid status follows, as one undoable change.
    await planner.locator(`[data-grid-code="${renamedCode}"]`).click();
    const status = planner
      .locator('.attribute-form select')
      .filter({ has: planner.locator('option[value="filed"]') });
    expect(await status.inputValue()).toBe('filed');
    await reviewTab(planner);
    await planner.screenshot({ path: 'test-results/e2e-review-5-filed.png' });

    // Version 1 opens read-only; the tools are off until the planner goes back to the working copy.
    await planner.locator('[data-testid="review-version-1"] button', { hasText: '查看' }).click();
    await planner.waitForSelector('[data-testid="read-only-banner"]');
    expect(await planner.locator('[data-testid="read-only-banner"]').textContent()).toContain(
      '只读 · 版本 1',
    );
    expect(await planner.locator('.edit-tools button.tool').first().isDisabled()).toBe(true);
    // Its grids' attributes are shown, not editable: a grid of version 1 saved into the working copy
    // would bring back version 1's name and outline there.
    await planner.locator(`[data-grid-code="${renamedCode}"]`).click();
    expect(await planner.locator('[data-testid="attr-name"]').inputValue()).not.toBe('桂花路网格（已核对）');
    expect(await planner.locator('[data-testid="attr-name"]').isDisabled()).toBe(true);
    expect(await planner.locator('[data-testid="attr-save"]').isDisabled()).toBe(true);
    // 删除 by its key is refused, and the refusal of the version's session is said.
    const gridsBefore = await planner.locator('.tree-grid').count();
    await planner.keyboard.press('Delete');
    expect(await closeNotice(planner)).toContain('只读');
    await planner.locator('[data-testid="read-only-banner"] button').click();
    await planner.waitForSelector('[data-testid="read-only-banner"]', { state: 'detached' });
    expect(await planner.locator('.tree-grid').count()).toBe(gridsBefore);
    await reviewTab(planner);

    // Version 1 restored as the working copy is one change: one undo brings the fixed name back.
    const name = () => planner.locator(`[data-grid-code="${renamedCode}"] .tree-name`).textContent();
    expect(await name()).toBe('桂花路网格（已核对）');
    await planner.locator('[data-testid="review-version-1"] button', { hasText: '恢复' }).click();
    expect(await closeNotice(planner)).toContain('已恢复版本 1');
    await planner.waitForFunction(
      (code) =>
        document.querySelector(`[data-grid-code="${code}"] .tree-name`)?.textContent !==
        '桂花路网格（已核对）',
      renamedCode,
    );
    await planner.click('button[title^="撤销"]');
    await planner.waitForFunction(
      (code) =>
        document.querySelector(`[data-grid-code="${code}"] .tree-name`)?.textContent ===
        '桂花路网格（已核对）',
      renamedCode,
    );
    expect(plannerWatch.errors).toEqual([]);
    expect(reviewerWatch.errors).toEqual([]);
  });
});
