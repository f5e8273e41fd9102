// Bundles the Electron shell: electron/main.ts → dist-electron/main.cjs and electron/preload.ts →
// dist-electron/preload.cjs. CommonJS because a sandboxed preload must be a single CommonJS file whose
// only require is 'electron'; the build fails if the preload ever needs anything else.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Module names a bundle requires at run time (`require("x")`), sorted and without duplicates. */
export function requiredModules(code) {
  const names = new Set();
  for (const match of code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)) names.add(match[2]);
  return [...names].sort();
}

/**
 * node-postgres (the city office, electron/city-office.ts) requires its optional native binding
 * `pg-native` only when `pg.native` is read, which GridPlan never does. The bundle gets a stand-in that
 * fails as a missing module would, so main.cjs requires nothing outside Electron and Node.
 */
const withoutPgNative = {
  name: 'without-pg-native',
  setup(builder) {
    builder.onResolve({ filter: /^pg-native$/ }, () => ({ path: 'pg-native', namespace: 'absent' }));
    builder.onLoad({ filter: /.*/, namespace: 'absent' }, () => ({
      contents:
        "throw Object.assign(new Error(\"Cannot find module 'pg-native'\"), { code: 'MODULE_NOT_FOUND' });",
      loader: 'js',
    }));
  },
};

/**
 * Builds both bundles into `outdir` (default dist-electron/) and returns their paths. Throws when the
 * preload requires anything but 'electron'.
 */
export async function buildElectron({
  outdir = path.join(projectRoot, 'dist-electron'),
  quiet = false,
} = {}) {
  const packageJson = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8'));
  const common = {
    bundle: true,
    plugins: [withoutPgNative],
    format: 'cjs',
    platform: 'node',
    external: ['electron'],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: quiet ? 'silent' : 'warning',
    absWorkingDir: projectRoot,
    define: { __GRIDPLAN_VERSION__: JSON.stringify(String(packageJson.version)) },
  };
  const main = path.join(outdir, 'main.cjs');
  const preload = path.join(outdir, 'preload.cjs');
  // Electron 45 runs Node 22 in the main process and Chromium 142 in the preload.
  await build({ ...common, entryPoints: ['electron/main.ts'], outfile: main, target: 'node22' });
  await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: preload, target: 'chrome140' });

  const preloadRequires = requiredModules(await readFile(preload, 'utf8'));
  const foreign = preloadRequires.filter((name) => name !== 'electron');
  if (foreign.length > 0) {
    throw new Error(
      `preload.cjs requires ${foreign.join(', ')}: a sandboxed preload may only require 'electron' / ` +
        `沙盒中的 preload 只能引用 'electron'`,
    );
  }
  return { main, preload };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { main, preload } = await buildElectron();
  console.log(
    `Electron 外壳已构建 / Electron shell built: ${path.relative(projectRoot, main)}, ${path.relative(projectRoot, preload)}`,
  );
}
