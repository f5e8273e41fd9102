import { readFileSync } from 'node:fs';
import { runCli } from '../shared/cli/run-cli';
import type { CliHost } from '../shared/cli/run-cli';
import { fail, ok, text } from '../shared/model';

// The Node entry of `gridplan` (bundled into dist-cli/gridplan.js by `npm run build:cli`): it only reads
// files and writes the output; everything else is the pure core in shared/cli.

declare const GRIDPLAN_VERSION: string | undefined;

const host: CliHost = {
  readText(path) {
    try {
      return ok(readFileSync(path, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT')
        return fail({ kind: 'not-found', message: text('文件不存在。', 'The file does not exist.') });
      if (code === 'EISDIR')
        return fail({
          kind: 'directory',
          message: text('这是一个文件夹，不是文件。', 'This is a folder, not a file.'),
        });
      if (code === 'EACCES')
        return fail({ kind: 'denied', message: text('没有读取权限。', 'Permission denied.') });
      const detail = error instanceof Error ? error.message : String(error);
      return fail({
        kind: 'unreadable',
        message: text(`读取失败（${detail}）。`, `Reading failed (${detail}).`),
      });
    }
  },
  version: typeof GRIDPLAN_VERSION === 'string' ? GRIDPLAN_VERSION : undefined,
};

const result = runCli(process.argv.slice(2), host);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
