import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

/** Debian's Chromium; `npx playwright install` cannot download browsers here. */
export const CHROMIUM_PATH = process.env.GRIDPLAN_CHROMIUM ?? '/usr/bin/chromium';

/** What a browser with a profile on disk is launched with (no `storageState`: the profile is the state). */
type ProfileOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

/** Headless Chromium's switches: WebGL through SwiftShader, no background network traffic. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-first-run',
];

function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run scripts/ensure-chromium.mjs (apt-get install chromium)`,
    );
  }
}

/** Launches headless Chromium with WebGL through SwiftShader and no background network traffic. */
export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * The same Chromium with a profile kept in `userDataDir`, as a planner's browser or Electron keeps one:
 * its caches are on disk and V8's code cache is used (a context of `launchBrowser` is off the record,
 * where Chromium compiles every script afresh in each new window).
 */
export async function launchProfileBrowser(
  userDataDir: string,
  options: Omit<ProfileOptions, 'executablePath' | 'headless' | 'args'> = {},
): Promise<BrowserContext> {
  assertChromium();
  return chromium.launchPersistentContext(userDataDir, {
    ...options,
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** Opens the app at the base URL and waits until the map has loaded its style and settled. */
export async function openApp(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await waitForCounts(page);
  await waitForMapIdle(page);
}

/**
 * Waits until the window's figures are counted: a project opens with them pending until the validation
 * worker has checked it (grids neutral, counts shown as …), then the fills take their target colours.
 */
export async function waitForCounts(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="status-bar"][data-counts="counted"]', { timeout: 120_000 });
}

/**
 * Waits until the map shows a project (the map is created before the project is read: `data-project`
 * is set once the view is fitted to it) and MapLibre has drawn everything it was asked to.
 */
export async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="map"][data-map-ready="true"][data-project]', { timeout: 60_000 });
  // Give pending setData calls a frame to start before waiting for idle.
  await page.waitForTimeout(300);
  await page.waitForSelector('[data-testid="map"][data-map-idle="true"]', { timeout: 60_000 });
}

/** The map canvas as decoded pixels. */
export async function mapPixels(page: Page): Promise<PNG> {
  const shot = await page.locator('[data-testid="map"] canvas').screenshot();
  return PNG.sync.read(shot);
}

/** Counts pixels close to an RGB colour (within `tolerance` per channel). */
export function countColour(png: PNG, rgb: readonly [number, number, number], tolerance = 24): number {
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (
      Math.abs(png.data[i]! - rgb[0]) <= tolerance &&
      Math.abs(png.data[i + 1]! - rgb[1]) <= tolerance &&
      Math.abs(png.data[i + 2]! - rgb[2]) <= tolerance
    ) {
      count++;
    }
  }
  return count;
}

/** Records console errors and failed requests so a test can assert the page stayed offline and clean. */
export function watchPage(page: Page): { errors: string[]; requests: string[] } {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  return { errors, requests };
}
