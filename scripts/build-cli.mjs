// Bundles the command line: scripts/gridplan.ts → dist-cli/gridplan.js, one ES module with its
// dependencies inlined (no node_modules needed at run time), a shebang and the executable bit, so that
// the package's "bin" runs it with `npx gridplan` after `npm install`. Runs on `prepare`.
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the CLI bundle into `outfile` (default dist-cli/gridplan.js) and returns its path. */
export async function buildCli({
  outfile = path.join(projectRoot, 'dist-cli', 'gridplan.js'),
  quiet = false,
} = {}) {
  const packageJson = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8'));
  await build({
    entryPoints: [path.join(projectRoot, 'scripts', 'gridplan.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: quiet ? 'silent' : 'warning',
    absWorkingDir: projectRoot,
    // node-postgres (city) is CommonJS requiring Node's built-ins; an ES module bundle needs a real
    // `require` for those, which esbuild's shim then uses.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as gridplanCreateRequire } from 'node:module';\nconst require = gridplanCreateRequire(import.meta.url);",
    },
    define: { GRIDPLAN_VERSION: JSON.stringify(String(packageJson.version)) },
  });
  await chmod(outfile, 0o755);
  return outfile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildCli();
}
