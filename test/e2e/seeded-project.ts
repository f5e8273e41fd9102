import { seedCensus, seedProject } from '../../bench/seed-project';
import type { Division } from '../../shared/model';
import { startApp } from './app-steps';
import type { StartedApp } from './app-steps';

/** A browser whose page has the app open and `division` written into its IndexedDB as `projectId`. */
export type SeededProject = StartedApp;

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
  const started = await startApp(baseUrl, { timeoutMs: 120_000 });
  await seedProject(started.page, division, projectId);
  await seedCensus(started.page, division, projectId);
  return started;
}
