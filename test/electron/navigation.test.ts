import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isAppUrl } from '../../electron/app-origin';
import { hardenWebContents } from '../../electron/security';
import { FakeWebContents } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents);
  return contents;
}

const FOREIGN_URLS = [
  'https://example.com/',
  'http://127.0.0.1:5174/index.html',
  'file:///etc/passwd',
  'app://gridplan.evil/index.html',
  'app://gridplan@evil/index.html',
  'app://other/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'not a url',
];

describe('isAppUrl', () => {
  it('accepts only the app origin', () => {
    expect(isAppUrl('app://gridplan/index.html')).toBe(true);
    expect(isAppUrl('app://gridplan/assets/index-abc.js?x=1#y')).toBe(true);
    for (const url of FOREIGN_URLS) expect(isAppUrl(url), url).toBe(false);
  });
});

describe('navigation guard', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)(
    '%s to a foreign URL is prevented',
    (eventName) => {
      const contents = hardened();
      for (const url of FOREIGN_URLS) expect(contents.navigate(eventName, url), url).toBe(true);
    },
  );

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)(
    '%s inside the app is allowed',
    (eventName) => {
      const contents = hardened();
      expect(contents.navigate(eventName, 'app://gridplan/index.html')).toBe(false);
    },
  );

  it('an unhardened web contents would let the navigation through (the test can tell)', () => {
    expect(new FakeWebContents().navigate('will-navigate', 'https://example.com/')).toBe(false);
  });

  it('<webview> tags are refused', () => {
    const contents = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('window.open and target=_blank', () => {
  it('are denied for every URL, our own included', () => {
    const contents = hardened();
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    const handler = contents.windowOpenHandler;
    expect(handler).toBeDefined();
    for (const url of [...FOREIGN_URLS, 'app://gridplan/index.html']) {
      expect(handler?.({ url })).toEqual({ action: 'deny' });
    }
  });
});
