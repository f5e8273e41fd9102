import { app, BrowserWindow, safeStorage, session } from 'electron';
import path from 'node:path';
import type { MenuCommand } from '../shared/ipc';
import { IPC_EVENTS } from '../shared/ipc';
import { text } from '../shared/model';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { installApplicationMenu } from './application-menu';
import { parseTileOrigins, TILE_ORIGINS_ENV } from './content-security-policy';
import { openCityDatabase } from '../scripts/city-pg-database';
import { CityConnectionStore } from './city-connection-store';
import { registerIpcHandlers } from './ipc-handlers';
import { hardenSession, hardenWebContents } from './security';
import { getShellLanguage, localize } from './shell-language';
import { smallFile } from './small-file';
import { TileAllowList } from './tile-allow-list';
import { createMainWindow } from './window';

// Set by scripts/build-electron.mjs from package.json. Electron's app.getVersion() reports Electron's own
// version when the app is started as `electron dist-electron/main.cjs`, as `npm start` does.
declare const __GRIDPLAN_VERSION__: string | undefined;

/** The application name. It names the user-data folder, which holds every project: never change it. */
export const APP_NAME = 'GridPlan';

const WINDOW_TITLE = text('GridPlan 网格规划', 'GridPlan');

/**
 * Starts the desktop shell. Order matters: the scheme must be privileged and the user-data folder fixed
 * before the app is ready; the session is hardened and the protocol installed before the first window
 * loads anything.
 */
export function startDesktopShell(): void {
  registerAppScheme();
  app.setName(APP_NAME);
  // The same folder whether started by `npm start` (where Electron would say "Electron") or installed.
  app.setPath('userData', path.join(app.getPath('appData'), APP_NAME));
  // Every renderer sandboxed, including any we did not create ourselves.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  // Two instances would fight over the same IndexedDB files.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const distElectron = __dirname;
  const rendererRoot = path.join(distElectron, '..', 'dist', 'renderer');
  const preloadPath = path.join(distElectron, 'preload.cjs');
  const version = typeof __GRIDPLAN_VERSION__ === 'string' ? __GRIDPLAN_VERSION__ : app.getVersion();
  let mainWindow: BrowserWindow | undefined;

  const sendCommand = (command: MenuCommand): void => {
    const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
    if (target && !target.isDestroyed()) target.webContents.send(IPC_EVENTS.menuCommand, command);
  };
  const installMenu = (): void =>
    installApplicationMenu({
      language: getShellLanguage(),
      isPackaged: app.isPackaged,
      platform: process.platform,
      sendCommand,
    });
  const openWindow = (): void => {
    mainWindow = createMainWindow({
      preloadPath,
      allowDevTools: !app.isPackaged,
      title: localize(WINDOW_TITLE),
    });
    mainWindow.on('closed', () => {
      mainWindow = undefined;
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  // --- user basemap: tile servers the person starting GridPlan allows (docs/adr/0005) ---
  const tiles = parseTileOrigins(process.env[TILE_ORIGINS_ENV]);
  if (tiles.rejected.length > 0) {
    console.error(
      `${TILE_ORIGINS_ENV} 中以下地址无效，已忽略 / ignored, not https origins or local http: ${tiles.rejected.join(', ')}`,
    );
  }
  // --- end user basemap ---

  void app.whenReady().then(() => {
    // Servers from the start plus those allowed at run time (docs/adr/0007), read live by both.
    const allowList = new TileAllowList(
      tiles.origins,
      smallFile(path.join(app.getPath('userData'), 'tile-origins.json')),
    );
    hardenSession(session.defaultSession, { allowList });
    installAppProtocol(rendererRoot, () => allowList.policy());
    // The city database's URL and password: encrypted by the OS in the user's data folder (never the page's).
    const cityStore = new CityConnectionStore(
      safeStorage,
      smallFile(path.join(app.getPath('userData'), 'city-database.json'), { mode: 0o600 }),
    );
    registerIpcHandlers({
      version,
      onLanguageChanged: installMenu,
      allowList,
      city: { store: cityStore, open: (url) => openCityDatabase(url, 1) },
    });
    installMenu();
    openWindow();
  });
}

startDesktopShell();
