import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { TestProject } from 'vitest/node';
// The same server and Content-Security-Policy as `npm start` in browser mode.
import { createStaticServer, loadContentSecurityPolicy } from '../../scripts/start.mjs';

let server: Server | undefined;

/** Builds the renderer once and serves it on a free loopback port for all end-to-end tests. */
export async function setup(project: TestProject): Promise<void> {
  if (!process.env.GRIDPLAN_E2E_SKIP_BUILD) {
    // The build a planner gets: Vitest sets NODE_ENV=test, which this child would inherit, and Vite then
    // bundles React's development build (StrictMode runs every effect twice, so a project opened twice).
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  const started = createStaticServer('dist/renderer', await loadContentSecurityPolicy());
  server = started;
  const port = await new Promise<number>((resolve, reject) => {
    started.once('error', reject);
    started.listen(0, '127.0.0.1', () => {
      const address = started.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  project.provide('baseUrl', `http://127.0.0.1:${port}/`);
}

export async function teardown(): Promise<void> {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
