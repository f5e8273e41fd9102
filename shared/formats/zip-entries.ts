import { Inflate } from 'fflate';
import type { Problem, Result } from '../model';
import { fail, ok, text } from '../model';
import { crc32 } from './crc32';
import { decodeText } from './text-encoding';

/** One entry of a zip's central directory, as declared (nothing inflated yet). */
export interface ZipEntryHeader {
  /** The name as stored: bytes decoded as UTF-8 when flagged so, else kept as Latin-1 code units. */
  readonly rawName: string;
  /** True when the entry's general-purpose flag says its name is UTF-8. */
  readonly utf8Name: boolean;
  readonly method: number;
  readonly encrypted: boolean;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

/** Limits on what reading a zip may cost, whatever its headers claim. */
export interface ZipLimits {
  /** Bytes actually inflated, all entries together. */
  readonly maxTotalBytes: number;
  /** Central directory entries read. */
  readonly maxEntries?: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DEFAULT_MAX_ENTRIES = 10_000;

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}
function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function damaged(fileName: string, zh: string, en: string): Problem {
  return {
    kind: 'bad-zip',
    message: text(
      `${fileName} 无法解压：${zh}。文件不完整或已损坏（也可能被篡改）；请重新复制或重新打包后再导入。`,
      `${fileName} cannot be unpacked: ${en}. The file is incomplete or damaged (or tampered with); copy or zip it again and retry.`,
    ),
  };
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

/**
 * Reads a zip's central directory without inflating anything. Refuses, naming what is wrong: no end
 * record, a directory outside the file, ZIP64 archives, more entries than the limit, and names with NUL.
 */
export function readZipDirectory(
  bytes: Uint8Array,
  fileName: string,
  limits: ZipLimits,
): Result<ZipEntryHeader[]> {
  // The end record is within the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return fail(damaged(fileName, '找不到 zip 目录', 'its directory is missing'));
  const count = u16(bytes, eocd + 10);
  const directorySize = u32(bytes, eocd + 12);
  const directoryOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    return fail({
      kind: 'zip64',
      message: text(
        `${fileName} 是 ZIP64 格式（超过 4 GB 或 65535 个文件），GridPlan 不读取这么大的压缩包。请按社区拆分后分别打包。`,
        `${fileName} is a ZIP64 archive (over 4 GB or 65,535 files); GridPlan does not read archives that large. Split it by community and zip the parts.`,
      ),
    });
  }
  if (count > (limits.maxEntries ?? DEFAULT_MAX_ENTRIES)) {
    return fail(
      damaged(
        fileName,
        `目录声称有 ${count} 个文件，超过上限`,
        `its directory claims ${count} entries, above the limit`,
      ),
    );
  }
  if (directoryOffset + directorySize > eocd) {
    return fail(damaged(fileName, '目录位置超出文件范围', 'its directory lies outside the file'));
  }
  const entries: ZipEntryHeader[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(bytes, at) !== CENTRAL) {
      return fail(damaged(fileName, `目录第 ${i + 1} 项已损坏`, `directory entry ${i + 1} is damaged`));
    }
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    if (at + 46 + nameLength > eocd) {
      return fail(damaged(fileName, `目录第 ${i + 1} 项已损坏`, `directory entry ${i + 1} is damaged`));
    }
    if (nameBytes.includes(0)) {
      return fail({
        kind: 'unsafe-zip',
        message: text(
          `${fileName} 中有文件名含空字符（NUL），这样的压缩包有害或已损坏，未读取其中任何内容。请重新打包。`,
          `${fileName} has an entry name containing a NUL character; such an archive is hostile or damaged and nothing in it was read. Zip the files again.`,
        ),
      });
    }
    const utf8Name = (flags & 0x800) !== 0;
    entries.push({
      rawName: utf8Name ? decodeText(nameBytes, 'utf-8') : latin1(nameBytes),
      utf8Name,
      method: u16(bytes, at + 10),
      encrypted: (flags & 0x1) !== 0,
      crc: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localHeaderOffset: u32(bytes, at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return ok(entries);
}

/** Thrown inside fflate's callback to stop inflating once more bytes come than allowed. */
class TooMuchOutput extends Error {}

/**
 * Inflates raw DEFLATE data (RFC 1951) producing at most `maxLength` bytes: the bytes, `'too-large'` when
 * the data holds more, `'damaged'` when it is not valid DEFLATE. A host may give a native one (the command
 * line: Node's zlib, `maxOutputLength`); without it, {@link inflateWithFflate}.
 */
export type InflateRaw = (data: Uint8Array, maxLength: number) => Uint8Array | 'too-large' | 'damaged';

/** {@link InflateRaw} with fflate, in JavaScript: stops as soon as more than `maxLength` bytes come. */
function inflateWithFflate(data: Uint8Array, maxLength: number): Uint8Array | 'too-large' | 'damaged' {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > maxLength) throw new TooMuchOutput();
    chunks.push(chunk);
  });
  try {
    inflater.push(data, true);
  } catch (error) {
    return error instanceof TooMuchOutput ? 'too-large' : 'damaged';
  }
  const out = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Inflates one entry with bounded work: never more bytes than the entry declares are produced, whatever
 * the data holds (so a caller that budgets declared sizes bounds the bytes actually inflated), and the
 * CRC-32 is verified. Returns the bytes, or a problem naming the entry. `inflateRaw`: a native inflate
 * from the host, fflate's without it.
 */
export function inflateZipEntry(
  bytes: Uint8Array,
  entry: ZipEntryHeader,
  name: string,
  fileName: string,
  inflateRaw?: InflateRaw,
): Result<Uint8Array> {
  if (entry.encrypted) {
    return fail({
      kind: 'encrypted-zip',
      message: text(
        `${fileName} 中的 ${name} 有密码保护（加密），GridPlan 无法读取。请解压后不加密重新打包。`,
        `${name} in ${fileName} is password-protected (encrypted); GridPlan cannot read it. Unzip it and zip it again without a password.`,
      ),
    });
  }
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) {
    return fail(damaged(fileName, `${name} 的位置不对`, `${name} is not where the directory says`));
  }
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) {
    return fail(damaged(fileName, `${name} 被截断`, `${name} is cut short`));
  }
  const data = bytes.subarray(start, end);
  let out: Uint8Array;
  if (entry.method === 0) {
    out = data;
  } else if (entry.method === 8) {
    const inflated = inflateRaw ? inflateRaw(data, entry.size) : inflateWithFflate(data, entry.size);
    if (inflated === 'too-large' || (typeof inflated !== 'string' && inflated.length > entry.size)) {
      return fail(
        damaged(
          fileName,
          `${name} 解压后比声明的 ${entry.size} 字节更大`,
          `${name} unpacks to more than the ${entry.size} bytes it declares`,
        ),
      );
    }
    if (inflated === 'damaged') {
      return fail(damaged(fileName, `${name} 的压缩数据已损坏`, `the compressed data of ${name} is damaged`));
    }
    out = inflated;
  } else {
    return fail({
      kind: 'bad-zip',
      message: text(
        `${fileName} 中的 ${name} 使用了不支持的压缩方法（${entry.method}）。请用常见的 zip 工具（“存储”或“标准”压缩）重新打包。`,
        `${name} in ${fileName} uses an unsupported compression method (${entry.method}). Zip it again with a common tool (stored or deflate).`,
      ),
    });
  }
  if (out.length !== entry.size) {
    return fail(
      damaged(
        fileName,
        `${name} 的大小与声明不符（${out.length} / ${entry.size} 字节）`,
        `${name} does not have its declared size (${out.length} of ${entry.size} bytes)`,
      ),
    );
  }
  if (crc32(out) !== entry.crc) {
    return fail(damaged(fileName, `${name} 的校验和（CRC-32）不符`, `the CRC-32 of ${name} does not match`));
  }
  return ok(out);
}
