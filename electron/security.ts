import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import {
  canonicalTileOrigin,
  contentSecurityPolicy,
  withContentSecurityPolicy,
} from './content-security-policy';

// Remote schemes the app never talks to (Chromium no longer speaks FTP). Cancelling them in the network
// layer backs up the CSP: a mistake in one of the two still leaves the other.
const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/**
 * Locks down a session: our CSP on every response, no request to a remote origin, every permission
 * (camera, geolocation, notifications, clipboard reading, fullscreen, USB, ...) refused without asking.
 * GridPlan needs none of them; if one is ever needed, allow that one permission for the app origin only.
 */
export function hardenSession(
  session: Session,
  // --- user basemap: tile servers allowed at start (GRIDPLAN_TILE_ORIGINS, docs/adr/0005) ---
  // `allowList` (tile-allow-list.ts, docs/adr/0007) is read on every request and response, so servers
  // the planner allows at run time pass from then on; `tileOrigins` is a fixed list.
  options: {
    readonly tileOrigins?: readonly string[];
    readonly allowList?: { has(origin: string): boolean; policy(): string };
  } = {},
): void {
  const tileOrigins = new Set(
    (options.tileOrigins ?? []).map(canonicalTileOrigin).filter((o): o is string => o !== null),
  );
  const fixedPolicy = contentSecurityPolicy([...tileOrigins]);
  const live = options.allowList;
  const policy = (): string => live?.policy() ?? fixedPolicy;
  const allowed = (url: string): boolean => {
    try {
      const origin = new URL(url).origin;
      return live ? live.has(origin) : tileOrigins.has(origin);
    } catch {
      return false;
    }
  };
  // --- end user basemap ---
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy()) });
  });
  session.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (details, callback) => {
    callback({ cancel: !allowed(details.url) });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Locks down one web contents (the main window and anything else Electron ever creates): it may only
 * navigate inside the app origin, may not open windows, and may not attach <webview> tags.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  // Links with target=_blank and window.open would otherwise open a new, unhardened window.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
