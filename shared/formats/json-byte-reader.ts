import { decimalToDouble, POWERS_OF_TEN } from './decimal-to-double';
import { decodeUtf8Strict } from './text-encoding';

// A cursor over the bytes of a JSON file, read whole or through a window of a few megabytes, with just
// what the division readers need: skip white space, match a literal, find the end of a string or of a
// value by bracket depth, read a number exactly as JSON.parse would, decode a slice as strict UTF-8.

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;

/** The text of a short run of ASCII bytes (apply reads the typed array directly; a spread would iterate). */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

export function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Fills `into` from its start with the next bytes of a file and says how many it wrote; 0 at the end.
 * Lets a file be read in a window of a few megabytes instead of whole.
 */
export type ReadInto = (into: Uint8Array) => number;

/** Bytes kept ahead of the cursor when reading piece by piece (doubled for a value that is larger). */
export const WINDOW_MARGIN = 4 * 1024 * 1024;

/** A cursor over the bytes; positions are -1 once something does not match. */
export class ByteReader {
  /** The last number read by {@link ByteReader.number}. */
  value = 0;
  /** The bytes of the window (the whole file when it was given whole). */
  bytes: Uint8Array;
  private buffer: Uint8Array = new Uint8Array(0);
  private margin: number;
  private done: boolean;

  constructor(source: Uint8Array | ReadInto, margin = WINDOW_MARGIN) {
    this.margin = margin;
    if (source instanceof Uint8Array) {
      this.bytes = source;
      this.done = true;
      this.readInto = () => 0;
    } else {
      this.bytes = new Uint8Array(0);
      this.done = false;
      this.readInto = source;
    }
  }

  private readonly readInto: ReadInto;

  /** True while the file has bytes not yet in the window. */
  get more(): boolean {
    return !this.done;
  }

  /**
   * Makes sure the window holds the margin from `pos` on (or the rest of the file): moves what is left
   * to the start and reads more. Returns the new position of `pos`; `bytes` is then a new view.
   */
  ensure(pos: number): number {
    if (this.done || this.bytes.length - pos >= this.margin) return pos;
    const rest = this.bytes.subarray(pos);
    if (this.buffer.length < 2 * this.margin) {
      const larger = new Uint8Array(2 * this.margin);
      larger.set(rest);
      this.buffer = larger;
    } else {
      this.buffer.copyWithin(0, pos, this.bytes.length);
    }
    let filled = rest.length;
    while (filled < this.buffer.length) {
      const read = this.readInto(this.buffer.subarray(filled));
      if (read === 0) {
        this.done = true;
        break;
      }
      filled += read;
    }
    this.bytes = this.buffer.subarray(0, filled);
    return 0;
  }

  /** For a value larger than the margin: doubles it and reads on. */
  grow(pos: number): number {
    this.margin *= 2;
    return this.ensure(pos);
  }

  space(pos: number): number {
    const bytes = this.bytes;
    while (pos < bytes.length && isSpace(bytes[pos]!)) pos++;
    return pos;
  }

  literal(pos: number, expected: Uint8Array): number {
    const bytes = this.bytes;
    if (pos + expected.length > bytes.length) return -1;
    for (let k = 0; k < expected.length; k++) if (bytes[pos + k] !== expected[k]) return -1;
    return pos + expected.length;
  }

  /** End of the string starting at `pos` (a quote), or -1. */
  string(pos: number): number {
    const bytes = this.bytes;
    if (bytes[pos] !== QUOTE) return -1;
    for (let i = pos + 1; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === QUOTE) return i + 1;
      if (byte === BACKSLASH) i++;
    }
    return -1;
  }

  /**
   * End of the JSON value starting at `pos`, found by bracket depth only; the slice is JSON.parse-d
   * afterwards, which checks it.
   */
  valueEnd(pos: number): number {
    const bytes = this.bytes;
    const first = bytes[pos];
    if (first === undefined) return -1;
    if (first === QUOTE) return this.string(pos);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      let i = pos;
      while (i < bytes.length) {
        const byte = bytes[i]!;
        if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte)) break;
        i++;
      }
      return i > pos ? i : -1;
    }
    let depth = 0;
    for (let i = pos; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === QUOTE) {
        i = this.string(i) - 1;
        if (i < 0) return -1;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }

  /**
   * A JSON number at `pos` into {@link ByteReader.value}: its end, or -1. Exactly JSON.parse's value:
   * digits forming an integer below 2^53, without exponent, are that exact integer divided by an exact
   * power of ten (one correctly rounded operation); up to 19 significant digits, decimalToDouble;
   * anything else goes through Number.
   */
  number(pos: number): number {
    const bytes = this.bytes;
    let i = pos;
    const negative = bytes[i] === 0x2d;
    if (negative) i++;
    const intStart = i;
    let mantissa = 0;
    while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
      mantissa = mantissa * 10 + (bytes[i]! - 0x30);
      i++;
    }
    if (i === intStart || (bytes[intStart] === 0x30 && i - intStart > 1)) return -1;
    let fraction = 0;
    if (bytes[i] === 0x2e) {
      i++;
      const fractionStart = i;
      while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
        mantissa = mantissa * 10 + (bytes[i]! - 0x30);
        i++;
      }
      fraction = i - fractionStart;
      if (fraction === 0) return -1;
    }
    const byte = bytes[i];
    // Below 2^53 every step of the mantissa was exact (Clinger's fast path), and so is dividing by a
    // power of ten up to 10^22; more fraction digits than that take the exact path too.
    if (byte === 0x65 || byte === 0x45 || mantissa >= 2 ** 53 || fraction >= POWERS_OF_TEN.length) {
      const end = byte === 0x65 || byte === 0x45 ? this.exponentEnd(i + 1) : i;
      if (end < 0) return -1;
      // 17-digit coordinates: exact without a string; NaN where that is not guaranteed.
      const exact = decimalToDouble(bytes, pos, end);
      this.value = Number.isNaN(exact) ? Number(latin1(bytes, pos, end)) : exact;
      return end;
    }
    const magnitude = fraction === 0 ? mantissa : mantissa / POWERS_OF_TEN[fraction]!;
    this.value = negative ? -magnitude : magnitude;
    return i;
  }

  private exponentEnd(pos: number): number {
    const bytes = this.bytes;
    let i = pos;
    if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++;
    const start = i;
    while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
    return i > start ? i : -1;
  }

  /** Text of a slice; invalid UTF-8 throws, and the file is then read whole by its detected encoding. */
  decode(start: number, end: number): string {
    try {
      return decodeUtf8Strict(this.bytes.subarray(start, end));
    } catch {
      throw new NotUtf8();
    }
  }
}

/** Thrown by the fast reader at the first slice that is not UTF-8. */
export class NotUtf8 extends Error {}
