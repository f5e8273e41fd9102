import type { Session } from 'electron';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler } from '../../electron/app-protocol';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../../electron/content-security-policy';
import { hardenSession } from '../../electron/security';
import type { AllowListStore } from '../../electron/tile-allow-list';
import { smallFile } from '../../electron/small-file';
import { TileAllowList } from '../../electron/tile-allow-list';
import { createFakeSession } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

function memoryStore(initial?: string): AllowListStore & { contents: string | undefined } {
  const store = {
    contents: initial,
    read: () => store.contents,
    write: (contents: string) => {
      store.contents = contents;
    },
  };
  return store;
}

describe('the run-time allow-list of tile servers (docs/adr/0007)', () => {
  it('adds https origins in canonical form, stores them, and refuses anything else bilingually', () => {
    const store = memoryStore();
    const list = new TileAllowList(['https://t0.tianditu.gov.cn'], store);
    expect(list.add('https://Tiles.Example.cn:443/')).toEqual({
      ok: true,
      value: 'https://tiles.example.cn',
    });
    const refused = list.add('https://*.example.cn');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.problems[0]!.message.zh).toContain('不能作为瓦片服务器');
      expect(refused.problems[0]!.message.en).toContain('cannot be a tile server');
    }
    expect(list.add('http://tiles.example.cn').ok).toBe(false);
    expect(list.origins()).toEqual(['https://t0.tianditu.gov.cn', 'https://tiles.example.cn']);
    expect(JSON.parse(store.contents!)).toEqual({ origins: ['https://tiles.example.cn'] });
    expect(list.policy()).toBe(
      contentSecurityPolicy(['https://t0.tianditu.gov.cn', 'https://tiles.example.cn']),
    );
    list.remove('https://tiles.example.cn');
    list.remove('https://t0.tianditu.gov.cn'); // from the start: stays until restart
    expect(list.origins()).toEqual(['https://t0.tianditu.gov.cn']);
  });

  it('reads a stored list again, checking every entry (a hand-edited wildcard is dropped)', () => {
    const store = memoryStore(JSON.stringify({ origins: ['https://a.example.cn', '*', 'https:', 42] }));
    expect(new TileAllowList([], store).origins()).toEqual(['https://a.example.cn']);
    expect(new TileAllowList([], memoryStore('not json')).origins()).toEqual([]);
  });

  it('keeps the list in a file that survives a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gridplan-allow-'));
    try {
      const file = path.join(dir, 'tile-origins.json');
      new TileAllowList([], smallFile(file)).add('https://tiles.example.cn');
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ origins: ['https://tiles.example.cn'] });
      expect(new TileAllowList([], smallFile(file)).origins()).toEqual(['https://tiles.example.cn']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is read live by the session filter, the CSP of responses and app:// pages: no restart needed', async () => {
    const list = new TileAllowList([], memoryStore());
    const session = createFakeSession();
    hardenSession(session as unknown as Session, { allowList: list });
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
    const root = await mkdtemp(path.join(tmpdir(), 'gridplan-allow-app-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(root, 'index.html'), '<!doctype html>');
    const page = async () =>
      (await createAppProtocolHandler(root, () => list.policy())(new Request('app://gridplan/'))).headers.get(
        'Content-Security-Policy',
      );
    try {
      expect(cancelled('https://tiles.example.cn/1/2/3.png')).toBe(true);
      expect(policy()).toBe(CONTENT_SECURITY_POLICY);
      expect(await page()).toBe(CONTENT_SECURITY_POLICY);
      list.add('https://tiles.example.cn');
      expect(cancelled('https://tiles.example.cn/1/2/3.png')).toBe(false);
      expect(cancelled('https://other.example.cn/1/2/3.png')).toBe(true);
      expect(policy()).toBe(contentSecurityPolicy(['https://tiles.example.cn']));
      expect(await page()).toBe(contentSecurityPolicy(['https://tiles.example.cn']));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
