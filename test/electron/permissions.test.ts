import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenSession } from '../../electron/security';
import type { FakeSession } from './fake-electron';
import { createFakeSession } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

function hardened(): FakeSession {
  const session = createFakeSession();
  hardenSession(session as unknown as Session);
  return session;
}

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'clipboard-read',
  'fullscreen',
  'openExternal',
  'usb',
  'hid',
];

describe('permission requests', () => {
  it('are all denied', () => {
    const session = hardened();
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    const [handler] = session.setPermissionRequestHandler.mock.calls[0] as [
      (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void,
    ];
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      handler({}, permission, callback, { requestingUrl: 'app://gridplan/index.html' });
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('permission checks answer no, even for the app origin', () => {
    const session = hardened();
    const [check] = session.setPermissionCheckHandler.mock.calls[0] as [
      (contents: unknown, permission: string, origin: string, details: unknown) => boolean,
    ];
    for (const permission of PERMISSIONS)
      expect(check(null, permission, 'app://gridplan', {}), permission).toBe(false);
    const [device] = session.setDevicePermissionHandler.mock.calls[0] as [(details: unknown) => boolean];
    expect(device({ deviceType: 'usb', origin: 'app://gridplan' })).toBe(false);
  });
});

describe('remote requests', () => {
  it('are cancelled in the network layer for every remote scheme', () => {
    const session = hardened();
    const [filter, listener] = session.webRequest.onBeforeRequest.mock.calls[0] as [
      { urls: string[] },
      (details: unknown, callback: (response: { cancel?: boolean }) => void) => void,
    ];
    expect(filter.urls).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']),
    );
    const callback = vi.fn();
    listener({ url: 'https://tiles.example.com/1/2/3.pbf' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });
});
