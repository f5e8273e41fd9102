import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { decodeTextFile } from '../shared/formats/text-encoding';
import type { CliHost } from '../shared/cli/run-cli';
import { forgetReads, noteRead, readWhole, wasStreamed } from './host-file-reads';
import { writeAtomically } from './host-file-writes';
import type { Result } from '../shared/model';
import { errorDetail, fail, ok, text } from '../shared/model';

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
  const detail = errorDetail(error);
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

/** readPieces of a stream: a failure that sends the reader to readBytes, which reads it once. */
function notInPieces(): Result<never> {
  return fail({
    kind: 'not-a-file',
    message: text('这不是普通文件：整体读取。', 'Not a regular file: read whole.'),
  });
}

/** The command line's host on the real file system (atomic `--out` writes, decoding that never garbles). */
export const nodeCliHost: CliHost = {
  beginCommand: forgetReads,
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
      return readWhole(path);
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
      // A pipe or device is read once, whole (readBytes): reading it in pieces here would use it up.
      if (wasStreamed(path)) return notInPieces();
      fd = openSync(path, 'r');
      const descriptor = fd;
      if (!noteRead(descriptor).isFile()) return notInPieces();
      return ok(read((into) => readSync(descriptor, into, 0, into.length, null)));
    } catch (error) {
      return readProblem(error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },
  writeBytes(path, bytes, options) {
    return writeAtomically(path, (put) => put(bytes), options);
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
    let bytes: Uint8Array;
    try {
      const read = readWhole(path);
      if (!read.ok) return read;
      bytes = read.value;
    } catch (error) {
      return readProblem(error);
    }
    // Never Node's lenient 'utf8', which turns GBK or broken bytes into U+FFFD without a word.
    const decoded = decodeTextFile(bytes, path);
    return decoded.ok
      ? ok(decoded.value.text)
      : fail({ kind: 'bad-encoding', message: text(decoded.message.zh, decoded.message.en) });
  },
  version: typeof GRIDPLAN_VERSION === 'string' ? GRIDPLAN_VERSION : undefined,
};
