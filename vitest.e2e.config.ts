import { defineConfig } from 'vitest/config';

// End-to-end tests: a real Chromium (Debian's) drives the built app served on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One browser at a time: the machine has two cores and WebGL runs in software.
    fileParallelism: false,
  },
});
