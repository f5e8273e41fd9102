import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/content-security-policy';

type ElectronLookup = { found: true; executable: string } | { found: false; reason: string };
interface StartModule {
  DEFAULT_PORT: number;
  findElectron(options: {
    root: string;
    env: Record<string, string | undefined>;
    platform: string;
  }): ElectronLookup;
  resolveStaticPath(root: string, requestUrl: string): string | undefined;
  loadContentSecurityPolicy(): Promise<string>;
  createStaticServer(root: string, policy: string): Server;
  listenOnFreePort(server: Server, env: Record<string, string | undefined>): Promise<number>;
}

// scripts/start.mjs is plain JavaScript run by Node; a computed specifier keeps TypeScript from asking
// for declarations, and the interface above says what the test relies on. Importing it does not start
// anything: it only runs when it is the entry script.
const scriptPath = path.resolve(import.meta.dirname, '../../scripts/start.mjs');
const start = (await import(/* @vite-ignore */ scriptPath)) as StartModule;

let base = '';
beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'gridplan-start-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

/** A project folder with node_modules/electron in the state `npm ci` leaves it, plus what is asked. */
async function project(name: string, options: { pathTxt?: string; executable?: string }): Promise<string> {
  const root = path.join(base, name);
  const electron = path.join(root, 'node_modules', 'electron');
  await mkdir(electron, { recursive: true });
  await writeFile(path.join(root, 'package.json'), '{"name":"fixture"}');
  await writeFile(
    path.join(electron, 'package.json'),
    '{"name":"electron","version":"45.4.1","main":"index.js"}',
  );
  // Requiring the real module starts a download; this one fails loudly if the script ever requires it.
  await writeFile(
    path.join(electron, 'index.js'),
    'throw new Error("electron was required: that downloads");',
  );
  if (options.pathTxt !== undefined) await writeFile(path.join(electron, 'path.txt'), options.pathTxt);
  if (options.executable !== undefined) {
    const executable = path.join(electron, 'dist', options.executable);
    await mkdir(path.dirname(executable), { recursive: true });
    await writeFile(executable, '#!/bin/sh\n');
    await chmod(executable, 0o755);
  }
  return root;
}

describe('findElectron', () => {
  const linux = (root: string, env: Record<string, string | undefined> = { DISPLAY: ':0' }) =>
    start.findElectron({ root, env, platform: 'linux' });

  it('reports a fresh `npm ci` (no downloaded binary) as not installed, without requiring electron', async () => {
    expect(linux(await project('fresh', {}))).toEqual({ found: false, reason: 'not-installed' });
    expect(linux(await project('half', { pathTxt: 'electron' }))).toEqual({
      found: false,
      reason: 'not-installed',
    });
    expect(linux(path.join(base, 'no-such-project'))).toEqual({ found: false, reason: 'not-installed' });
  });

  it('finds the downloaded binary the way electron/index.js would', async () => {
    const root = await project('installed', { pathTxt: 'electron', executable: 'electron' });
    expect(linux(root)).toEqual({
      found: true,
      executable: path.join(root, 'node_modules', 'electron', 'dist', 'electron'),
    });
  });

  it('falls back to the browser without a display, or when asked to', async () => {
    const root = await project('headless', { pathTxt: 'electron', executable: 'electron' });
    expect(linux(root, {})).toEqual({ found: false, reason: 'no-display' });
    expect(linux(root, { WAYLAND_DISPLAY: 'wayland-0' }).found).toBe(true);
    expect(start.findElectron({ root, env: {}, platform: 'win32' }).found).toBe(true);
    expect(linux(root, { DISPLAY: ':0', GRIDPLAN_MODE: 'browser' })).toEqual({
      found: false,
      reason: 'browser-requested',
    });
  });
});

describe('the browser-mode server', () => {
  let root = '';
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    root = path.join(base, 'dist-renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>GridPlan</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'export {}');
    await writeFile(path.join(root, 'assets', 'index-DZGPbtDR.js'), 'export const built = 1;');
    await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET');
    server = start.createStaticServer(root, await start.loadContentSecurityPolicy());
    const port = await start.listenOnFreePort(server, { PORT: '0' });
    origin = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends exactly the desktop app’s Content-Security-Policy', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>GridPlan</title>');
    const script = await fetch(`${origin}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('makes the page cross-origin isolated, as the desktop protocol does (shared census columns)', async () => {
    for (const url of [`${origin}/`, `${origin}/assets/app.js`]) {
      const response = await fetch(url);
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
    }
  });

  it.each([
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e/secret.txt',
    '/index.html%00',
  ])('refuses path traversal: %s', async (requestPath) => {
    const response = await fetch(`${origin}${requestPath}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('TOP SECRET');
    expect(start.resolveStaticPath(root, requestPath) ?? root).not.toBe(path.join(base, 'secret.txt'));
  });

  it('lets the browser keep hashed build assets and revalidate the rest by ETag', async () => {
    const hashed = await fetch(`${origin}/assets/index-DZGPbtDR.js`);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await fetch(`${origin}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const etag = page.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await fetch(`${origin}/`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await fetch(`${origin}/`, { headers: { 'If-None-Match': '"0-0"' } });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain('<title>GridPlan</title>');
    // A name without a build hash is revalidated, never kept for good.
    expect((await fetch(`${origin}/assets/app.js`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('is read-only', async () => {
    expect((await fetch(`${origin}/index.html`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('listenOnFreePort', () => {
  it('moves to another port when the default one is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) =>
      blocker.once('error', () => resolve()).listen(start.DEFAULT_PORT, '127.0.0.1', resolve),
    );
    const server = createServer();
    try {
      const port = await start.listenOnFreePort(server, {});
      expect(port).not.toBe(start.DEFAULT_PORT);
      expect((server.address() as AddressInfo).port).toBe(port);
    } finally {
      server.close();
      blocker.close();
    }
  });

  it('refuses a PORT that is not a port number', async () => {
    await expect(start.listenOnFreePort(createServer(), { PORT: 'abc' })).rejects.toMatchObject({
      code: 'ERR_INVALID_PORT',
    });
  });
});
