import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../electron/app-origin';
import { createMainWindow, SECURE_WEB_PREFERENCES } from '../../electron/window';
import { fakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const fake = fakeElectron();
await fake.becomeReady();

function openWindow(allowDevTools: boolean) {
  createMainWindow({
    preloadPath: '/app/dist-electron/preload.cjs',
    allowDevTools,
    title: 'GridPlan 网格规划',
  });
  const window = fake.windows.at(-1);
  if (!window) throw new Error('no window was created');
  return window;
}

describe('the main window', () => {
  it('is created with every security flag set explicitly', () => {
    const preferences = openWindow(false).options.webPreferences;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    // Set, not merely defaulted: a missing key would silently follow Electron's default of the day.
    for (const key of ['contextIsolation', 'sandbox', 'nodeIntegration', 'webSecurity']) {
      expect(Object.hasOwn(preferences ?? {}, key), key).toBe(true);
    }
  });

  it("caches V8's compiled code of the app's scripts from their first load", () => {
    expect(openWindow(false).options.webPreferences?.v8CacheOptions).toBe('bypassHeatCheck');
  });

  it('keeps the shared preferences constant unchanged', () => {
    expect(SECURE_WEB_PREFERENCES).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    });
  });

  it('uses the bundled preload and allows developer tools only when told to', () => {
    const packaged = openWindow(false).options.webPreferences;
    expect(packaged?.preload).toBe('/app/dist-electron/preload.cjs');
    expect(packaged?.devTools).toBe(false);
    expect(openWindow(true).options.webPreferences?.devTools).toBe(true);
  });

  it('is hardened before it loads the app origin', () => {
    const window = openWindow(false);
    expect(window.webContents.setWindowOpenHandler).toHaveBeenCalled();
    expect(window.webContents.listenerCount('will-navigate')).toBeGreaterThan(0);
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith(APP_ENTRY_URL);
    expect(APP_ENTRY_URL).toBe('app://gridplan/index.html');
    const hardenedAt = window.webContents.setWindowOpenHandler.mock.invocationCallOrder[0] ?? Infinity;
    const loadedAt = window.loadURL.mock.invocationCallOrder[0] ?? -Infinity;
    expect(hardenedAt).toBeLessThan(loadedAt);
  });

  it('shows itself only when ready, so no blank white frame flashes', () => {
    const window = openWindow(false);
    expect(window.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });
});
