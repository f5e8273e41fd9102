import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { CliHost } from '../../../shared/cli/run-cli';
import { fail, ok, text } from '../../../shared/model';

/** A CLI host on the real file system, as scripts/gridplan.ts provides (simplified for tests). */
export const nodeHost: CliHost = {
  readText(path) {
    try {
      return ok(readFileSync(path, 'utf8'));
    } catch {
      return fail({ kind: 'not-found', message: text('文件不存在。', 'The file does not exist.') });
    }
  },
  readBytes(path) {
    try {
      return ok(new Uint8Array(readFileSync(path)));
    } catch {
      return fail({ kind: 'not-found', message: text('文件不存在。', 'The file does not exist.') });
    }
  },
  writeBytes(path, bytes) {
    writeFileSync(path, bytes);
    return ok(true);
  },
  fileSize(path) {
    try {
      return statSync(path).size;
    } catch {
      return undefined;
    }
  },
};
