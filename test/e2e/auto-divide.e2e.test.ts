import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { divideCommunities } from '../../shared/divide';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import { interiorPoint } from '../../shared/geometry/interior-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import type { Division, Grid } from '../../shared/model';
import { builtinRuleSet } from '../../shared/model';
import { validateDivision } from '../../shared/validate/validate-division';
import { launchBrowser, openApp, waitForMapIdle } from './browser';
import { clickAt, screenOf } from './map-geometry';

// 自动划分 end to end with real mouse events: divide the demo's undivided community (新民社区), accept,
// counts before commit on a split line, rebalance two grids, lock one and see split refused, export.
// Screenshots go to GRIDPLAN_E2E_SHOTS (default /tmp) for a person to look at.

const baseUrl = inject('baseUrl');
const SHOTS = process.env.GRIDPLAN_E2E_SHOTS ?? '/tmp';
const UNDIVIDED = '510302003004';
let browser: Browser;
let page: Page;
let demo: Division;

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/auto-divide-${name}.png` });
}

async function saved(): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('.status-activity')?.textContent === '已保存',
    null,
    { timeout: 30_000 },
  );
  await waitForMapIdle(page);
}

/** Codes of the tree's grids of a community, with their status class. */
async function treeGrids(communityCode: string): Promise<{ code: string; status: string }[]> {
  return page.$$eval(`[data-grid-code^="${communityCode}"]`, (rows) =>
    rows.map((row) => ({
      code: row.getAttribute('data-grid-code') ?? '',
      status: row.querySelector('.status-dot')?.className ?? '',
    })),
  );
}

/** The demo's community divided by the engine exactly as the app's worker does (same seed, no guides). */
function expectedProposal(): Grid[] {
  const proposal = divideCommunities(demo, [`community-${UNDIVIDED}`], {
    ruleSet: builtinRuleSet('zigong')!,
    seed: 1,
  });
  if (!proposal.ok) throw new Error(proposal.problems[0]!.message.en);
  return proposal.value.change.put.filter((e): e is Grid => e.layer === 'grid');
}

/** Two grids sharing an edge (a vertex pair in common). */
function adjacentPair(grids: readonly Grid[]): [Grid, Grid] {
  const edges = (grid: Grid): Set<string> => {
    const ring = grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : [];
    const set = new Set<string>();
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = `${ring[i]![0]},${ring[i]![1]}`;
      const b = `${ring[i + 1]![0]},${ring[i + 1]![1]}`;
      set.add(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
    return set;
  };
  for (const a of grids)
    for (const b of grids) {
      if (a === b) continue;
      const shared = [...edges(a)].filter((edge) => edges(b).has(edge));
      if (shared.length > 0) return [a, b];
    }
  throw new Error('no adjacent grids');
}

beforeAll(async () => {
  const parsed = parseDivisionGeoJson(await readFile('resources/demo/demo-township.geojson', 'utf8'));
  if (!parsed.ok) throw new Error('demo does not parse');
  demo = parsed.value;
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await openApp(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

describe('自动划分, 平衡 and 锁定 in Chromium', () => {
  let proposed: Grid[] = [];

  it('divides the undivided community: feasible counts, progress, preview, accept as one change', async () => {
    proposed = expectedProposal();
    expect(await treeGrids(UNDIVIDED)).toEqual([]);
    await page.click(`[data-community-code="${UNDIVIDED}"]`);
    await waitForMapIdle(page);
    await page.click('[data-testid="divide-button"]');
    await page.selectOption('[data-testid="divide-community"]', `community-${UNDIVIDED}`);
    await page.waitForFunction(
      () => /\d+–\d+/.test(document.querySelector('[data-testid="divide-feasible"]')?.textContent ?? ''),
      null,
      { timeout: 30_000 },
    );
    await shot('1-dialog');
    await page.click('[data-testid="divide-run"]');
    await page.waitForSelector('[data-testid="divide-table"]', { timeout: 60_000 });
    await waitForMapIdle(page);
    await shot('2-preview');
    const statuses = await page.$$eval('[data-testid="divide-table"] tbody tr', (rows) =>
      rows.map((row) => row.getAttribute('data-status')),
    );
    expect(statuses).toHaveLength(proposed.length);
    expect(statuses.every((status) => status === 'ok')).toBe(true);
    // Nothing is in the project before 接受.
    expect(await treeGrids(UNDIVIDED)).toEqual([]);
    await page.click('[data-testid="divide-accept"]');
    await saved();
    const grids = await treeGrids(UNDIVIDED);
    expect(grids.map((g) => g.code).sort()).toEqual(proposed.map((g) => g.code).sort());
    expect(grids.every((g) => g.status.includes('status-ok'))).toBe(true);
    await page.click('[data-testid="notice"] button');

    await page.click('[data-testid="validate-all"]');
    await page.waitForSelector('[data-testid="rule-table"]', { timeout: 60_000 });
    const coverage = await page.$$eval('button[data-rule="gap"], button[data-rule="overlap"]', (items) =>
      items.map((item) => item.textContent ?? ''),
    );
    expect(coverage.filter((message) => message.includes('新民社区') || message.includes(UNDIVIDED))).toEqual(
      [],
    );
    await shot('3-accepted');
  });

  it('shows the households of each part at the cursor while a split line is drawn', async () => {
    const grid = proposed[0]!;
    const ring = grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : [];
    const xs = ring.map((p) => p[0]!);
    const [, y] = interiorPoint(preparePolygon(grid.geometry));
    await page.locator(`[data-grid-code="${grid.code}"]`).click();
    await waitForMapIdle(page);
    await page.keyboard.press('s');
    const west = Math.min(...xs);
    const east = Math.max(...xs);
    await clickAt(page, west - (east - west) * 0.2, y);
    const end = await screenOf(page, east + (east - west) * 0.2, y);
    await page.mouse.move(end.x, end.y, { steps: 8 });
    await page.waitForSelector('[data-testid="sketch-counts"]', { timeout: 20_000 });
    const parts = await page.$$eval('[data-testid="sketch-counts"] .part', (items) =>
      items.map((item) => ({ text: item.textContent ?? '', status: item.getAttribute('data-status') })),
    );
    await shot('4-counts-before-commit');
    expect(parts).toHaveLength(2);
    expect(parts[0]!.text).toMatch(/^① [\d,]+ 户$/);
    await page.keyboard.press('Escape');
  });

  it('rebalances two adjacent grids, keeping their codes', async () => {
    const [a, b] = adjacentPair(proposed);
    await page.click('[data-testid="rebalance-button"]');
    for (const grid of [a, b]) {
      const [x, y] = interiorPoint(preparePolygon(grid.geometry));
      await clickAt(page, x, y);
    }
    await page.click('[data-testid="rebalance-run"]');
    await page.waitForSelector('[data-testid="divide-table"]', { timeout: 60_000 });
    await waitForMapIdle(page);
    await shot('5-rebalance-preview');
    const codes = await page.$$eval('[data-testid="divide-table"] tbody tr td:first-child', (cells) =>
      cells.map((cell) => cell.textContent?.trim() ?? ''),
    );
    expect(codes.sort()).toEqual([a.code, b.code].sort());
    await page.click('[data-testid="divide-accept"]');
    await saved();
    await page.click('[data-testid="notice"] button');
    expect((await treeGrids(UNDIVIDED)).map((g) => g.code).sort()).toEqual(
      proposed.map((g) => g.code).sort(),
    );
  });

  it('locks a grid: the tree and map show it, split is refused naming it, the export keeps it', async () => {
    const grid = proposed[proposed.length - 1]!;
    await page.locator(`[data-grid-code="${grid.code}"]`).click();
    await page.click('[data-testid="attr-lock"]');
    await saved();
    await page.waitForSelector(`[data-grid-code="${grid.code}"] [data-testid="tree-locked"]`);
    await page.locator(`[data-grid-code="${grid.code}"]`).click();
    await waitForMapIdle(page);
    const ring = grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : [];
    const xs = ring.map((p) => p[0]!);
    const [, y] = interiorPoint(preparePolygon(grid.geometry));
    const west = Math.min(...xs);
    const east = Math.max(...xs);
    await page.keyboard.press('s');
    await clickAt(page, west - (east - west) * 0.2, y);
    await clickAt(page, east + (east - west) * 0.2, y);
    await clickAt(page, east + (east - west) * 0.2, y);
    await page.waitForSelector('[data-testid="notice"]', { timeout: 20_000 });
    const notice = (await page.locator('[data-testid="notice"]').textContent()) ?? '';
    await shot('6-lock-refused');
    expect(notice).toContain('已锁定');
    expect(notice).toContain(grid.code);
    await page.click('[data-testid="notice"] button');
    await page.keyboard.press('Escape');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-button"]'),
    ]);
    const exported = parseDivisionGeoJson(await readFile(await download.path(), 'utf8'));
    if (!exported.ok) throw new Error('export does not parse');
    const locked = [...exported.value.grid.values()].filter((g) => g.locked);
    expect(locked.map((g) => g.code)).toEqual([grid.code]);
    const raw = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      features: { properties: Record<string, unknown> }[];
    };
    expect(raw.features.find((f) => f.properties.code === grid.code)!.properties.locked).toBe(true);
    // The exported division: the divided community has no gap or overlap and all its grids in band.
    const report = validateDivision(exported.value, builtinRuleSet('zigong')!);
    const mine = report.issues.filter(
      (issue) =>
        (issue.rule === 'gap' || issue.rule === 'overlap') &&
        (issue.parentCode === UNDIVIDED || issue.codes.some((code) => code.startsWith(UNDIVIDED))),
    );
    expect(mine).toEqual([]);
    const inBand = report.grids.filter((g) => g.parentCode === UNDIVIDED).map((g) => g.target);
    expect(inBand.length).toBe(proposed.length);
    expect(inBand.every((target) => target === 'ok')).toBe(true);
    await shot('7-exported');
  });
});
