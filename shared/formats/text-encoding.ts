/**
 * Text encodings of the files planners exchange: UTF-8 and GBK (code page 936, what Chinese Windows,
 * ArcGIS and Excel write). Decoding uses the platform's `TextDecoder` (browsers and Node ≥ 20 with full
 * ICU know `gbk`); encoding GBK uses a table built once from that same decoder, so import and export
 * agree byte for byte and no encoder library is needed in the browser.
 */

import { Utf8Buffer } from './utf8-buffer';

/** The encodings GridPlan reads and writes. */
export const TEXT_ENCODINGS = ['utf-8', 'gbk'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

interface Decoder {
  decode(input: Uint8Array): string;
}
type DecoderConstructor = new (label?: string, options?: { fatal?: boolean }) => Decoder;
interface Encoder {
  encode(input: string): Uint8Array;
}

// shared/ compiles without DOM or Node types (architecture.md), yet both hosts have these two globals:
// reach them through globalThis with the narrow shape we use.
const platform = globalThis as unknown as {
  TextDecoder: DecoderConstructor;
  TextEncoder: new () => Encoder;
};

const decoders = new Map<string, Decoder>();
function decoder(encoding: ReadEncodingName, fatal = false): Decoder {
  const key = `${encoding}/${fatal}`;
  let found = decoders.get(key);
  if (!found) {
    found = new platform.TextDecoder(encoding, { fatal });
    decoders.set(key, found);
  }
  return found;
}

/** Decodes bytes; invalid sequences become U+FFFD. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  return decoder(encoding).decode(bytes);
}

/** Decodes UTF-8, throwing (a TypeError) on an invalid sequence instead of writing U+FFFD. */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  return decoder('utf-8', true).decode(bytes);
}

/** True when the bytes are valid UTF-8 (plain ASCII is). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return utf8OrUndefined(bytes) !== undefined;
}

/** The text of UTF-8 bytes, or undefined when they are not valid UTF-8. */
function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return decoder('utf-8', true).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * True when the bytes are well-formed GBK/GB18030 text: ASCII, or a lead byte 0x81–0xFE with a trail byte
 * 0x40–0x7E or 0x80–0xFE, or a GB18030 four-byte sequence. Checked by structure because platform
 * decoders differ: Node's drops a stray 0xFF without a word even when asked to be fatal.
 */
export function isValidGbk(bytes: Uint8Array): boolean {
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if (b === 0x80 || b === 0xff) return false;
    const second = bytes[i + 1];
    if (second === undefined) return false;
    if ((second >= 0x40 && second <= 0x7e) || (second >= 0x80 && second <= 0xfe)) {
      i++;
      continue;
    }
    const third = bytes[i + 2];
    const fourth = bytes[i + 3];
    if (
      second >= 0x30 &&
      second <= 0x39 &&
      third !== undefined &&
      third >= 0x81 &&
      third <= 0xfe &&
      fourth !== undefined &&
      fourth >= 0x30 &&
      fourth <= 0x39
    ) {
      i += 3;
      continue;
    }
    return false;
  }
  return true;
}

/** True when the bytes contain anything outside ASCII (only then does the encoding matter). */
export function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * Guesses the encoding of text bytes with no declared encoding: valid UTF-8 is UTF-8 (GBK text of any
 * length is almost never valid UTF-8), anything else is taken as GBK, the other encoding in use.
 */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  return isValidUtf8(bytes) ? 'utf-8' : 'gbk';
}

/**
 * Reads a `.cpg` file's content. "936", "CP936", "ANSI 936", "GBK", "GB2312", "GB18030" (and the same with
 * other spacing or case) mean GBK; "UTF-8"/"UTF8"/"65001" mean UTF-8. Anything else is undefined: the
 * caller then looks at the DBF language byte or detects.
 */
export function encodingFromCpg(cpg: string): TextEncodingName | undefined {
  const name = cpg
    .replace(/^\uFEFF/, '')
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '');
  if (/^(ANSI)?(CP|WINDOWS|MSCP)?936$/.test(name) || /^(GBK|GB2312|GB18030|EUCCN|CHINESE)$/.test(name)) {
    return 'gbk';
  }
  if (/^(UTF8|CP65001|65001|UNICODE)$/.test(name)) return 'utf-8';
  return undefined;
}

/**
 * The encoding a DBF header's language driver byte (offset 29) declares: 0x4D (and the older 0x7A) mean
 * code page 936; 0x00 means "not said". Other code pages are not used for Chinese data: undefined.
 */
export function encodingFromLanguageDriver(byte: number): TextEncodingName | undefined {
  return byte === 0x4d || byte === 0x7a ? 'gbk' : undefined;
}

let gbkTable: Map<number, number> | undefined;

/**
 * Builds the Unicode → GBK table by decoding every two-byte GBK code once (about 22,000; a few ms).
 * Each pair is followed by a newline so that an invalid pair cannot shift the ones after it.
 */
function buildGbkTable(): Map<number, number> {
  const pairs: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push((lead << 8) | trail);
  }
  const bytes = new Uint8Array(pairs.length * 3);
  pairs.forEach((pair, i) => {
    bytes[i * 3] = pair >> 8;
    bytes[i * 3 + 1] = pair & 0xff;
    bytes[i * 3 + 2] = 0x0a;
  });
  const decoded = decoder('gbk').decode(bytes).split('\n');
  const table = new Map<number, number>();
  pairs.forEach((pair, i) => {
    const char = decoded[i];
    if (char !== undefined && char.length === 1 && char !== '\uFFFD' && !table.has(char.charCodeAt(0))) {
      table.set(char.charCodeAt(0), pair);
    }
  });
  return table;
}

/** The outcome of {@link encodeText}: the bytes, and the characters the encoding could not hold. */
export interface EncodedText {
  readonly bytes: Uint8Array;
  /** Characters written as "?" because the encoding has no code for them (GBK only). */
  readonly unmappable: readonly string[];
}

let utf8Encoder: Encoder | undefined;

/** Encodes text; characters GBK cannot hold become "?" and are listed. */
export function encodeText(value: string, encoding: TextEncodingName): EncodedText {
  if (encoding === 'utf-8') {
    // One encoder for every call: a DBF export encodes each of tens of thousands of cells.
    utf8Encoder ??= new platform.TextEncoder();
    return { bytes: utf8Encoder.encode(value), unmappable: [] };
  }
  gbkTable ??= buildGbkTable();
  const out: number[] = [];
  const unmappable: string[] = [];
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const pair = code <= 0xffff ? gbkTable.get(code) : undefined;
    if (pair === undefined) {
      out.push(0x3f);
      unmappable.push(char);
    } else {
      out.push(pair >> 8, pair & 0xff);
    }
  }
  return { bytes: Uint8Array.from(out), unmappable };
}

/** Encodings GridPlan reads: the two it writes, and UTF-16 ("Unicode text" from Excel and Notepad). */
export type ReadEncodingName = TextEncodingName | 'utf-16le' | 'utf-16be';

/**
 * The encodings a planner can choose for a text file (the app's choice, the CLI's `--encoding`): the two
 * GridPlan writes, and UTF-16, whose byte order the file's BOM (or its NULs) tells.
 */
export const TEXT_FILE_ENCODINGS = ['utf-8', 'gbk', 'utf-16'] as const;
export type TextFileEncodingChoice = (typeof TEXT_FILE_ENCODINGS)[number];

/** What a text file's bytes were read as, and how that was decided. */
export interface DecodedTextFile {
  readonly text: string;
  /** The encoding used: `utf-16le`/`utf-16be` only when the file says so with a byte-order mark or NULs. */
  readonly encoding: ReadEncodingName;
  readonly source: 'override' | 'bom' | 'detected' | 'ascii';
}

/** UTF-16 without a BOM: ASCII text has a NUL in every other byte. */
function utf16Without(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = sample / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * The encoding {@link decodeTextFile} would read these bytes as, without decoding them: for saying which
 * encoding a file was read in when it is not plain UTF-8.
 */
export function sniffTextEncoding(bytes: Uint8Array): Pick<DecodedTextFile, 'encoding' | 'source'> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', source: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', source: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', source: 'bom' };
  const utf16 = utf16Without(bytes);
  if (utf16) return { encoding: utf16, source: 'detected' };
  if (!hasNonAscii(bytes)) return { encoding: 'utf-8', source: 'ascii' };
  return { encoding: isValidUtf8(bytes) ? 'utf-8' : 'gbk', source: 'detected' };
}

/**
 * Decodes a whole text file (GeoJSON, CSV) with its encoding said, never silently replacing bytes by
 * U+FFFD: a byte-order mark (UTF-8, UTF-16) settles it; UTF-16 without one is recognised by its NULs;
 * otherwise valid UTF-8 is UTF-8 and anything else is tried as GBK. `override` (the app's choice, the
 * CLI's `--encoding`) wins. Text that is not valid in the encoding used is refused, naming the encoding
 * and what to try.
 */
export function decodeTextFile(
  bytes: Uint8Array,
  fileName: string,
  override?: TextFileEncodingChoice,
): { ok: true; value: DecodedTextFile } | { ok: false; message: { zh: string; en: string } } {
  let encoding: ReadEncodingName;
  let source: DecodedTextFile['source'];
  let body = bytes;
  if (override === 'utf-16') {
    // The byte order is the file's to tell: its BOM, else its NULs, else little-endian (what Windows writes).
    source = 'override';
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      encoding = 'utf-16be';
      body = bytes.subarray(2);
    } else {
      encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : (utf16Without(bytes) ?? 'utf-16le');
      if (bytes[0] === 0xff && bytes[1] === 0xfe) body = bytes.subarray(2);
    }
  } else if (override) {
    encoding = override;
    source = 'override';
    if (override === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      body = bytes.subarray(3);
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    source = 'bom';
    body = bytes.subarray(3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    source = 'bom';
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    source = 'bom';
    body = bytes.subarray(2);
  } else {
    const utf16 = utf16Without(bytes);
    source = utf16 || hasNonAscii(bytes) ? 'detected' : 'ascii';
    if (!utf16) {
      // Valid UTF-8 is read as UTF-8: the check is the decoding itself, so the text is decoded once.
      const text = utf8OrUndefined(bytes);
      if (text !== undefined) return { ok: true, value: { text, encoding: 'utf-8', source } };
    }
    encoding = utf16 ?? 'gbk';
  }
  try {
    if (encoding === 'gbk' && !isValidGbk(body)) throw new Error('not GBK');
    return { ok: true, value: { text: decoder(encoding, true).decode(body), encoding, source } };
  } catch {
    const named = encoding.startsWith('utf-16') ? 'UTF-16' : encoding.toUpperCase();
    const other = encoding === 'gbk' ? 'utf-8' : 'gbk';
    return {
      ok: false,
      message: {
        zh: `${fileName} 不是有效的 ${named} 文本${source === 'override' ? '（按指定的编码读取）' : source === 'bom' ? '（据文件开头的字节顺序标记）' : '（既不是 UTF-8 也不是 GBK）'}，按此读取会产生乱码，未读取。请确认文件编码${source === 'override' ? `，或改用 ${other.toUpperCase()}` : '，在 Excel/WPS 或文本编辑器中另存为 UTF-8'}后再试。`,
        en: `${fileName} is not valid ${named} text${source === 'override' ? ' (the encoding chosen)' : source === 'bom' ? ' (as its byte-order mark says)' : ' (neither UTF-8 nor GBK)'}; reading it would garble it, so it was not read. Check the file's encoding${source === 'override' ? `, or choose ${other.toUpperCase()}` : ' and save it as UTF-8 in Excel/WPS or a text editor'}, then try again.`,
      },
    };
  }
}

/**
 * A piece of a file's text: a string, or what writes its UTF-8 bytes straight into the file's buffer (a
 * writer for many small features, so their text is never built as strings).
 */
export type TextPiece = string | ((out: Utf8Buffer) => void);

/**
 * Text pieces as UTF-8 bytes, each encoded straight into one growing buffer: the file is never one giant
 * string. Pieces are not joined first: joining thousands of small concatenated strings (a feature's text is
 * built from its parts) costs more than encoding each where it is.
 */
export function utf8OfPieces(pieces: Iterable<TextPiece>): Uint8Array {
  return utf8BufferOfPieces(pieces).result();
}

/**
 * {@link utf8OfPieces}'s bytes handed to `put` a megabyte at a time, in order, never held whole: what a host
 * that writes a file piece by piece takes (a 20 MB census file then costs a 1 MB buffer). `put` must be
 * done with the bytes when it returns: the buffer is reused.
 */
export function writeUtf8OfPieces(pieces: Iterable<TextPiece>, put: (bytes: Uint8Array) => void): void {
  const out = utf8BufferOfPieces(pieces, new Utf8Buffer(1 << 20, put));
  out.flush();
}

function utf8BufferOfPieces(pieces: Iterable<TextPiece>, out = new Utf8Buffer(1 << 20)): Utf8Buffer {
  for (const piece of pieces) {
    if (typeof piece === 'string') out.text(piece);
    else piece(out);
  }
  return out;
}
