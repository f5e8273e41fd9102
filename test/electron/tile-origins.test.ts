import type { Session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler } from '../../electron/app-protocol';
import {
  canonicalTileOrigin,
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  parseTileOrigins,
  TILE_ORIGINS_ENV,
} from '../../electron/content-security-policy';
import { hardenSession } from '../../electron/security';
import * as start from '../../scripts/start.mjs';
import { createFakeSession } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

/** The policy parsed back into directive → sources, as a browser reads it. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('tile origins a user basemap may be allowed', () => {
  it('are https origins, or http on this machine, written as browsers write origins', () => {
    expect(canonicalTileOrigin('https://T0.Tianditu.gov.cn/')).toBe('https://t0.tianditu.gov.cn');
    expect(canonicalTileOrigin('https://tiles.example.cn:8443')).toBe('https://tiles.example.cn:8443');
    expect(canonicalTileOrigin('https://tiles.example.cn:443')).toBe('https://tiles.example.cn');
    expect(canonicalTileOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(canonicalTileOrigin('http://localhost:80')).toBe('http://localhost');
    expect(canonicalTileOrigin('http://[::1]:9000')).toBe('http://[::1]:9000');
  });

  it.each([
    'http://tiles.example.cn',
    'https:',
    'https://*',
    'https://*.tianditu.gov.cn',
    '*',
    'https://tiles.example.cn/path',
    'https://tiles.example.cn?x=1',
    "https://tiles.example.cn 'unsafe-inline'",
    "'unsafe-eval'",
    'ws://127.0.0.1:1',
    'data:',
    'https://user@tiles.example.cn',
    'https://tiles..example.cn',
    'https://tiles.example.cn:99999',
  ])('refuse %s', (value) => {
    expect(canonicalTileOrigin(value)).toBeNull();
  });

  it('are read from GRIDPLAN_TILE_ORIGINS, separated by commas or spaces, refused entries kept apart', () => {
    expect(TILE_ORIGINS_ENV).toBe('GRIDPLAN_TILE_ORIGINS');
    expect(parseTileOrigins(undefined)).toEqual({ origins: [], rejected: [] });
    expect(
      parseTileOrigins(
        'https://t0.tianditu.gov.cn, https://t1.tianditu.gov.cn https://t0.tianditu.gov.cn,http://evil.example',
      ),
    ).toEqual({
      origins: ['https://t0.tianditu.gov.cn', 'https://t1.tianditu.gov.cn'],
      rejected: ['http://evil.example'],
    });
  });
});

describe('contentSecurityPolicy(tileOrigins)', () => {
  it('is the strict policy when no origin is given', () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicy(['http://evil.example', '*'])).toBe(CONTENT_SECURITY_POLICY);
  });

  it('adds the named servers to img-src and connect-src only', () => {
    const relaxed = parsePolicy(
      contentSecurityPolicy(['https://t0.tianditu.gov.cn', 'http://127.0.0.1:8080']),
    );
    const strict = parsePolicy(CONTENT_SECURITY_POLICY);
    for (const [directive, sources] of strict) {
      if (directive === 'img-src' || directive === 'connect-src') {
        expect(relaxed.get(directive)).toEqual([
          ...sources,
          'https://t0.tianditu.gov.cn',
          'http://127.0.0.1:8080',
        ]);
      } else {
        expect(relaxed.get(directive), directive).toEqual(sources);
      }
    }
    expect(relaxed.get('script-src')).toEqual(["'self'"]);
  });
});

describe('the desktop session with tile origins', () => {
  const listeners = (origins?: string[]) => {
    const session = createFakeSession();
    hardenSession(session as unknown as Session, origins ? { tileOrigins: origins } : undefined);
    const [, beforeRequest] = session.webRequest.onBeforeRequest.mock.calls[0] as [
      unknown,
      (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void,
    ];
    const [headersReceived] = session.webRequest.onHeadersReceived.mock.calls[0] as [
      (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: unknown) => void,
      ) => void,
    ];
    const cancelled = (url: string): boolean | undefined => {
      const callback = vi.fn();
      beforeRequest({ url }, callback);
      return (callback.mock.calls[0]![0] as { cancel?: boolean }).cancel;
    };
    const policy = (): string => {
      const callback = vi.fn();
      headersReceived({ responseHeaders: {} }, callback);
      return (callback.mock.calls[0]![0] as { responseHeaders: Record<string, string[]> }).responseHeaders[
        'Content-Security-Policy'
      ]![0]!;
    };
    return { cancelled, policy };
  };

  it('lets requests through to the allowed servers only', () => {
    const { cancelled, policy } = listeners(['https://t0.tianditu.gov.cn', 'http://127.0.0.1:8080']);
    expect(cancelled('https://t0.tianditu.gov.cn/img_w/wmts?TILEMATRIX=1')).toBe(false);
    expect(cancelled('http://127.0.0.1:8080/1/2/3.png')).toBe(false);
    expect(cancelled('https://t1.tianditu.gov.cn/img_w/wmts')).toBe(true);
    expect(cancelled('http://127.0.0.1:8081/1/2/3.png')).toBe(true);
    expect(cancelled('wss://t0.tianditu.gov.cn/')).toBe(true);
    expect(cancelled('https://t0.tianditu.gov.cn.evil.example/')).toBe(true);
    expect(policy()).toBe(contentSecurityPolicy(['https://t0.tianditu.gov.cn', 'http://127.0.0.1:8080']));
  });

  it('cancels every remote request and sends the strict policy by default', () => {
    const { cancelled, policy } = listeners();
    expect(cancelled('https://t0.tianditu.gov.cn/img_w/wmts')).toBe(true);
    expect(cancelled('http://127.0.0.1:8080/1/2/3.png')).toBe(true);
    expect(policy()).toBe(CONTENT_SECURITY_POLICY);
  });

  describe('and its app:// pages', () => {
    let root = '';
    beforeAll(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'gridplan-tile-csp-'));
      await writeFile(path.join(root, 'index.html'), '<!doctype html><title>GridPlan</title>');
    });
    afterAll(() => rm(root, { recursive: true, force: true }));

    it('carry the policy they are given', async () => {
      const policy = contentSecurityPolicy(['https://t0.tianditu.gov.cn']);
      const response = await createAppProtocolHandler(root, policy)(new Request('app://gridplan/'));
      expect(response.headers.get('Content-Security-Policy')).toBe(policy);
    });
  });
});

describe('npm start in browser mode', () => {
  it('compiles the same policy, with the tile origins of the environment', async () => {
    expect(await start.loadContentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
    const tiles = await start.tileOriginsFromEnv({
      GRIDPLAN_TILE_ORIGINS: 'http://127.0.0.1:9000,http://x.example',
    });
    expect(tiles).toEqual({ origins: ['http://127.0.0.1:9000'], rejected: ['http://x.example'] });
    expect(await start.loadContentSecurityPolicy(tiles.origins)).toBe(contentSecurityPolicy(tiles.origins));
    expect(await start.tileOriginsFromEnv({})).toEqual({ origins: [], rejected: [] });
  });
});
