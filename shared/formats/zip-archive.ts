import { zipSync } from 'fflate';
import type { Problem, Result } from '../model';
import { fail, ok, text } from '../model';
import { decodeText, isValidUtf8 } from './text-encoding';
import type { InflateRaw, ZipEntryHeader } from './zip-entries';
import { inflateZipEntry, readZipDirectory } from './zip-entries';
import type { DeflateRaw } from './zip-write';
import { writeZipWith } from './zip-write';

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
function decodedName(raw: string): string {
  if (!/[\u0080-\u00ff]/.test(raw) || [...raw].some((c) => c.charCodeAt(0) > 0xff)) return raw;
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  return isValidUtf8(bytes) ? decodeText(bytes, 'utf-8') : decodeText(bytes, 'gbk');
}

/** An entry's name: as stored when flagged UTF-8, else its bytes decoded as above. */
export function entryName(entry: Pick<ZipEntryHeader, 'rawName' | 'utf8Name'>): string {
  return entry.utf8Name ? entry.rawName : decodedName(entry.rawName);
}

/** True for names that would leave the folder they are unpacked into (zip-slip), or are absolute. */
export function isUnsafeEntryName(name: string): boolean {
  const parts = name.replace(/\\/g, '/').split('/');
  return name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name) || parts.includes('..');
}

/**
 * Unpacks a zip in memory with bounded work and memory, whatever its headers claim. Refuses, with a
 * message a planner understands: a file that is not a zip or is cut short, entries whose names climb out
 * of the folder (`../`), are absolute or contain NUL (such an archive is malformed or hostile; nothing of
 * it is used), password-protected entries, entries that unpack to more than they declare or fail their
 * CRC-32, and contents larger than {@link MAX_IMPORT_BYTES} (counted on the bytes actually inflated).
 * Folders and macOS `__MACOSX` metadata are skipped; names keep their folders (`a/b.shp`). `accept`
 * chooses the entries to unpack (all by default): the others are never inflated. `inflateRaw`: a native
 * inflate from the host (bounded the same way), fflate's without it.
 */
export function readZip(
  bytes: Uint8Array,
  fileName: string,
  accept: (name: string) => boolean = () => true,
  inflateRaw?: InflateRaw,
): Result<InputFile[]> {
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
  const directory = readZipDirectory(bytes, fileName, { maxTotalBytes: MAX_IMPORT_BYTES });
  if (!directory.ok) return directory;
  const named = directory.value.map((entry) => ({
    entry,
    name: entryName(entry),
  }));
  const unsafe = named.filter(({ name }) => isUnsafeEntryName(name)).map(({ name }) => name);
  if (unsafe.length > 0) {
    return refuse(
      'unsafe-zip',
      `${fileName} 含有指向压缩包以外位置的文件名（${unsafe.slice(0, 3).join('、')}），为安全起见未读取其中任何内容。请重新打包。`,
      `${fileName} has entries whose names point outside the archive (${unsafe.slice(0, 3).join(', ')}); for safety nothing in it was read. Zip the files again.`,
    );
  }
  const wanted = named.filter(
    ({ name }) => !name.endsWith('/') && !name.includes('__MACOSX/') && accept(name),
  );
  // Declared sizes are budgeted before anything is inflated, and inflation never exceeds what an entry
  // declares: the bytes actually produced stay within the limit even when the headers lie.
  const declared = wanted.reduce((sum, { entry }) => sum + entry.size, 0);
  if (declared > MAX_IMPORT_BYTES) return fail(tooLargeProblem(fileName, declared));
  const files: InputFile[] = [];
  for (const { entry, name } of wanted) {
    const content = inflateZipEntry(bytes, entry, name, fileName, inflateRaw);
    if (!content.ok) return content;
    files.push({ name, bytes: content.value });
  }
  return ok(files);
}

/**
 * Packs files into a zip (names are written as UTF-8, flagged as such), every zip GridPlan writes: with
 * `deflateRaw`, a native DEFLATE the host gives (the command line passes Node's zlib), through
 * {@link writeZipWith}; without it (the app, in the browser), with fflate's, in JavaScript. The files
 * inside are the same bytes either way; only their compressed form differs.
 */
export function writeZip(files: readonly InputFile[], deflateRaw?: DeflateRaw): Uint8Array {
  if (deflateRaw) return writeZipWith(files, deflateRaw);
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) entries[file.name] = file.bytes;
  return zipSync(entries, { level: 6 });
}
