import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Position } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { splitGridCommand } from '../../shared/commands/split-grid-command';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import { interiorPoint } from '../../shared/geometry/interior-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import type { Community, Division, Grid } from '../../shared/model';
import { builtinRuleSet } from '../../shared/model';
import { validateDivision } from '../../shared/validate/validate-division';
import { launchBrowser, openApp, waitForMapIdle } from './browser';
import { exportDivision, saved, selectOnMap } from './app-steps';
import { clickAt, screenOf } from './map-geometry';
import { runsAlong, streetThrough } from './street-geometry';

// 自动划分 end to end with real mouse events: import a street as 参考图层, draw one grid of the demo's
// undivided community (新民社区) along it with 追踪, divide the rest with the street as a guide, accept,
// counts before commit on a split line, rebalance two grids, lock one and see split refused, export.
// Screenshots go to GRIDPLAN_E2E_SHOTS (default /tmp) for a person to look at.

const baseUrl = inject('baseUrl');
const SHOTS = process.env.GRIDPLAN_E2E_SHOTS ?? '/tmp';
const UNDIVIDED = '510302003004';
let browser: Browser;
let page: Page;
let community: Community;
let street: Position[];
let north: Position;
let streetFile: string;
const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-e2e-divide-'));

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/auto-divide-${name}.png` });
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
      if ([...edges(a)].some((edge) => edges(b).has(edge))) return [a, b];
    }
  throw new Error('no adjacent grids');
}

beforeAll(async () => {
  const parsed = parseDivisionGeoJson(await readFile('resources/demo/demo-township.geojson', 'utf8'));
  if (!parsed.ok) throw new Error('demo does not parse');
  community = [...parsed.value.community.values()].find((c) => c.code === UNDIVIDED)!;
  ({ street, north } = streetThrough(community));
  streetFile = path.join(dir, '道路.geojson');
  writeFileSync(
    streetFile,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '新民路', fclass: 'residential' },
          geometry: { type: 'LineString', coordinates: street },
        },
      ],
    }),
  );
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await openApp(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

describe('自动划分, 追踪, 平衡 and 锁定 in Chromium', () => {
  /** The grid drawn along the street with 追踪, then the codes the division proposed. */
  let traced = '';
  let proposedCodes: string[] = [];
  /** The project right after the proposal was accepted. */
  let divided: Division;

  it('imports a street as a reference layer (参考图层)', async () => {
    await page.click(`[data-community-code="${UNDIVIDED}"]`);
    await waitForMapIdle(page);
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', streetFile);
    await page.waitForSelector('[data-testid="reference-import"]');
    expect(await page.locator('[data-testid="import-layer"]').inputValue()).toBe('reference');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="map"][data-features-gp-references="1"]');
    await waitForMapIdle(page);
    await page.click('[data-testid="notice"] button');
    await shot('0-street');
  });

  it('draws one grid along the street with 追踪: its edge is the street, vertex for vertex', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('n');
    await page.keyboard.press('t');
    const a = street[1]!;
    const b = street[5]!;
    await clickAt(page, a[0]!, a[1]!, { dx: 3, dy: 2 });
    await clickAt(page, b[0]!, b[1]!, { dx: -2, dy: 3 });
    await clickAt(page, north[0]!, north[1]!);
    await clickAt(page, a[0]!, a[1]!, { dx: 3, dy: 2 });
    await saved(page);
    await page.keyboard.press('t');
    await page.keyboard.press('Escape');
    const { division } = await exportDivision(page);
    const mine = [...division.grid.values()].filter((g) => g.parentCode === UNDIVIDED);
    expect(mine).toHaveLength(1);
    traced = mine[0]!.code;
    const ring = mine[0]!.geometry.type === 'Polygon' ? mine[0]!.geometry.coordinates[0]! : [];
    expect(runsAlong(ring, street.slice(1, 6))).toBe(true);
    await shot('1-traced');
  });

  it('divides the rest of the community with the street as a guide: preview, all in band, accept', async () => {
    await page.click('[data-testid="divide-button"]');
    await page.selectOption('[data-testid="divide-community"]', `community-${UNDIVIDED}`);
    await page.check('[data-testid="divide-guide"]');
    await page.waitForFunction(
      () => /\d+–\d+/.test(document.querySelector('[data-testid="divide-feasible"]')?.textContent ?? ''),
      null,
      { timeout: 30_000 },
    );
    await shot('2-dialog');
    await page.click('[data-testid="divide-run"]');
    await page.waitForSelector('[data-testid="divide-table"]', { timeout: 60_000 });
    await waitForMapIdle(page);
    await shot('3-preview');
    const rows = await page.$$eval('[data-testid="divide-table"] tbody tr', (items) =>
      items.map((row) => ({
        code: row.querySelector('td')?.textContent?.trim() ?? '',
        status: row.getAttribute('data-status'),
      })),
    );
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((row) => row.status === 'ok')).toBe(true);
    proposedCodes = rows.map((row) => row.code);
    expect(proposedCodes).not.toContain(traced);
    // Nothing reaches the project before 接受.
    expect((await treeGrids(UNDIVIDED)).map((g) => g.code)).toEqual([traced]);
    await page.click('[data-testid="divide-accept"]');
    await saved(page);
    await page.click('[data-testid="notice"] button');
    const grids = await treeGrids(UNDIVIDED);
    expect(grids.map((g) => g.code).sort()).toEqual([traced, ...proposedCodes].sort());
    for (const g of grids) if (g.code !== traced) expect(g.status).toContain('status-ok');

    await page.click('[data-testid="validate-all"]');
    await page.waitForSelector('[data-testid="rule-table"]', { timeout: 60_000 });
    const coverage = await page.$$eval('button[data-rule="gap"], button[data-rule="overlap"]', (items) =>
      items.map((item) => item.textContent ?? ''),
    );
    expect(coverage.filter((message) => message.includes('新民社区') || message.includes(UNDIVIDED))).toEqual(
      [],
    );
    await shot('4-accepted');
    divided = (await exportDivision(page)).division;
  });

  it('shows the households of each part at the cursor while a split line is drawn', async () => {
    const division = divided;
    // A proposed grid that a west-east line through its interior splits in two (not every shape is).
    const across = (grid: Grid) => {
      const xs = (grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : []).map((p) => p[0]!);
      const [, y] = interiorPoint(preparePolygon(grid.geometry));
      const west = Math.min(...xs);
      const east = Math.max(...xs);
      return {
        y,
        west,
        east,
        line: [
          [west - (east - west) * 0.2, y],
          [east + (east - west) * 0.2, y],
        ],
      };
    };
    const grid = [...division.grid.values()].find((g) => {
      if (!proposedCodes.includes(g.code)) return false;
      const split = splitGridCommand(division, g.id, across(g).line, { keepCodeOnLarger: true });
      return (
        split.ok &&
        split.value.put.filter((e) => e.layer === 'grid' && (e.id === g.id || !division.grid.has(e.id)))
          .length === 2
      );
    })!;
    const { y, west, east } = across(grid);
    // Selected with a click on the map (the long tree scrolls under the pointer while it re-renders).
    await selectOnMap(page, grid);
    await page.keyboard.press('s');
    await clickAt(page, west - (east - west) * 0.2, y);
    const end = await screenOf(page, east + (east - west) * 0.2, y);
    await page.mouse.move(end.x, end.y, { steps: 8 });
    await page.waitForTimeout(1500);
    await shot('5-counts-before-commit');
    await page.waitForSelector('[data-testid="sketch-counts"]', { timeout: 20_000 });
    const parts = await page.$$eval('[data-testid="sketch-counts"] .part', (items) =>
      items.map((item) => ({ text: item.textContent ?? '', status: item.getAttribute('data-status') })),
    );
    expect(parts).toHaveLength(2);
    // The preview names the grid the line will split: the selected one.
    expect(await page.getAttribute('[data-testid="sketch-counts"]', 'data-targets')).toBe(grid.code);
    expect(parts[0]!.text).toMatch(/^① [\d,]+ 户$/);
    expect(parts[1]!.text).toMatch(/^② [\d,]+ 户$/);
    await page.keyboard.press('Escape');
  });

  it('rebalances two adjacent grids, keeping their codes', async () => {
    const proposed = [...divided.grid.values()].filter((g) => proposedCodes.includes(g.code));
    const [a, b] = adjacentPair(proposed);
    await page.keyboard.press('Escape');
    await page.click(`[data-community-code="${UNDIVIDED}"]`);
    await waitForMapIdle(page);
    await page.click('[data-testid="rebalance-button"]');
    for (const grid of [a, b]) {
      const [x, y] = interiorPoint(preparePolygon(grid.geometry));
      await clickAt(page, x, y);
    }
    await page.click('[data-testid="rebalance-run"]');
    await page.waitForSelector('[data-testid="divide-table"]', { timeout: 60_000 });
    await waitForMapIdle(page);
    await shot('6-rebalance-preview');
    const codes = await page.$$eval('[data-testid="divide-table"] tbody tr td:first-child', (cells) =>
      cells.map((cell) => cell.textContent?.trim() ?? ''),
    );
    expect(codes.sort()).toEqual([a.code, b.code].sort());
    await page.click('[data-testid="divide-accept"]');
    await saved(page);
    await page.click('[data-testid="notice"] button');
    expect((await treeGrids(UNDIVIDED)).map((g) => g.code).sort()).toEqual([traced, ...proposedCodes].sort());
  });

  it('locks a grid: the tree and map show it, split is refused naming it, the export keeps it', async () => {
    const before = await exportDivision(page);
    const grid = [...before.division.grid.values()].find((g) => g.code === proposedCodes.at(-1))!;
    // Selected with a click on the map: the tree's search re-renders under the pointer and could select
    // another grid (光明社区第8网格 was seen), and the split line would then miss the locked grid.
    await selectOnMap(page, grid);
    await page.click('[data-testid="attr-lock"]');
    await saved(page);
    await page.waitForSelector(`[data-grid-code="${grid.code}"] [data-testid="tree-locked"]`);
    await selectOnMap(page, grid);
    // A line across the grid, west–east or north–south, whichever has both ends on the map (a click
    // beyond the map's edge lands on the panel beside it and the line is never finished).
    const ring = grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : [];
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    const [ix, iy] = interiorPoint(preparePolygon(grid.geometry));
    const [west, east, south, northmost] = [
      Math.min(...xs),
      Math.max(...xs),
      Math.min(...ys),
      Math.max(...ys),
    ];
    const candidates: Position[][] = [
      [
        [west - (east - west) * 0.2, iy],
        [east + (east - west) * 0.2, iy],
      ],
      [
        [ix, south - (northmost - south) * 0.2],
        [ix, northmost + (northmost - south) * 0.2],
      ],
    ];
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    const onMap = async (p: Position) => {
      const s = await screenOf(page, p[0]!, p[1]!);
      return (
        s.x > box.x + 10 && s.x < box.x + box.width - 10 && s.y > box.y + 10 && s.y < box.y + box.height - 10
      );
    };
    let line = candidates[0]!;
    for (const candidate of candidates)
      if ((await onMap(candidate[0]!)) && (await onMap(candidate[1]!))) {
        line = candidate;
        break;
      }
    await page.keyboard.press('s');
    await clickAt(page, line[0]![0]!, line[0]![1]!);
    await clickAt(page, line[1]![0]!, line[1]![1]!);
    await clickAt(page, line[1]![0]!, line[1]![1]!);
    await shot('7-lock-split-drawn');
    await page.waitForSelector('[data-testid="notice"]', { timeout: 20_000 });
    const notice = (await page.locator('[data-testid="notice"]').textContent()) ?? '';
    await shot('7-lock-refused');
    expect(notice).toContain('已锁定');
    expect(notice).toContain(grid.code);
    await page.click('[data-testid="notice"] button');
    await page.keyboard.press('Escape');

    const { division, text } = await exportDivision(page);
    expect([...division.grid.values()].filter((g) => g.locked).map((g) => g.code)).toEqual([grid.code]);
    const raw = JSON.parse(text) as { features: { properties: Record<string, unknown> }[] };
    expect(raw.features.find((f) => f.properties.code === grid.code)!.properties.locked).toBe(true);
    // The exported division: the divided community has no gap or overlap and the proposed grids in band.
    const report = validateDivision(division, builtinRuleSet('zigong')!);
    const mine = report.issues.filter(
      (issue) =>
        (issue.rule === 'gap' || issue.rule === 'overlap') &&
        (issue.parentCode === UNDIVIDED || issue.codes.some((code) => code.startsWith(UNDIVIDED))),
    );
    expect(mine).toEqual([]);
    const inBand = report.grids.filter((g) => proposedCodes.includes(g.code)).map((g) => g.target);
    expect(inBand).toHaveLength(proposedCodes.length);
    expect(inBand.every((target) => target === 'ok')).toBe(true);
    await shot('8-exported');
  });
});
