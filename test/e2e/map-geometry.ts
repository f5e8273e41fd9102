import type { Page } from 'playwright-core';

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
