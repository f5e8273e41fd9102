import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import isolationHeaders from './electron/isolation-headers.json';

// One config for the renderer build (served in the browser and loaded by Electron) and the unit tests.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  // Each worker one self-contained script: loads as a classic or a module worker alike (docs/adr/0006).
  worker: { format: 'iife' },
  // Cross-origin isolated as the app's own servers make it (electron/isolation-headers.json).
  server: { host: '127.0.0.1', headers: isolationHeaders },
  preview: { host: '127.0.0.1', headers: isolationHeaders },
  test: {
    root: '.',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['test/setup/property-seed.ts', 'test/setup/census-equality.ts'],
    // Timeouts catch hangs, not slowness: a CI machine may be ten times slower than a developer's (the
    // slowest test takes about 5 s on an idle 2-core machine).
    testTimeout: 300_000,
    // Hooks build fixtures (the demo township, the CLI bundle): slow when the 2-core machine is loaded.
    hookTimeout: 600_000,
  },
});
