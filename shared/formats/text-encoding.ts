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
  encodeInto(input: string, into: Uint8Array): { read: number; written: number };
}

// shared/ compiles without DOM or Node types (architecture.md), yet both hosts have these two globals:
// reach them through globalThis with the narrow shape we use.
const platform = globalThis as unknown as {
  TextDecoder: DecoderConstructor;
  TextEncoder: new () => Encoder;
};

const decoders = new Map<string, Decoder>();
/**
 * The platform's decoder. GBK is decoded as GB18030, its superset, as browsers do for the label "gbk"
 * (WHATWG Encoding): Node's own "gbk" decoder garbles GB18030's four-byte characters (rare place-name
 * characters such as 𬇙, which GDAL writes with a .cpg saying GB18030) and maps a hundred two-byte codes
 * to private-use characters, so the command line and the app would read one file differently.
 */
function decoder(encoding: ReadEncodingName, fatal = false): Decoder {
  const key = `${encoding}/${fatal}`;
  let found = decoders.get(key);
  if (!found) {
    found = new platform.TextDecoder(encoding === 'gbk' ? 'gb18030' : encoding, { fatal });
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

/**
 * The bytes up to the end of their last whole character in `encoding`: without a multi-byte character
 * cut off at the end, as a DBF field name cut at 10 bytes by its writer ends (GDAL cuts 社区代码 in UTF-8
 * after 社区代 and one byte of 码). Bytes that are whole, or not valid at all, are returned as they are.
 */
export function wholeCharacters(bytes: Uint8Array, encoding: TextEncodingName): Uint8Array {
  const n = bytes.length;
  if (encoding === 'utf-8') {
    // Back over continuation bytes (at most three) to the lead byte of the last character.
    let lead = n - 1;
    while (lead >= 0 && lead > n - 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
    if (lead < 0) return bytes;
    const b = bytes[lead]!;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return lead + length > n ? bytes.subarray(0, lead) : bytes;
  }
  // GBK/GB18030 is read from the start (a trail byte can look like a lead byte), noting where each
  // character starts; a second byte 0x30–0x39 makes a four-byte character.
  let start = 0;
  let i = 0;
  while (i < n) {
    start = i;
    const second = bytes[i + 1];
    i += bytes[i]! < 0x80 ? 1 : second !== undefined && second >= 0x30 && second <= 0x39 ? 4 : 2;
  }
  return i === n ? bytes : bytes.subarray(0, start);
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

let gbkTable: Uint16Array | undefined;

/**
 * Two-byte codes that GB18030 (the decoder GridPlan reads GBK with) maps to characters while code page
 * 936 (ArcGIS on Windows, Excel, Node's own "gbk") maps them to private-use ones: €, ǹ, ḿ, vertical
 * punctuation, CJK radicals. Never written: a CP936 reader would show private-use characters, so such a
 * character is unmappable ("?", and the export says so), as it always was.
 */
const GB18030_ONLY_PAIRS: readonly (readonly [number, number])[] = [
  [0xa2e3, 0xa2e3],
  [0xa3a0, 0xa3a0],
  [0xa6d9, 0xa6df],
  [0xa6ec, 0xa6ed],
  [0xa6f3, 0xa6f3],
  [0xa8bc, 0xa8bc],
  [0xa8bf, 0xa8bf],
  [0xa989, 0xa995],
  [0xfe50, 0xfe50],
  [0xfe54, 0xfe6b],
  [0xfe6d, 0xfe75],
  [0xfe77, 0xfe7e],
  [0xfe80, 0xfe90],
  [0xfe92, 0xfea0],
];

function gb18030Only(pair: number): boolean {
  return GB18030_ONLY_PAIRS.some(([from, to]) => pair >= from && pair <= to);
}

/**
 * Builds the Unicode → GBK table by decoding every two-byte GBK code once (about 22,000; a few ms): at
 * each UTF-16 code unit, its pair (lead byte << 8 | trail byte), the first that decodes to it; 0 where
 * GBK has none (a pair's lead byte is never 0). Each pair is followed by a newline so that an invalid
 * pair cannot shift the ones after it.
 */
function buildGbkTable(): Uint16Array {
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
  const decoded = decoder('gbk').decode(bytes);
  const table = new Uint16Array(0x10000);
  // The text between one newline and the next is what the pair decodes to (no string per pair).
  let start = 0;
  for (let i = 0; i < pairs.length && start <= decoded.length; i++) {
    const newline = decoded.indexOf('\n', start);
    const end = newline < 0 ? decoded.length : newline;
    const code = decoded.charCodeAt(start);
    if (end - start === 1 && code !== 0xfffd && table[code] === 0 && !gb18030Only(pairs[i]!))
      table[code] = pairs[i]!;
    start = end + 1;
  }
  return table;
}

/** The outcome of {@link encodeText}: the bytes, and the characters the encoding could not hold. */
export interface EncodedText {
  readonly bytes: Uint8Array;
  /** Characters written as "?" because the encoding has no code for them (GBK only). */
  readonly unmappable: readonly string[];
}

let utf8Encoder: Encoder | undefined;

/** Text as UTF-8 (with U+FFFD for a lone surrogate) or GBK (with "?" for what GBK lacks), with those characters. */
export function encodeText(value: string, encoding: TextEncodingName): EncodedText {
  if (encoding === 'utf-8') {
    // One encoder for every call: a DBF export encodes each of tens of thousands of cells.
    utf8Encoder ??= new platform.TextEncoder();
    return { bytes: utf8Encoder.encode(value), unmappable: [] };
  }
  const into = new Uint8Array(MAX_BYTES_PER_UNIT * value.length);
  const unmappable: string[] = [];
  const end = encodeTextInto(value, encoding, into, 0, (char) => unmappable.push(char));
  return { bytes: into.slice(0, end), unmappable };
}

/** The most bytes {@link encodeTextInto} writes for one UTF-16 code unit (UTF-8's 3). */
export const MAX_BYTES_PER_UNIT = 3;

/**
 * Writes the text as {@link encodeText} encodes it into `into` from `at`, which must have room for
 * {@link MAX_BYTES_PER_UNIT} bytes per UTF-16 code unit, and returns where it ended; each character
 * the encoding lacks (written "?") goes to `unmappable`, in order. For writers of many short texts (a
 * DBF's cells): no array per text.
 */
export function encodeTextInto(
  value: string,
  encoding: TextEncodingName,
  into: Uint8Array,
  at: number,
  unmappable: (char: string) => void,
): number {
  let pos = at;
  let k = 0;
  // ASCII is the same bytes in both encodings.
  for (; k < value.length; k++) {
    const code = value.charCodeAt(k);
    if (code >= 0x80) break;
    into[pos++] = code;
  }
  if (k === value.length) return pos;
  if (encoding === 'utf-8') {
    utf8Encoder ??= new platform.TextEncoder();
    return pos + utf8Encoder.encodeInto(value.slice(k), into.subarray(pos)).written;
  }
  gbkTable ??= buildGbkTable();
  const table = gbkTable;
  for (; k < value.length; k++) {
    const code = value.charCodeAt(k);
    if (code < 0x80) {
      into[pos++] = code;
      continue;
    }
    // A surrogate pair is one character (outside GBK); a lone surrogate is one too.
    const pairs = code >= 0xd800 && code <= 0xdbff && k + 1 < value.length;
    const next = pairs ? value.charCodeAt(k + 1) : 0;
    if (next >= 0xdc00 && next <= 0xdfff) {
      into[pos++] = 0x3f;
      unmappable(value.slice(k, k + 2));
      k++;
      continue;
    }
    const pair = table[code]!;
    if (pair === 0) {
      into[pos++] = 0x3f;
      unmappable(value[k]!);
    } else {
      into[pos++] = pair >> 8;
      into[pos++] = pair & 0xff;
    }
  }
  return pos;
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
