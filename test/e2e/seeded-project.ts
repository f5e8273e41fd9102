import type { Browser, Page } from 'playwright-core';
import { seedCensus, seedProject } from '../../bench/seed-project';
import type { Division } from '../../shared/model';
import { launchBrowser, openApp, watchPage } from './browser';

/** A browser whose page has the app open and `division` written into its IndexedDB as `projectId`. */
export interface SeededProject {
  readonly browser: Browser;
  readonly page: Page;
  readonly watched: ReturnType<typeof watchPage>;
}

/**
 * Opens the app (the demo project, the database created), then writes `division` straight into
 * IndexedDB as schema-v4 rows (bench/seed-project.ts); the next reload opens it, as a planner reopens a
 * big project.
 */
export async function openWithSeededProject(
  baseUrl: string,
  division: Division,
  projectId: string,
): Promise<SeededProject> {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1366, height: 820 } });
  page.setDefaultTimeout(120_000);
  const watched = watchPage(page);
  await openApp(page, baseUrl);
  await seedProject(page, division, projectId);
  await seedCensus(page, division, projectId);
  return { browser, page, watched };
}
