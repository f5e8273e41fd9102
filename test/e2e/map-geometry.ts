import type { Page } from 'playwright-core';
import { waitForMapIdle } from './browser';

/**
 * Screen position of a longitude/latitude on the map, from the view the map publishes (`data-view`:
 * centre and zoom) and Web Mercator with MapLibre's 512-pixel world at zoom 0, north up.
 */
export async function screenOf(page: Page, lng: number, lat: number): Promise<{ x: number; y: number }> {
  const map = page.locator('[data-testid="map"]');
  const view = await map.getAttribute('data-view');
  const box = await map.boundingBox();
  if (!view || !box) throw new Error('map view not available');
  const [cLng, cLat, zoom] = view.split(',').map(Number) as [number, number, number];
  const world = 512 * 2 ** zoom;
  const mx = (l: number): number => ((l + 180) / 360) * world;
  const my = (φ: number): number => {
    const s = Math.sin((φ * Math.PI) / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world;
  };
  return {
    x: box.x + box.width / 2 + (mx(lng) - mx(cLng)),
    y: box.y + box.height / 2 + (my(lat) - my(cLat)),
  };
}

/** A real click (pointer down and up with a short pause) at a map position. */
export async function clickAt(
  page: Page,
  lng: number,
  lat: number,
  offset: { dx?: number; dy?: number } = {},
) {
  const { x, y } = await screenOf(page, lng, lat);
  const box = await page.locator('[data-testid="map"]').boundingBox();
  const [px, py] = [x + (offset.dx ?? 0), y + (offset.dy ?? 0)];
  // Off the map the click would land on a panel (a grid in the tree list, a button) and do that instead.
  if (!box || px < box.x || py < box.y || px >= box.x + box.width || py >= box.y + box.height)
    throw new Error(`${lng},${lat} is not in the map's view`);
  await page.mouse.move(px, py, { steps: 3 });
  await page.mouse.down();
  await page.waitForTimeout(30);
  await page.mouse.up();
  await page.waitForTimeout(120);
}

/**
 * Does what asks the map to move (a click on a tree row, a zoom button) and waits until the move is done
 * with the position in view. The move may start only after the map last said it was idle, so idle alone
 * is no sign that the view has arrived (under load the next click then landed off the map); the view may
 * also be there already, so a view that never changes is no failure.
 */
export async function moveMapTo(page: Page, ask: () => Promise<void>, lng: number, lat: number) {
  const viewBefore = await page.locator('[data-testid="map"]').getAttribute('data-view');
  await ask();
  await page
    .waitForFunction(
      (before) => document.querySelector('[data-testid="map"]')?.getAttribute('data-view') !== before,
      viewBefore,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  const started = Date.now();
  for (;;) {
    const { x, y } = await screenOf(page, lng, lat);
    const box = await page.locator('[data-testid="map"]').boundingBox();
    if (box && x >= box.x && y >= box.y && x < box.x + box.width && y < box.y + box.height) break;
    if (Date.now() - started > 20_000) throw new Error(`${lng},${lat} never came into the map's view`);
    await page.waitForTimeout(100);
  }
  await waitForMapIdle(page);
}
