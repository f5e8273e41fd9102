import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForMapIdle } from './browser';

// Two tabs of the same origin share IndexedDB, Web Locks and BroadcastChannel, as two windows of the
// desktop app do: one edits, the other follows read-only, nothing is overwritten.
const baseUrl = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let first: Page;
let second: Page;

function projectCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('gridplan');
        request.onerror = () => reject(new Error('open failed'));
        request.onsuccess = () => {
          const db = request.result;
          const count = db.transaction('projects').objectStore('projects').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
        };
      }),
  );
}

const grids = (page: Page) => page.locator('.tree-grid');
const banner = (page: Page) => page.locator('[data-testid="other-window-banner"]');

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  first = await context.newPage();
  second = await context.newPage();
  // Both tabs start at once on an empty database: the first start must make one demo, not two.
  await Promise.all([first.goto(baseUrl), second.goto(baseUrl)]);
  await Promise.all([waitForMapIdle(first), waitForMapIdle(second)]);
});

afterAll(async () => {
  await browser?.close();
});

describe('two windows on one project', () => {
  it('make one demo project at first start', async () => {
    expect(await projectCount(first)).toBe(1);
  });

  it('one edits, the other is read-only and follows its edits', async () => {
    const readOnly = [await banner(first).count(), await banner(second).count()];
    expect(readOnly.sort()).toEqual([0, 1]);
    const firstReadOnly = (await banner(first).count()) === 1;
    const [editor, follower] = firstReadOnly ? [second, first] : [first, second];
    await follower.screenshot({ path: 'test-results/e2e-two-windows-follower.png' });
    const before = await grids(editor).count();
    expect(await grids(follower).count()).toBe(before);

    // The editor deletes a grid: the follower shows it gone without a reload by hand.
    await editor.bringToFront();
    await grids(editor).first().click();
    await editor.keyboard.press('Delete');
    await expect.poll(() => grids(editor).count(), { timeout: 20_000 }).toBe(before - 1);
    await expect.poll(() => grids(follower).count(), { timeout: 20_000 }).toBe(before - 1);

    // The follower cannot delete: refused with a message, nothing stored.
    await follower.bringToFront();
    await grids(follower).first().click();
    await follower.keyboard.press('Delete');
    await expect
      .poll(() => follower.locator('[role="alert"]').textContent(), { timeout: 20_000 })
      .toContain('只读');
    expect(await grids(editor).count()).toBe(before - 1);
    // Undo in the follower does not pop the editor's undo entry.
    await follower.keyboard.press('Control+z');
    expect(await grids(editor).count()).toBe(before - 1);

    // The editor closes: the follower becomes the editor by itself.
    await editor.close();
    await expect.poll(() => banner(follower).count(), { timeout: 20_000 }).toBe(0);
    await follower.keyboard.press('Escape');
    await grids(follower).first().click();
    await follower.keyboard.press('Delete');
    await expect.poll(() => grids(follower).count(), { timeout: 20_000 }).toBe(before - 2);
  });
});
