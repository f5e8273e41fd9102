// Bundles the command line: scripts/gridplan.ts → dist-cli/gridplan.js, an ES module with its
// dependencies inlined (no node_modules needed at run time), a shebang and the executable bit, so that
// the package's "bin" runs it with `npx gridplan` after `npm install`. Runs on `prepare`.
//
// Code that only some commands load (`await import(...)`: the PDF makers with pdf-lib and fontkit, the city
// host with node-postgres) goes into chunks beside it (dist-cli/chunks/), so that Node reads and compiles
// only what a command runs: of the 4 MB bundle, `gridplan import` loads about a fifth.
import { build } from 'esbuild';
import { chmod, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds the CLI bundle into `outfile` (default dist-cli/gridplan.js), its chunks into `chunks/` beside it
 * (emptied first), and returns the path of the entry.
 */
export async function buildCli({
  outfile = path.join(projectRoot, 'dist-cli', 'gridplan.js'),
  quiet = false,
} = {}) {
  const packageJson = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8'));
  const outdir = path.dirname(outfile);
  await rm(path.join(outdir, 'chunks'), { recursive: true, force: true });
  await build({
    entryPoints: { [path.basename(outfile, '.js')]: path.join(projectRoot, 'scripts', 'gridplan.ts') },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: quiet ? 'silent' : 'warning',
    absWorkingDir: projectRoot,
    // node-postgres (city) is CommonJS requiring Node's built-ins; an ES module bundle needs a real
    // `require` for those, which esbuild's shim then uses. (Every chunk gets the banner; a shebang is
    // allowed at the start of any module.)
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
