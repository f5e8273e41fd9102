import { unzipSync, zipSync } from 'fflate';
import type { Problem, Result } from '../model';
import { fail, ok, text } from '../model';
import { decodeText, isValidUtf8 } from './text-encoding';

/**
 * The largest input GridPlan imports (a file, or a zip's unpacked entries together). Larger inputs are
 * refused before anything is parsed: a township's data is far smaller, and parsing several hundred MB in
 * a browser tab would exhaust its memory. 150 MB leaves room for a 50 MB shapefile several times over.
 */
export const MAX_IMPORT_BYTES = 150 * 1024 * 1024;

/** One file of an import: its name (without folders) and its bytes. */
export interface InputFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

function refuse<T>(kind: string, zh: string, en: string): Result<T> {
  return fail({ kind, message: text(zh, en) });
}

/** The message for an input above {@link MAX_IMPORT_BYTES}. */
export function tooLargeProblem(name: string, byteLength: number): Problem {
  const mb = Math.round(byteLength / 1024 / 1024);
  const limit = MAX_IMPORT_BYTES / 1024 / 1024;
  return {
    kind: 'too-large',
    message: text(
      `${name} 太大（${mb} MB），超过 ${limit} MB 的导入上限，未读取。请按社区拆分后分别导入，或只保留需要的字段。`,
      `${name} is too large (${mb} MB), above the ${limit} MB import limit; it was not read. Split it by community and import the parts, or keep only the fields you need.`,
    ),
  };
}

/**
 * Zip entry names are bytes: UTF-8 when the entry's flag says so, otherwise whatever the zipping tool
 * used, which on Chinese Windows is GBK. fflate decodes flagless names as Latin-1; recover the bytes and
 * decode them properly.
 */
function entryName(raw: string): string {
  if (!/[\u0080-\u00ff]/.test(raw) || [...raw].some((c) => c.charCodeAt(0) > 0xff)) return raw;
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  return isValidUtf8(bytes) ? decodeText(bytes, 'utf-8') : decodeText(bytes, 'gbk');
}

/** True for names that would leave the folder they are unpacked into (zip-slip), or are absolute. */
export function isUnsafeEntryName(name: string): boolean {
  const parts = name.replace(/\\/g, '/').split('/');
  return name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name) || parts.includes('..');
}

/**
 * Unpacks a zip in memory. Refuses, with a message a planner understands: a file that is not a zip or is
 * cut short, entries whose names climb out of the folder (`../`) or are absolute (such an archive is
 * malformed or hostile; nothing of it is used), and contents larger than {@link MAX_IMPORT_BYTES}. Folders
 * and macOS `__MACOSX` metadata are skipped; names keep their folders (`a/b.shp`).
 */
export function readZip(bytes: Uint8Array, fileName: string): Result<InputFile[]> {
  if (bytes.length === 0) {
    return refuse('empty', `${fileName} 是空文件。`, `${fileName} is empty.`);
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return refuse(
      'not-zip',
      `${fileName} 不是 zip 压缩包（文件头不对）。请选择 .zip，或直接选择 .shp、.shx、.dbf、.prj、.cpg 文件。`,
      `${fileName} is not a zip archive (wrong header). Choose a .zip, or the .shp, .shx, .dbf, .prj and .cpg files themselves.`,
    );
  }
  const unsafe: string[] = [];
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (entry) => {
        const name = entryName(entry.name);
        if (isUnsafeEntryName(name)) unsafe.push(name);
        if (name.endsWith('/') || name.includes('__MACOSX/') || unsafe.length > 0) return false;
        total += entry.originalSize;
        return total <= MAX_IMPORT_BYTES;
      },
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return refuse(
      'bad-zip',
      `${fileName} 无法解压：文件不完整或已损坏（${detail}）。请重新复制或重新打包后再导入。`,
      `${fileName} cannot be unpacked: the file is incomplete or damaged (${detail}). Copy or zip it again and retry.`,
    );
  }
  if (unsafe.length > 0) {
    return refuse(
      'unsafe-zip',
      `${fileName} 含有指向压缩包以外位置的文件名（${unsafe.slice(0, 3).join('、')}），为安全起见未读取其中任何内容。请重新打包。`,
      `${fileName} has entries whose names point outside the archive (${unsafe.slice(0, 3).join(', ')}); for safety nothing in it was read. Zip the files again.`,
    );
  }
  if (total > MAX_IMPORT_BYTES) return fail(tooLargeProblem(fileName, total));
  return ok(Object.entries(entries).map(([name, content]) => ({ name: entryName(name), bytes: content })));
}

/** Packs files into a zip (names are written as UTF-8, flagged as such). */
export function writeZip(files: readonly InputFile[]): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) entries[file.name] = file.bytes;
  return zipSync(entries, { level: 6 });
}
