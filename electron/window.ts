import type { WebPreferences } from 'electron';
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { askBeforeClosingWhileSaving } from './leave-while-saving';
import { hardenWebContents } from './security';

/**
 * The web preferences of every GridPlan window. Each flag is set explicitly, even where it is Electron's
 * default, so that a change of default or a careless edit shows up in review and in the tests.
 */
export const SECURE_WEB_PREFERENCES = {
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
} as const satisfies WebPreferences;

/** What the main window needs to know about its surroundings. */
export interface MainWindowOptions {
  /** Absolute path of the bundled preload (`dist-electron/preload.cjs`). */
  readonly preloadPath: string;
  /** Developer tools only in unpackaged builds: in an installed app they would be a way around the sandbox's purpose. */
  readonly allowDevTools: boolean;
  readonly title: string;
}

/** Creates the main window, hardened before it loads anything, and loads the app. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: options.title,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: options.preloadPath,
      devTools: options.allowDevTools,
      // V8's compiled code of the app's scripts is cached from their first load (app:// has the codeCache
      // privilege, app-protocol.ts) instead of from the second: Chromium's heat check would compile the
      // 2.3 MB bundle afresh at the app's first two starts (0.6-0.7 s of the window's thread here, about
      // 0.3-0.4 s of the time to the first drawing; docs/benchmarks.md, ninth round).
      v8CacheOptions: 'bypassHeatCheck',
    },
  });
  // app.on('web-contents-created') hardens it as well; doing it here too keeps this window safe even if
  // someone reuses createMainWindow without main.ts.
  hardenWebContents(window.webContents);
  askBeforeClosingWhileSaving(window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
