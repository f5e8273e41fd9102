import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface BuildElectronModule {
  buildElectron(options: { outdir: string; quiet?: boolean }): Promise<{ main: string; preload: string }>;
  requiredModules(code: string): string[];
}

// The build script is plain JavaScript run by Node; a computed specifier keeps TypeScript from asking
// for its declarations, and the interface above says what the test relies on.
const scriptPath = path.resolve(import.meta.dirname, '../../scripts/build-electron.mjs');
const { buildElectron, requiredModules } = (await import(
  /* @vite-ignore */ scriptPath
)) as BuildElectronModule;

let outdir = '';
let main = '';
let preload = '';
beforeAll(async () => {
  outdir = await mkdtemp(path.join(tmpdir(), 'gridplan-build-'));
  const built = await buildElectron({ outdir, quiet: true });
  main = await readFile(built.main, 'utf8');
  preload = await readFile(built.preload, 'utf8');
});
afterAll(() => rm(outdir, { recursive: true, force: true }));

describe('requiredModules', () => {
  it('lists what a bundle requires', () => {
    expect(requiredModules('require("electron"); require(\'node:fs\'); require("electron")')).toEqual([
      'electron',
      'node:fs',
    ]);
  });
});

describe('the Electron build', () => {
  it('makes a sandbox-compatible preload: CommonJS whose only require is electron', () => {
    expect(requiredModules(preload)).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("gridplan"');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    // Nothing exported either: the sandbox guarantees `require('electron')`, not a Node module system.
    expect(preload).not.toMatch(/module\.exports|exports\./);
  });

  it('bundles the main process with only electron and Node built-ins left external', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    for (const name of requiredModules(main))
      expect(name === 'electron' || builtins.has(name), name).toBe(true);
    expect(requiredModules(main)).toContain('electron');
  });

  it('bakes in GridPlan’s version, not Electron’s', async () => {
    const { version } = JSON.parse(
      await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as { version: string };
    expect(main).toContain(JSON.stringify(version));
    expect(main).not.toContain('__GRIDPLAN_VERSION__');
  });
});
