import type { CliHost } from '../../../shared/cli/cli-host';
import { fail, ok, text } from '../../../shared/model';

/** A CLI host over files in memory (path → bytes): what a command reads and writes, without a disk. */
export function memoryHost(files: Map<string, Uint8Array>): CliHost {
  const missing = () =>
    fail<never>({ kind: 'not-found', message: text('文件不存在。', 'The file does not exist.') });
  return {
    readText(path) {
      const bytes = files.get(path);
      return bytes ? ok(new TextDecoder().decode(bytes)) : missing();
    },
    readBytes(path) {
      const bytes = files.get(path);
      return bytes ? ok(bytes) : missing();
    },
    writeBytes(path, bytes) {
      files.set(path, bytes);
      return ok(true);
    },
    fileSize(path) {
      return files.get(path)?.length;
    },
  };
}
