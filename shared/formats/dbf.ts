import type { Result } from '../model';
import { fail, ok, setOwn, text } from '../model';
import type { TextEncodingName } from './text-encoding';
import { decodeText, encodeText, encodeTextInto, MAX_BYTES_PER_UNIT, wholeCharacters } from './text-encoding';

/**
 * dBASE III tables, the attribute part of a shapefile. Written and read here rather than by a library so
 * that GridPlan controls every byte: the encoding of Chinese text (GBK or UTF-8), field names of at most
 * 10 bytes, and the checks a truncated or inconsistent file needs.
 */

/** A column of a DBF table. */
export interface DbfField {
  /** The name as decoded (at most 10 bytes in the file). */
  readonly name: string;
  /** dBASE type letter: C text, N/F number, L logical, D date (others are read as text). */
  readonly type: string;
  /** Width in bytes. */
  readonly length: number;
  readonly decimals: number;
}

/**
 * A value read from a DBF cell: text, a number, a logical, or null for a blank cell. A whole number past
 * 2^53 (an 18-digit micro-grid code a tool stored as a number) is its digits as text: as a double
 * it would lose its last digits.
 */
export type DbfValue = string | number | boolean | null;

/** A DBF table whose records are decoded on demand (a preview decodes only a few). */
export interface DbfTable {
  readonly fields: readonly DbfField[];
  readonly recordCount: number;
  /** The language driver byte (offset 29): 0x4D means code page 936 (GBK). */
  readonly languageDriver: number;
  /**
   * Bytes of every text cell and field name, to detect the encoding from or check it by. A name cut at
   * 10 bytes by its writer in the middle of a character is taken up to its last whole character in
   * `encoding` (default UTF-8).
   */
  readonly textSample: (records?: number, encoding?: TextEncodingName) => Uint8Array;
  /** Decodes record `index` (0-based), whether deleted or not. */
  readonly record: (index: number) => Record<string, DbfValue>;
  /** True when record `index` is marked deleted ("*"): GIS programs skip it, and so does GridPlan. */
  readonly deleted: (index: number) => boolean;
  /** Records not marked deleted. */
  readonly liveCount: number;
}

const HEADER_BYTES = 32;

/**
 * Opens a DBF table. Refuses a file that is empty, too short for its header, or shorter than its header
 * says (a truncated copy), naming how many records it should and does hold.
 */
export function readDbf(bytes: Uint8Array, encoding: TextEncodingName, fileName = '.dbf'): Result<DbfTable> {
  const refuse = (zh: string, en: string) => fail<DbfTable>({ kind: 'bad-dbf', message: text(zh, en) });
  if (bytes.length < HEADER_BYTES + 1) {
    return refuse(
      `${fileName} 是空的或不完整（只有 ${bytes.length} 字节），无法读取属性。`,
      `${fileName} is empty or incomplete (${bytes.length} bytes): its attributes cannot be read.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const recordCount = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const languageDriver = bytes[29]!;
  if (headerLength < HEADER_BYTES + 1 || headerLength > bytes.length || recordLength < 1) {
    return refuse(
      `${fileName} 的文件头已损坏（头长 ${headerLength}，记录长 ${recordLength}），无法读取属性。`,
      `${fileName} has a damaged header (header length ${headerLength}, record length ${recordLength}): its attributes cannot be read.`,
    );
  }
  const fields: DbfField[] = [];
  const rawNames: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 1;
  for (let at = HEADER_BYTES; at + HEADER_BYTES <= headerLength && bytes[at] !== 0x0d; at += HEADER_BYTES) {
    let end = at;
    while (end < at + 11 && bytes[end] !== 0) end++;
    const raw = bytes.subarray(at, end);
    rawNames.push(raw);
    const field: DbfField = {
      name: decodeText(cutName(raw, encoding), encoding).trim(),
      type: String.fromCharCode(bytes[at + 11]!),
      length: bytes[at + 16]!,
      decimals: bytes[at + 17]!,
    };
    fields.push(field);
    offsets.push(offset);
    offset += field.length;
  }
  // Fields that run past the record would read the next record's bytes as this one's: silent damage.
  if (offset > recordLength || fields.length === 0) {
    return refuse(
      fields.length === 0
        ? `${fileName} 的文件头没有任何字段定义，无法读取属性。`
        : `${fileName} 的文件头自相矛盾：各字段长度之和（${offset - 1}）超过了记录长度（${recordLength - 1}），属性会错位，未读取。请用原软件重新导出。`,
      fields.length === 0
        ? `${fileName} has no field definitions in its header: its attributes cannot be read.`
        : `${fileName} contradicts itself: its fields add up to ${offset - 1} bytes but a record has ${recordLength - 1}; the attributes would be misaligned, so it was not read. Export it again from the original software.`,
    );
  }
  const held = Math.floor(Math.max(0, bytes.length - headerLength) / recordLength);
  if (held < recordCount) {
    return refuse(
      `${fileName} 不完整：文件头写明 ${recordCount} 条记录，实际只有 ${held} 条。文件可能在复制或下载时被截断，请重新获取。`,
      `${fileName} is incomplete: its header says ${recordCount} records but it holds ${held}. It was probably cut short while copying or downloading; get it again.`,
    );
  }
  const names = uniqueNames(fields.map((f) => f.name));

  const record = (index: number): Record<string, DbfValue> => {
    const start = headerLength + index * recordLength;
    const row: Record<string, DbfValue> = {};
    fields.forEach((field, f) => {
      const cell = bytes.subarray(start + offsets[f]!, start + offsets[f]! + field.length);
      setOwn(row, names[f]!, cellValue(cell, field, encoding));
    });
    return row;
  };

  const deleted = (index: number): boolean => bytes[headerLength + index * recordLength] === 0x2a;
  let liveCount = 0;
  for (let r = 0; r < recordCount; r++) if (!deleted(r)) liveCount++;

  const textSample = (records = 2000, sampled: TextEncodingName = 'utf-8'): Uint8Array => {
    const parts: Uint8Array[] = rawNames.map((raw) => cutName(raw, sampled));
    const limit = Math.min(recordCount, records);
    for (let r = 0; r < limit; r++) {
      const start = headerLength + r * recordLength;
      fields.forEach((field, f) => {
        if (field.type === 'C')
          parts.push(bytes.subarray(start + offsets[f]!, start + offsets[f]! + field.length));
      });
    }
    // Cells are joined with spaces so that a multi-byte character never seems to span two cells.
    const size = parts.reduce((sum, p) => sum + p.length + 1, 0);
    const joined = new Uint8Array(size).fill(0x20);
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.length + 1;
    }
    return joined;
  };

  return ok({
    fields: fields.map((f, i) => ({ ...f, name: names[i]! })),
    recordCount,
    languageDriver,
    textSample,
    record,
    deleted,
    liveCount,
  });
}

/** The longest a field name can be: longer ones were cut there by whatever wrote the file. */
const NAME_BYTES = 10;

/** A field name's bytes, without a character its writer cut in two at the 10-byte limit. */
function cutName(raw: Uint8Array, encoding: TextEncodingName): Uint8Array {
  return raw.length >= NAME_BYTES ? wholeCharacters(raw, encoding) : raw;
}

/** Two fields whose names decode alike (or are blank) get "_2", "_3" ... so no column is lost. */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name, i) => {
    let unique = name || `FIELD${i + 1}`;
    for (let n = 2; seen.has(unique); n++) unique = `${name || `FIELD${i + 1}`}_${n}`;
    seen.add(unique);
    return unique;
  });
}

function cellValue(cell: Uint8Array, field: DbfField, encoding: TextEncodingName): DbfValue {
  // Text cells are padded with spaces (some writers use NULs).
  let end = cell.length;
  while (end > 0 && (cell[end - 1] === 0x20 || cell[end - 1] === 0)) end--;
  let start = 0;
  if (field.type !== 'C') while (start < end && cell[start] === 0x20) start++;
  if (start === end) return null;
  const raw = cell.subarray(start, end);
  switch (field.type) {
    case 'N':
    case 'F': {
      const digits = decodeText(raw, 'utf-8');
      const value = Number(digits);
      if (!Number.isSafeInteger(value) && Number.isInteger(value) && /^[+-]?\d+$/.test(digits))
        return digits.replace(/^\+/, '');
      // "*****" is how dBASE writes an overflowed number: treat it as blank rather than NaN.
      return Number.isFinite(value) ? value : null;
    }
    case 'L': {
      const c = String.fromCharCode(raw[0]!).toUpperCase();
      return c === 'T' || c === 'Y' ? true : c === 'F' || c === 'N' ? false : null;
    }
    case 'D': {
      const digits = decodeText(raw, 'utf-8');
      return /^\d{8}$/.test(digits)
        ? `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`
        : digits;
    }
    default:
      return decodeText(raw, encoding);
  }
}

/** A column to write. */
export interface DbfFieldSpec {
  /** ASCII, at most 10 bytes (longer names are refused by {@link writeDbf}'s caller contract). */
  readonly name: string;
  readonly type: 'C' | 'N';
  /** For N: digits after the point (0 for counts). */
  readonly decimals?: number;
}

/** The outcome of {@link writeDbf}. */
export interface WrittenDbf {
  readonly bytes: Uint8Array;
  /** Characters the encoding could not hold (written as "?"). */
  readonly unmappable: readonly string[];
  /** Cells cut to the 254-byte limit of a text field. */
  readonly truncatedCells: number;
}

const MAX_CELL_BYTES = 254;

/**
 * The end of at most `limit` of the UTF-8 or GBK bytes `bytes[start..end)`, not splitting a character.
 */
function cutEnd(
  bytes: Uint8Array,
  start: number,
  end: number,
  limit: number,
  encoding: TextEncodingName,
): number {
  if (end - start <= limit) return end;
  if (encoding === 'utf-8') {
    let cut = start + limit;
    while (cut > start && (bytes[cut]! & 0xc0) === 0x80) cut--;
    return cut;
  }
  // Walk GBK from the start: a lead byte ≥ 0x81 always starts a two-byte character.
  let at = start;
  while (at < start + limit) {
    const step = bytes[at]! >= 0x81 ? 2 : 1;
    if (at + step > start + limit) break;
    at += step;
  }
  return at;
}

function formatNumber(value: number, decimals: number): string {
  return decimals > 0 ? value.toFixed(decimals) : String(Math.round(value));
}

/** Every cell's bytes, one after another in one buffer (no array per cell), and where each ends. */
class CellBytes {
  bytes = new Uint8Array(1 << 16);
  /** End of cell k at k + 1; 0 at 0. */
  readonly ends: Int32Array;
  private count = 0;

  constructor(cells: number) {
    this.ends = new Int32Array(cells + 1);
  }

  get length(): number {
    return this.ends[this.count]!;
  }

  /** Room for `more` bytes after the last cell. */
  reserve(more: number): Uint8Array {
    const needed = this.length + more;
    if (needed > this.bytes.length) {
      const larger = new Uint8Array(Math.max(needed, 2 * this.bytes.length));
      larger.set(this.bytes.subarray(0, this.length));
      this.bytes = larger;
    }
    return this.bytes;
  }

  /** Ends the current cell at `end`. */
  close(end: number): void {
    this.ends[++this.count] = end;
  }

  /** Appends the characters of an ASCII text (a number's digits). */
  ascii(text: string): void {
    const bytes = this.reserve(text.length);
    let at = this.length;
    for (let k = 0; k < text.length; k++) bytes[at++] = text.charCodeAt(k);
    this.close(at);
  }
}

/**
 * Writes a DBF table: text in the chosen encoding (the language driver byte says 0x4D for GBK), numbers
 * right-aligned with their decimals; field widths fit the longest value. The caller writes the matching
 * `.cpg`.
 */
export function writeDbf(
  fields: readonly DbfFieldSpec[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
  encoding: TextEncodingName,
  date: Date = new Date(),
): WrittenDbf {
  const unmappable = new Set<string>();
  const noteUnmappable = (char: string) => unmappable.add(char);
  let truncatedCells = 0;
  // Encode every cell once, row by row, then size the columns.
  const width = fields.length;
  const cells = new CellBytes(rows.length * width);
  const widest = new Array<number>(width).fill(0);
  for (const row of rows) {
    for (let f = 0; f < width; f++) {
      const field = fields[f]!;
      const value = row[f];
      const start = cells.length;
      if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
        cells.close(start);
      } else if (field.type === 'N') {
        const digits = formatNumber(typeof value === 'number' ? value : Number(value), field.decimals ?? 0);
        if (digits === 'NaN') cells.close(start);
        else cells.ascii(digits);
      } else {
        const text = String(value);
        const bytes = cells.reserve(MAX_BYTES_PER_UNIT * text.length);
        const end = encodeTextInto(text, encoding, bytes, start, noteUnmappable);
        const cut = cutEnd(bytes, start, end, MAX_CELL_BYTES, encoding);
        if (cut < end) truncatedCells++;
        cells.close(cut);
      }
      widest[f] = Math.max(widest[f]!, cells.length - start);
    }
  }
  const widths = fields.map((field, f) =>
    field.type === 'N' ? Math.min(Math.max(widest[f]!, 10), 20) : Math.max(widest[f]!, 1),
  );
  const headerLength = HEADER_BYTES + fields.length * HEADER_BYTES + 1;
  const recordLength = 1 + widths.reduce((a, b) => a + b, 0);
  const bytes = new Uint8Array(headerLength + rows.length * recordLength + 1);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  bytes[1] = date.getUTCFullYear() - 1900;
  bytes[2] = date.getUTCMonth() + 1;
  bytes[3] = date.getUTCDate();
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  bytes[29] = encoding === 'gbk' ? 0x4d : 0x00;
  fields.forEach((field, f) => {
    const at = HEADER_BYTES + f * HEADER_BYTES;
    const name = encodeText(field.name, 'utf-8').bytes.subarray(0, 10);
    bytes.set(name, at);
    bytes[at + 11] = field.type.charCodeAt(0);
    bytes[at + 16] = widths[f]!;
    bytes[at + 17] = field.type === 'N' ? (field.decimals ?? 0) : 0;
  });
  bytes[headerLength - 1] = 0x0d;
  // Every cell padded with spaces: numbers right-aligned, text left-aligned (a record starts with the
  // space that says it is not deleted).
  bytes.fill(0x20, headerLength, bytes.length - 1);
  const { bytes: cellBytes, ends } = cells;
  let cell = 0;
  for (let r = 0; r < rows.length; r++) {
    let at = headerLength + r * recordLength + 1;
    for (let f = 0; f < width; f++, cell++) {
      const fieldWidth = widths[f]!;
      const from = ends[cell]!;
      const length = Math.min(ends[cell + 1]! - from, fieldWidth);
      let to = fields[f]!.type === 'N' ? at + fieldWidth - length : at;
      for (let k = from; k < from + length; k++) bytes[to++] = cellBytes[k]!;
      at += fieldWidth;
    }
  }
  bytes[bytes.length - 1] = 0x1a;
  return { bytes, unmappable: [...unmappable], truncatedCells };
}
