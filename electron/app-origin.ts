/**
 * The renderer's origin. It must never change between releases: IndexedDB (every project a planner
 * keeps) is stored per origin, so a new scheme or host would make their data seem to vanish.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'gridplan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True when a URL belongs to the app's own origin (`app://gridplan/...`), false for anything else or garbage. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Compare parts, not prefixes: `app://gridplan.evil/` or `app://gridplan@evil/` must not pass.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
