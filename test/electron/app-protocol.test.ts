import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  contentTypeOf,
  createAppProtocolHandler,
  registerAppScheme,
  resolveAppFilePath,
} from '../../electron/app-protocol';
import { fakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

// A build folder next to a secret, so that a traversal that worked would have something to read.
let base = '';
let root = '';
beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'gridplan-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>GridPlan</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'export {}');
  await writeFile(path.join(root, 'assets', '城关镇.geojson'), '{}');
  await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET');
  // A link inside the build that points outside it: containment must be by real path.
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'linked.txt'));
  await symlink(base, path.join(root, 'outside'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

const TRAVERSALS = [
  'app://gridplan/../secret.txt',
  'app://gridplan/assets/../../secret.txt',
  'app://gridplan/%2e%2e/secret.txt',
  'app://gridplan/..%2fsecret.txt',
  'app://gridplan/..%2Fsecret.txt',
  'app://gridplan/assets/..%2f..%2fsecret.txt',
  'app://gridplan/..%5csecret.txt',
  'app://gridplan/assets%5c..%5c..%5csecret.txt',
  'app://gridplan/%2e%2e%2f%2e%2e%2fsecret.txt',
  'app://gridplan/index.html%00.js',
  'app://gridplan/%E0%A4%A',
];

describe('registerAppScheme', () => {
  it('registers app:// as standard, secure and fetch-capable, without bypassing CSP', () => {
    registerAppScheme();
    const { protocol } = fakeElectron().module;
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    const [schemes] = protocol.registerSchemesAsPrivileged.mock.calls[0] as unknown as [
      { scheme: string; privileges: Record<string, boolean> }[],
    ];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]?.scheme).toBe('app');
    expect(schemes[0]?.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(schemes[0]?.privileges.bypassCSP).not.toBe(true);
    expect(schemes[0]?.privileges.corsEnabled).not.toBe(true);
  });
});

describe('resolveAppFilePath', () => {
  it('maps app URLs to files inside the root', () => {
    expect(resolveAppFilePath(root, 'app://gridplan/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFilePath(root, 'app://gridplan/index.html?x=1#map')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFilePath(root, 'app://gridplan/assets/index-abc.js')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFilePath(root, 'app://gridplan/assets/%E5%9F%8E%E5%85%B3%E9%95%87.geojson')).toBe(
      path.join(root, 'assets', '城关镇.geojson'),
    );
    expect(resolveAppFilePath(root, 'app://gridplan/assets/')).toBe(path.join(root, 'assets', 'index.html'));
  });

  it.each(TRAVERSALS)('refuses %s', (url) => {
    const resolved = resolveAppFilePath(root, url);
    if (resolved !== undefined) {
      // The URL parser may already have folded the dots away; what is left must still be inside root.
      expect(path.relative(root, resolved).startsWith('..')).toBe(false);
    }
  });

  it('refuses encoded separators and dots outright', () => {
    for (const url of TRAVERSALS.filter((candidate) => /%2f|%5c|%00|%E0%A4%A$/i.test(candidate))) {
      expect(resolveAppFilePath(root, url), url).toBeUndefined();
    }
  });

  it('refuses any decoded ".." segment, even one that would land back inside the root', () => {
    // Such a URL is never produced by our own pages: only a crafted request contains one.
    expect(resolveAppFilePath(root, 'app://gridplan/assets/..%2findex.html')).toBeUndefined();
    expect(resolveAppFilePath(root, 'app://gridplan/assets/..%5cindex.html')).toBeUndefined();
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppFilePath(root, 'app://other/index.html')).toBeUndefined();
    expect(resolveAppFilePath(root, 'file:///etc/passwd')).toBeUndefined();
    expect(resolveAppFilePath(root, 'https://gridplan/index.html')).toBeUndefined();
    expect(resolveAppFilePath(root, 'garbage')).toBeUndefined();
  });
});

describe('the app protocol handler', () => {
  const serve = (url: string, init?: RequestInit): Promise<Response> =>
    createAppProtocolHandler(root)(new Request(url, init));

  it('serves the build with the right content types', async () => {
    const page = await serve('app://gridplan/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>GridPlan</title>');
    const script = await serve('app://gridplan/assets/index-abc.js');
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('x.wasm')).toBe('application/wasm');
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });

  it('makes the page cross-origin isolated, as the browser-mode server does (shared census columns)', async () => {
    for (const url of ['app://gridplan/', 'app://gridplan/assets/index-abc.js']) {
      const response = await serve(url);
      expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
      expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('credentialless');
    }
  });

  it.each(['app://gridplan/assets/linked.txt', 'app://gridplan/outside/secret.txt'])(
    'never serves a symlink that resolves outside the build: %s',
    async (url) => {
      const response = await serve(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('TOP SECRET');
    },
  );

  it.each(TRAVERSALS)('never serves the secret next to the build: %s', async (url) => {
    const response = await serve(url);
    const body = await response.text();
    expect(body).not.toContain('TOP SECRET');
    expect(response.status).toBe(404);
  });

  it('answers 404 for missing files and folders, and 405 for writes', async () => {
    expect((await serve('app://gridplan/missing.js')).status).toBe(404);
    expect((await serve('app://gridplan/assets')).status).toBe(404);
    expect((await serve('app://gridplan/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
