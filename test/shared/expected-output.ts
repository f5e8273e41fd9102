import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The expected output of a fixture, read from its `out.json`. A missing file fails the test instead of
 * being written from what the code gives now (which would pass whatever the code does); `REGEN=1`
 * rewrites it from `actual`, as Turf's fixtures do. Review the diff before committing a regenerated file.
 */
export function expectedOutput<T>(expectedPath: string, actual: T): T {
  if (process.env.REGEN === '1') writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
  if (!existsSync(expectedPath)) {
    throw new Error(
      `${expectedPath} is missing: write it with REGEN=1 npx vitest run <this test file>, then review it.`,
    );
  }
  return JSON.parse(readFileSync(expectedPath, 'utf8')) as T;
}
