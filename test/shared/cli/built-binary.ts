import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';

/** The project's root, where scripts/build-cli.mjs lives. */
export const projectRoot = path.resolve(import.meta.dirname, '../../..');

export interface BinaryRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Builds the CLI bundle as `npm run build:cli` does, into `folder` (a test's own temporary folder, so
 * no test races another's build), and answers the path of the executable script.
 */
export function buildCliInto(folder: string): string {
  const binary = path.join(folder, 'gridplan.js');
  const build = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { buildCli } = await import(${JSON.stringify(path.join(projectRoot, 'scripts/build-cli.mjs'))}); await buildCli({ outfile: ${JSON.stringify(binary)}, quiet: true });`,
    ],
    { encoding: 'utf8', cwd: projectRoot },
  );
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
  return binary;
}

/** Runs the built `binary` with node in `cwd`, as a user's shell would. */
export function runBinary(binary: string, cwd: string, args: readonly string[]): BinaryRun {
  const result = spawnSync(process.execPath, [binary, ...args], { encoding: 'utf8', cwd });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
