/**
 * The Content-Security-Policy of every page the shell shows. Nothing remote by default: the app works
 * offline and a planner's data must not leak (the only exception, tile servers named at start for a
 * user basemap, is below and in docs/adr/0005). MapLibre needs only what is allowed beyond 'self':
 * its worker starts from a blob: URL, and sprites and canvas snapshots come as data:/blob: images.
 * No 'unsafe-eval' and no inline scripts; React sets styles through the CSSOM, which CSP does not
 * restrict, so styles need no 'unsafe-inline' either.
 */
export const CONTENT_SECURITY_POLICY_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  // MapLibre fetches tiles, styles and glyph-free sprites from the app itself or from blobs it made.
  'connect-src': ["'self'", 'data:', 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'child-src': ["'self'", 'blob:'],
  'manifest-src': ["'self'"],
  'media-src': ["'none'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

// --- user basemap tile servers (docs/adr/0005-user-basemap-and-csp.md) ---
/**
 * The environment variable through which whoever starts GridPlan allows tile servers for a user
 * basemap: a comma-separated list of origins, e.g. `https://t0.tianditu.gov.cn`. Unset, nothing remote
 * is allowed. It is not a setting inside the app on purpose: a page that could widen its own policy
 * would make the policy worthless against injected script.
 */
export const TILE_ORIGINS_ENV = 'GRIDPLAN_TILE_ORIGINS';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * One allowed tile origin in canonical form, or null when `value` is not one: `https://` with a host
 * name and an optional port, or `http://` on this machine (localhost, 127.0.0.1, [::1]). No path, no
 * query, no bare scheme and no wildcard: each server is named (Tianditu's t0…t7 are eight origins), so
 * the list says exactly where tiles may come from.
 */
export function canonicalTileOrigin(value: string): string | null {
  const match = /^(https?):\/\/([a-z0-9.-]+|\[::1\])(:\d{1,5})?\/?$/i.exec(value.trim());
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  const lowerHost = match[2]!.toLowerCase();
  const port = match[3] ?? '';
  const labels = lowerHost.split('.');
  if (labels.some((label) => label === '' || label.startsWith('-') || label.endsWith('-'))) return null;
  if (port && Number(port.slice(1)) > 65535) return null;
  if (scheme === 'http' && !LOOPBACK_HOSTS.has(lowerHost)) return null;
  // Written as browsers write an origin (URL.origin): without the scheme's default port.
  const defaultPort = port === (scheme === 'https' ? ':443' : ':80');
  return `${scheme}://${lowerHost}${defaultPort ? '' : port}`;
}

/** The tile origins named in {@link TILE_ORIGINS_ENV}, and the entries refused (to be reported). */
export function parseTileOrigins(value: string | undefined): { origins: string[]; rejected: string[] } {
  const origins: string[] = [];
  const rejected: string[] = [];
  for (const entry of (value ?? '').split(/[\s,]+/).filter(Boolean)) {
    const origin = canonicalTileOrigin(entry);
    if (origin === null) rejected.push(entry);
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return { origins, rejected };
}

/**
 * The policy with the given tile servers added to `img-src` and `connect-src` only (MapLibre fetches
 * raster tiles, and may fall back to <img>). Scripts, frames, forms and everything else stay as strict.
 * Origins that {@link canonicalTileOrigin} refuses are dropped.
 */
export function contentSecurityPolicy(tileOrigins: readonly string[] = []): string {
  const extra = tileOrigins.map(canonicalTileOrigin).filter((origin): origin is string => origin !== null);
  return Object.entries(CONTENT_SECURITY_POLICY_DIRECTIVES)
    .map(([directive, sources]) => {
      const all = directive === 'img-src' || directive === 'connect-src' ? [...sources, ...extra] : sources;
      return `${directive} ${all.join(' ')}`;
    })
    .join('; ');
}
// --- end user basemap tile servers ---

/** The policy as one header value: the strict default, no tile server allowed. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/**
 * Response headers with our policy in place of any the response carried (case-insensitively: two
 * policies would both apply, and a looser one from elsewhere must not be the one a reader trusts).
 */
export function withContentSecurityPolicy(
  headers: Readonly<Record<string, string | string[]>> | undefined,
  policy: string = CONTENT_SECURITY_POLICY, // user basemap: contentSecurityPolicy(tileOrigins)
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}
