/**
 * The Content-Security-Policy of every page the shell shows. Nothing remote, ever: the app works
 * offline and a planner's data must not leak. MapLibre needs only what is allowed beyond 'self':
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

/** The policy as one header value. */
export const CONTENT_SECURITY_POLICY = Object.entries(CONTENT_SECURITY_POLICY_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

/**
 * Response headers with our policy in place of any the response carried (case-insensitively: two
 * policies would both apply, and a looser one from elsewhere must not be the one a reader trusts).
 */
export function withContentSecurityPolicy(
  headers: Readonly<Record<string, string | string[]>> | undefined,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}
