// npm start: builds GridPlan and runs it. In Electron when its desktop binary is installed; otherwise
// (offline machines, where electron ≥ 42 cannot download its binary) the same build is served to the
// browser on 127.0.0.1 with the desktop app's Content-Security-Policy. Runs until Ctrl+C.
//
//   npm start                  build, then run
//   npm start -- --no-build    run the last build
//   PORT=8080 npm start        serve the browser build on that port (browser mode only)
//   GRIDPLAN_MODE=browser      use the browser even when Electron is installed
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireHere = createRequire(import.meta.url);

/** The default port of the browser mode. Fixed, because the browser keeps projects per origin. */
export const DEFAULT_PORT = 5174;

const say = (zh, en) => console.log(`${zh}\n${en}`);
const warn = (zh, en) => console.error(`${zh}\n${en}`);

/**
 * Where the Electron executable is, or why it cannot be used. Never requires the 'electron' module:
 * since electron 42 that starts a download, which hangs or fails offline.
 */
export function findElectron({ root = projectRoot, env = process.env, platform = process.platform } = {}) {
  if (env.GRIDPLAN_MODE === 'browser') return { found: false, reason: 'browser-requested' };
  let packageDir;
  try {
    packageDir = path.dirname(
      createRequire(path.join(root, 'package.json')).resolve('electron/package.json'),
    );
  } catch {
    return { found: false, reason: 'not-installed' };
  }
  // The same lookup as node_modules/electron/index.js, minus its download.
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let executable;
  if (env.ELECTRON_OVERRIDE_DIST_PATH)
    executable = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  else if (relative) executable = path.join(packageDir, 'dist', relative);
  if (!executable || !existsSync(executable)) return { found: false, reason: 'not-installed' };
  // Electron on Linux needs a display; without one it would exit at once with a cryptic error.
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { found: false, reason: 'no-display' };
  return { found: true, executable };
}

function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

async function buildRenderer() {
  if (!existsSync(path.join(projectRoot, 'renderer', 'index.html'))) {
    warn(
      '无法构建界面：renderer/index.html 不存在。',
      'Cannot build the UI: renderer/index.html does not exist.',
    );
    process.exit(1);
  }
  say('正在构建界面（vite build）…', 'Building the UI (vite build)…');
  const viteDir = path.dirname(requireHere.resolve('vite/package.json'));
  const viteBin = path.join(
    viteDir,
    JSON.parse(readFileSync(path.join(viteDir, 'package.json'), 'utf8')).bin.vite,
  );
  const { code } = await run(process.execPath, [viteBin, 'build', '--logLevel', 'warn']);
  if (code !== 0) {
    warn('界面构建失败，见上方信息。', 'The UI build failed; see the messages above.');
    process.exit(code ?? 1);
  }
}

async function startDesktop(executable, { build }) {
  if (build) {
    await buildRenderer();
    const { buildElectron } = await import('./build-electron.mjs');
    await buildElectron();
  }
  say('正在启动 GridPlan 桌面版…', 'Starting the GridPlan desktop app…');
  // ELECTRON_RUN_AS_NODE inherited from a tool would make Electron act as plain Node and ignore the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(executable, [path.join(projectRoot, 'dist-electron', 'main.cjs')], {
    cwd: projectRoot,
    stdio: 'inherit',
    env,
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// ---- browser mode -------------------------------------------------------------------------------

// The desktop protocol's table (electron/app-protocol.ts reads the same file), so both serve alike.
const CONTENT_TYPES = JSON.parse(
  readFileSync(path.join(projectRoot, 'electron', 'content-types.json'), 'utf8'),
);
/**
 * Cross-origin isolation, as the desktop protocol sends it (electron/app-protocol.ts): the page may then
 * keep census columns in shared memory that its workers read without a copy
 * (renderer/platform/shared-columns.ts). `credentialless` still lets tiles of a user basemap load.
 */
const ISOLATION_HEADERS = JSON.parse(
  readFileSync(path.join(projectRoot, 'electron', 'isolation-headers.json'), 'utf8'),
);

/**
 * The file under `root` a request path names, or undefined for anything that tries to leave it
 * (`..`, encoded separators, backslashes, NUL). `/` means index.html.
 */
export function resolveStaticPath(root, requestUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://127.0.0.1').pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\\') || pathname.includes('\0')) return undefined;
  if (pathname.split('/').some((segment) => segment === '..')) return undefined;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const resolvedRoot = path.resolve(root);
  const resolved = path.resolve(resolvedRoot, `.${pathname}`);
  const relative = path.relative(resolvedRoot, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return resolved;
}

/**
 * The desktop app's Content-Security-Policy, compiled from electron/content-security-policy.ts with
 * esbuild so there is one source of truth: whatever the policy breaks shows up in the browser too.
 * `tileOrigins` (user basemap, docs/adr/0005) adds those tile servers to img-src and connect-src.
 */
export async function loadContentSecurityPolicy(tileOrigins = []) {
  return (await loadPolicyModule()).contentSecurityPolicy(tileOrigins);
}

// --- user basemap: GRIDPLAN_TILE_ORIGINS names the tile servers allowed (docs/adr/0005) ---
/** The tile origins allowed by the environment, and the entries refused. */
export async function tileOriginsFromEnv(env = process.env) {
  const policy = await loadPolicyModule();
  return policy.parseTileOrigins(env[policy.TILE_ORIGINS_ENV]);
}
// --- end user basemap ---

async function loadPolicyModule() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(projectRoot, 'electron', 'content-security-policy.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** Vite's build output names: `assets/name-HASH.ext`, whose content never changes under that name. */
const HASHED_ASSET = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * A read-only static server for `root`, sending `policy` as Content-Security-Policy. Hashed build
 * assets are cacheable for good (a new build has new names), so a reopened app takes its script from
 * the browser's cache with the code V8 compiled last time instead of fetching and compiling 2.5 MB
 * again; everything else (index.html) is revalidated by its ETag.
 */
export function createStaticServer(root, policy) {
  return http.createServer(async (request, response) => {
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const filePath = resolveStaticPath(root, request.url ?? '/');
    try {
      const stats = filePath ? await stat(filePath) : undefined;
      if (!filePath || !stats?.isFile()) throw new Error('not a file');
      const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
      const cacheHeaders = {
        ...headers,
        ETag: etag,
        ...(HASHED_ASSET.test(filePath.split(path.sep).join('/'))
          ? { 'Cache-Control': 'public, max-age=31536000, immutable' }
          : {}),
      };
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, cacheHeaders).end();
        return;
      }
      const body = await readFile(filePath);
      response.writeHead(200, {
        ...cacheHeaders,
        'Content-Type': CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Content-Security-Policy': policy,
        ...ISOLATION_HEADERS,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response
        .writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
        .end('未找到 / Not found');
    }
  });
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Listens on PORT if set (failing clearly when it is taken), else on {@link DEFAULT_PORT}, the next few
 * ports, or finally any free one. Returns the port.
 */
export async function listenOnFreePort(server, env = process.env) {
  if (env.PORT) {
    const requested = Number(env.PORT);
    if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
      throw Object.assign(new Error(`PORT=${env.PORT} is not a valid port`), { code: 'ERR_INVALID_PORT' });
    }
    return listen(server, requested);
  }
  for (const port of [DEFAULT_PORT, DEFAULT_PORT + 1, DEFAULT_PORT + 2, DEFAULT_PORT + 3, 0]) {
    try {
      return await listen(server, port);
    } catch (error) {
      if (error.code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error('no free port');
}

async function startBrowser(reason, { build }) {
  if (reason === 'no-display') {
    say(
      '已安装 Electron 桌面程序，但当前没有图形显示（DISPLAY 未设置），改为在浏览器中运行同一个应用。',
      'The Electron desktop binary is installed but there is no display (DISPLAY is not set); serving the same app in the browser instead.',
    );
  } else if (reason === 'not-installed') {
    say(
      '本机没有安装 Electron 桌面程序（node_modules/electron 中没有已下载的二进制文件），改为在浏览器中运行同一个应用。',
      'The Electron desktop binary is not installed here (node_modules/electron has no downloaded binary); serving the same app in the browser instead.',
    );
  } else {
    say(
      '按要求在浏览器中运行（GRIDPLAN_MODE=browser）。',
      'Running in the browser as requested (GRIDPLAN_MODE=browser).',
    );
  }
  if (build) await buildRenderer();
  const root = path.join(projectRoot, 'dist', 'renderer');
  if (!existsSync(path.join(root, 'index.html'))) {
    warn(
      'dist/renderer 中没有构建结果，请去掉 --no-build 再试。',
      'There is no build in dist/renderer; run again without --no-build.',
    );
    process.exit(1);
  }
  // --- user basemap ---
  const tiles = await tileOriginsFromEnv();
  if (tiles.rejected.length > 0) {
    warn(
      `GRIDPLAN_TILE_ORIGINS 中以下地址无效，已忽略（只能是 https 源或本机 http）：${tiles.rejected.join(', ')}`,
      `Ignored in GRIDPLAN_TILE_ORIGINS (only https origins or local http): ${tiles.rejected.join(', ')}`,
    );
  }
  if (tiles.origins.length > 0) {
    say(
      `安全策略允许从这些服务器加载底图瓦片：${tiles.origins.join(', ')}`,
      `The security policy allows basemap tiles from: ${tiles.origins.join(', ')}`,
    );
  }
  // --- end user basemap ---
  const server = createStaticServer(root, await loadContentSecurityPolicy(tiles.origins));
  let port;
  try {
    port = await listenOnFreePort(server);
  } catch (error) {
    const reasons = {
      EADDRINUSE: [
        `端口 ${process.env.PORT} 已被占用，请换一个 PORT。`,
        `port ${process.env.PORT} is in use; choose another PORT.`,
      ],
      ERR_INVALID_PORT: [
        `PORT=${process.env.PORT} 不是有效的端口号。`,
        `PORT=${process.env.PORT} is not a valid port number.`,
      ],
    };
    const [zh, en] = reasons[error.code] ?? [error.message, error.message];
    warn(`无法启动本地服务器：${zh}`, `Could not start the local server: ${en}`);
    process.exit(1);
  }
  const address = `http://127.0.0.1:${port}/`;
  console.log('');
  say(`GridPlan 网格规划已启动：${address}`, `GridPlan is running at ${address}`);
  if (port !== DEFAULT_PORT && !process.env.PORT) {
    say(
      `注意：端口 ${DEFAULT_PORT} 被占用，改用 ${port}。浏览器按地址保存项目，换了端口就看不到原来的项目。`,
      `Note: port ${DEFAULT_PORT} is taken, so ${port} is used. The browser keeps projects per address: on another port the earlier projects are not visible.`,
    );
  }
  say(
    '用浏览器打开上面的地址。按 Ctrl+C 停止。',
    'Open the address above in a browser. Press Ctrl+C to stop.',
  );
  const stop = () => {
    say('\n正在停止…', 'Stopping…');
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main() {
  const build = !process.argv.includes('--no-build');
  const electron = findElectron();
  if (electron.found) await startDesktop(electron.executable, { build });
  else await startBrowser(electron.reason, { build });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    warn('启动失败：', 'Start failed:');
    console.error(error);
    process.exit(1);
  });
}
