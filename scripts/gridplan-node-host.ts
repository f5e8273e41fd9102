import {
  closeSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { decodeTextFile } from '../shared/formats/text-encoding';
import type { CliHost } from '../shared/cli/run-cli';
import type { Result } from '../shared/model';
import { fail, ok, text } from '../shared/model';

// The Node side of `gridplan`: files, fonts, the city database. scripts/gridplan.ts runs the pure core
// (shared/cli) with it; tests run the core in-process with this same host.

declare const GRIDPLAN_VERSION: string | undefined;

function readProblem(error: unknown): Result<never> {
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

// The PDF fonts ship in the npm package @expo-google-fonts/noto-sans-sc (SIL OFL 1.1, which allows
// embedding); a dependency of gridplan, so it is installed beside the bundle. Resolved from the bundle
// (dist-cli/gridplan.js in the package), then from the working folder (a bundle built elsewhere).
const FONT_FILES: Readonly<Record<string, string>> = {
  'NotoSansSC-Regular.ttf': '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  'NotoSansSC-Bold.ttf': '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};

function resolveAsset(specifier: string): string | undefined {
  for (const base of [import.meta.url, path.join(process.cwd(), 'index.js')]) {
    try {
      return createRequire(base).resolve(specifier);
    } catch {
      // not installed there: try the next place
    }
  }
  return undefined;
}

/**
 * Writes the file `path` from the bytes `write` puts, in order: beside the target and renamed, so a failed
 * export never leaves half a file under its name.
 */
function writeAtomically(path: string, write: (put: (bytes: Uint8Array) => void) => void): Result<true> {
  const temporary = `${path}.${process.pid}.partial`;
  let fd: number | undefined;
  try {
    const descriptor = openSync(temporary, 'w');
    fd = descriptor;
    write((bytes) => {
      for (let at = 0; at < bytes.length;) at += writeSync(descriptor, bytes, at, bytes.length - at);
    });
    fd = undefined;
    closeSync(descriptor);
    renameSync(temporary, path);
    return ok(true);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    const detail = error instanceof Error ? error.message : String(error);
    return fail({
      kind: 'unwritable',
      message: text(`写入失败（${detail}）。`, `Writing failed (${detail}).`),
    });
  }
}

/** The command line's host on the real file system (atomic `--out` writes, decoding that never garbles). */
export const nodeCliHost: CliHost = {
  // node-postgres and the HTTP server load only for `gridplan city`: every other command would pay
  // their start-up (bench/import-export-bench.ts times the whole process).
  openCityDatabase: async (url) => (await import('./city-host')).openCityDatabase(url),
  serveHttp: async (options, makeHandler) =>
    (await import('./city-host')).serveUntilStopped(options, makeHandler),
  readAsset(name) {
    const specifier = FONT_FILES[name];
    const file = specifier === undefined ? undefined : resolveAsset(specifier);
    if (file === undefined) {
      return fail({
        kind: 'not-found',
        message: text(
          `找不到 ${specifier ?? name}（请重新安装 gridplan）。`,
          `${specifier ?? name} is not installed (reinstall gridplan).`,
        ),
      });
    }
    return nodeCliHost.readBytes!(file);
  },
  readBytes(path) {
    try {
      const buffer = readFileSync(path);
      return ok(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
    } catch (error) {
      return readProblem(error);
    }
  },
  deflateRaw(bytes) {
    // Level 6, as fflate's default; native, so a shapefile zip costs a fraction of fflate's time.
    const deflated = deflateRawSync(bytes, { level: 6 });
    return new Uint8Array(deflated.buffer, deflated.byteOffset, deflated.byteLength);
  },
  inflateRaw(data, maxLength) {
    try {
      // maxOutputLength bounds what zlib produces, as fflate's callback does (at least 1: zlib's minimum).
      const inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, maxLength) });
      return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'damaged';
    }
  },
  readPieces(path, read) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const descriptor = fd;
      return ok(read((into) => readSync(descriptor, into, 0, into.length, null)));
    } catch (error) {
      return readProblem(error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },
  writeBytes(path, bytes) {
    return writeAtomically(path, (put) => put(bytes));
  },
  writePieces: writeAtomically,
  fileSize(path) {
    try {
      const stat = statSync(path);
      return stat.isFile() ? stat.size : undefined;
    } catch {
      return undefined;
    }
  },
  readText(path) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      return readProblem(error);
    }
    // Never Node's lenient 'utf8', which turns GBK or broken bytes into U+FFFD without a word.
    const decoded = decodeTextFile(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
    return decoded.ok
      ? ok(decoded.value.text)
      : fail({ kind: 'bad-encoding', message: text(decoded.message.zh, decoded.message.en) });
  },
  version: typeof GRIDPLAN_VERSION === 'string' ? GRIDPLAN_VERSION : undefined,
};
