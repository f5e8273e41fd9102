import { protocol } from 'electron';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import contentTypes from './content-types.json';
import isolationHeaders from './isolation-headers.json';

/**
 * Registers `app://` as a standard, secure scheme that fetch may use. Must run before the app is ready.
 * Standard: URLs resolve relative paths and have an origin, so IndexedDB and workers work. Secure: the
 * page is a secure context (crypto.subtle, no mixed-content surprises). No bypassCSP, no CORS.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

// One table for the desktop protocol and for `npm start`'s browser server (scripts/start.mjs).
const CONTENT_TYPES: Readonly<Record<string, string>> = contentTypes;

/** The content type served for a file, by extension. */
export function contentTypeOf(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that an `app://gridplan/...` URL names, or undefined when the URL is for another
 * host, is malformed, or tries to leave `root` (`..`, encoded `%2e%2e` or `%2f`, backslashes, NUL).
 * `/` means `/index.html`. Pure apart from path arithmetic, so it is tested on its own.
 */
export function resolveAppFilePath(root: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) return undefined;

  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined; // malformed escapes such as %E0%A4%A
  }
  // Backslashes are separators on Windows; NUL truncates paths in some APIs. Neither is in our build.
  if (pathname.includes('\\') || pathname.includes('\0')) return undefined;
  if (pathname.split('/').some((segment) => segment === '..')) return undefined;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';

  const resolvedRoot = path.resolve(root);
  const resolved = path.resolve(resolvedRoot, `.${pathname}`);
  const relative = path.relative(resolvedRoot, resolved);
  // Belt and braces after the checks above: whatever path.resolve made of it must stay inside root.
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return resolved;
}

function notFound(): Response {
  return new Response('Not found / 未找到', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * The handler of `app://` requests: serves the built renderer from `root` with our CSP, read-only
 * (anything but GET and HEAD is refused) and nothing outside `root`.
 */
export function createAppProtocolHandler(
  root: string,
  // user basemap: contentSecurityPolicy(tileOrigins), or a function read per response (docs/adr/0007)
  policy: string | (() => string) = CONTENT_SECURITY_POLICY,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    const filePath = resolveAppFilePath(root, request.url);
    if (filePath === undefined) return notFound();
    try {
      // Containment by real path: a symlink inside the build that resolves outside it is not served.
      if (!(await insideByRealPath(root, filePath))) return notFound();
      const info = await stat(filePath);
      if (!info.isFile()) return notFound();
      const body = request.method === 'HEAD' ? null : await readFile(filePath);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': contentTypeOf(filePath),
          'Content-Length': String(info.size),
          'Content-Security-Policy': typeof policy === 'string' ? policy : policy(),
          'X-Content-Type-Options': 'nosniff',
          // Same-origin only: nothing else may embed or read our files.
          'Cross-Origin-Resource-Policy': 'same-origin',
          // Cross-origin isolated: census columns in shared memory for the workers
          // (renderer/platform/shared-columns.ts); the same headers as `npm start`'s server.
          ...isolationHeaders,
        },
      });
    } catch {
      return notFound();
    }
  };
}

/** True when `filePath`, symlinks resolved, lies inside `root` (itself resolved). */
async function insideByRealPath(root: string, filePath: string): Promise<boolean> {
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(filePath)]);
  const relative = path.relative(realRoot, realFile);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Serves the renderer in `root` on `app://gridplan/`. Call once the app is ready. */
export function installAppProtocol(
  root: string,
  policy: string | (() => string) = CONTENT_SECURITY_POLICY,
): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root, policy));
}
