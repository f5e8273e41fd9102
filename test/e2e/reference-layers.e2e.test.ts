import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Position } from 'geojson';
import { writeArrayBuffer } from 'geotiff';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import type { Community } from '../../shared/model';
import { countColour, mapPixels, waitForMapIdle } from './browser';
import { saved, startApp } from './app-steps';
import type { StartedApp } from './app-steps';
import { clickAt } from './map-geometry';
import { runsAlong, streetThrough } from './street-geometry';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watched: StartedApp['watched'];
let community: Community;
/** The generated street through the undivided community, on the 1e-9° lattice. */
let street: Position[];
let streetFile: string;
const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-e2e-refs-'));

let north: Position;

beforeAll(async () => {
  const parsed = parseDivisionGeoJson(await readFile('resources/demo/demo-township.geojson', 'utf8'));
  if (!parsed.ok) throw new Error('demo does not parse');
  community = [...parsed.value.community.values()].find((c) => c.name === '新民社区')!;
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
  ({ browser, page, watched } = await startApp(baseUrl, { acceptDownloads: true }));
});

afterAll(async () => {
  await browser?.close();
});

describe('reference layers (参考图层) and tracing (追踪) with real mouse events', () => {
  it('says on the plain map how to get streets to draw along', async () => {
    expect(await page.locator('[data-testid="map-empty-hint"]').textContent()).toContain('底图');
  });

  it('imports a street GeoJSON as a reference layer and draws it under the division', async () => {
    await page.click(`[data-community-code="${community.code}"]`);
    await waitForMapIdle(page);
    const before = countColour(await mapPixels(page), [154, 154, 154], 10);
    await page.click('[data-testid="import-data-button"]');
    await page.setInputFiles('[data-testid="import-files"]', streetFile);
    await page.waitForSelector('[data-testid="reference-import"]');
    // A line file goes to 参考图层 by itself, as a road (fclass, 路), labelled by its name field.
    expect(await page.locator('[data-testid="import-layer"]').inputValue()).toBe('reference');
    expect(await page.locator('[data-testid="reference-role"]').inputValue()).toBe('road');
    expect(await page.locator('[data-testid="reference-label-field"]').inputValue()).toBe('name');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="map"][data-features-gp-references="1"]');
    await waitForMapIdle(page);
    const after = countColour(await mapPixels(page), [154, 154, 154], 10);
    expect(after).toBeGreaterThan(before + 200);
    expect(await page.locator('[data-testid="map-empty-hint"]').count()).toBe(0);
    expect(await page.locator('[data-testid="notice"]').textContent()).toContain('已导入参考图层「道路」');
    await page.screenshot({ path: 'test-results/e2e-reference-layer.png' });
    await page.click('[data-testid="notice"] button');
  });

  it('lists it in the 参考图层 tab, hides and shows it', async () => {
    await page.locator('[role="tab"]', { hasText: '参考图层' }).click();
    expect(await page.locator('[data-testid="reference-row-0"]').textContent()).toContain('道路');
    await page.click('[data-testid="reference-visible-0"]');
    await page.waitForSelector('[data-testid="map"][data-features-gp-references="0"]');
    await page.click('[data-testid="reference-visible-0"]');
    await page.waitForSelector('[data-testid="map"][data-features-gp-references="1"]');
    await waitForMapIdle(page);
  });

  it('draws a grid with 追踪: its edge between two clicks on the street is the street, vertex for vertex', async () => {
    // The checkbox keeps the focus, and keys typed into a field are not shortcuts: leave it first.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('n');
    await page.keyboard.press('t');
    expect(await page.locator('[data-testid="trace-toggle"]').getAttribute('aria-pressed')).toBe('true');
    const a = street[1]!;
    const b = street[5]!;
    // Clicks a few pixels off the street's vertices: snapping puts them on, tracing follows between.
    await clickAt(page, a[0]!, a[1]!, { dx: 3, dy: 2 });
    await clickAt(page, b[0]!, b[1]!, { dx: -2, dy: 3 });
    await clickAt(page, north[0]!, north[1]!);
    await clickAt(page, a[0]!, a[1]!, { dx: 3, dy: 2 });
    await saved(page);
    await page.screenshot({ path: 'test-results/e2e-reference-trace.png' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-button"]'),
    ]);
    const file = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: Position[][] } }[];
    };
    const created = file.features.filter(
      (f) => f.properties.layer === 'grid' && f.properties.parentCode === community.code,
    );
    expect(created).toHaveLength(1);
    const ring = created[0]!.geometry.coordinates[0]!;
    // The street's vertices 1..5, bit-identical and in a row; the free click stays where it was.
    expect(runsAlong(ring, street.slice(1, 6))).toBe(true);
    // The free click is where the pointer was (a pixel is ~0.3 m here), not on any line.
    expect(ring.some((p) => Math.hypot(p[0]! - north[0]!, p[1]! - north[1]!) < 2e-5)).toBe(true);
    expect(ring).toHaveLength(7);
    expect(watched.errors).toEqual([]);
  });

  it('shows a generated GeoTIFF orthophoto as the basemap (影像), tiled from the file', async () => {
    // A 200×200 px magenta image in CGCS2000 longitude/latitude over the community, ~2 m pixels.
    const ring = community.geometry.type === 'Polygon' ? community.geometry.coordinates[0]! : [];
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    const size = 200;
    const step = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / size;
    const band = (value: number) => Array.from({ length: size }, () => new Array<number>(size).fill(value));
    const tiff = writeArrayBuffer([band(230), band(20), band(200)], {
      GTModelTypeGeoKey: 2,
      GeographicTypeGeoKey: 4490,
      ModelPixelScale: [step, step, 0],
      ModelTiepoint: [0, 0, 0, Math.min(...xs), Math.max(...ys), 0],
    });
    const file = path.join(dir, '正射影像.tif');
    writeFileSync(file, new Uint8Array(tiff));
    await page.keyboard.press('Escape');
    await page.click('[data-testid="basemap-button"]');
    await page.waitForSelector('[data-testid="basemap-dialog"]');
    await page.click('[data-testid="basemap-kind-pmtiles"]');
    await page.setInputFiles('[data-testid="basemap-file-input"]', file);
    await page.waitForSelector('[data-testid="basemap-local-summary"]');
    expect(await page.locator('[data-testid="basemap-local-summary"]').textContent()).toContain(
      '影像“正射影像.tif”（GeoTIFF EPSG:4490）',
    );
    await page.click('[data-testid="basemap-save"]');
    await page.waitForSelector('[data-testid="basemap-dialog"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="map"][data-basemap="raster"]');
    await waitForMapIdle(page);
    await page.screenshot({ path: 'test-results/e2e-reference-geotiff.png' });
    // Magenta (230, 20, 200) under the community's pale fill (#fff7d6 at 0.6) is about (245, 156, 208):
    // strong red and blue, much less green. Nothing else on the map has that colour.
    const png = await mapPixels(page);
    let magenta = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (r > 220 && b > 185 && g < 175 && r - g > 60) magenta++;
    }
    expect(magenta / (png.width * png.height)).toBeGreaterThan(0.05);
    expect(watched.errors).toEqual([]);
  });
});
