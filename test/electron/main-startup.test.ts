import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/content-security-policy';
import { IPC_CHANNELS, IPC_EVENTS } from '../../shared/ipc';
import { fakeElectron, FakeWebContents } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const fake = fakeElectron();
const { app, protocol, Menu, BrowserWindow } = fake.module;

beforeAll(async () => {
  await import('../../electron/main');
});

describe('before the app is ready', () => {
  it('privileges the app scheme, fixes the user-data folder and sandboxes every renderer', () => {
    // The fake throws if any of these happen after ready, as Electron does (or, for the folder,
    // as would silently split the data between two folders).
    expect(fake.calls.slice(0, 4)).toEqual([
      'registerSchemesAsPrivileged',
      'setName GridPlan',
      `setPath userData ${path.join('/fake/appData', 'GridPlan')}`,
      'enableSandbox',
    ]);
    expect(fake.windows).toHaveLength(0);
  });

  it('hardens every web contents Electron creates', () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
});

describe('once the app is ready', () => {
  beforeAll(() => fake.becomeReady());

  it('hardens the session, serves app://, registers IPC and the menu, then opens the window', () => {
    const afterReady = fake.calls.slice(fake.calls.indexOf('ready') + 1);
    expect(afterReady).toEqual(['protocol.handle app', 'setApplicationMenu', 'new BrowserWindow']);
    const session = fake.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.setPermissionCheckHandler).toHaveBeenCalled();
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalled();
    const hardenedAt = session.setPermissionRequestHandler.mock.invocationCallOrder[0] ?? Infinity;
    const servedAt = protocol.handle.mock.invocationCallOrder[0] ?? -Infinity;
    expect(hardenedAt).toBeLessThan(servedAt);
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('opens one secure window on the app origin with the bundled preload', () => {
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0];
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(path.basename(String(window?.options.webPreferences?.preload))).toBe('preload.cjs');
    expect(window?.loadURL).toHaveBeenCalledWith('app://gridplan/index.html');
  });

  it('serves the renderer build with the CSP through the protocol it installed', async () => {
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    // dist/renderer may not be built in a test run: a 404 still proves the handler is ours and guarded.
    const response = await handler?.(new Request('app://gridplan/..%2f..%2fpackage.json'));
    expect(response?.status).toBe(404);
    const page = await handler?.(new Request('app://gridplan/index.html'));
    if (page?.status === 200)
      expect(page.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('sends menu commands to the window, and the menu is Chinese by default', () => {
    const [template] = Menu.buildFromTemplate.mock.calls.at(-1) as [
      { label?: string; submenu?: { label?: string; click?: () => void }[] }[],
    ];
    const file = template.find((item) => item.label === '文件(&F)');
    expect(file).toBeDefined();
    const open = file?.submenu?.find((item) => item.label === '导入…');
    BrowserWindow.getFocusedWindow.mockReturnValueOnce(null);
    open?.click?.();
    expect(fake.windows[0]?.webContents.send).toHaveBeenCalledWith(IPC_EVENTS.menuCommand, 'import');
  });

  it('quits when the last window closes (except on macOS)', () => {
    app.emit('window-all-closed');
    if (process.platform === 'darwin') expect(app.quit).not.toHaveBeenCalled();
    else expect(app.quit).toHaveBeenCalled();
  });
});
