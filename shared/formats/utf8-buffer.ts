/** The platform's encoder (shared/ has neither DOM nor Node types; both have this). */
const encoder = new (
  globalThis as unknown as {
    TextEncoder: new () => { encodeInto(text: string, into: Uint8Array): { written: number } };
  }
).TextEncoder();

/** Strings at least this long are encoded by the platform's encoder, shorter ones here. */
const NATIVE_FROM = 64;

/** The largest chunk allocated ahead of need. */
const MAX_CHUNK = 8 << 20;

/**
 * A growing buffer that text is written into as UTF-8 bytes, piece by piece, without building the text as
 * a string first. Writing a feature as bytes this way, from its numbers and a few fixed byte runs, costs a
 * fraction of building its text by concatenation and then encoding it: a concatenated string must be
 * flattened before it can be encoded, and for a census table of 100,000 rows that flattening was the
 * larger part of writing the file.
 */
export class Utf8Buffer {
  /** Chunks filled before the current one, each cut to its bytes. */
  private readonly filled: Uint8Array[] = [];
  private filledLength = 0;
  private buffer: Uint8Array;
  private used = 0;

  /**
   * `sink`, when given, takes the bytes each time the buffer is full (and at {@link Utf8Buffer.flush}), and
   * the buffer is then reused: a big file goes out in pieces of `capacity` bytes and is never held whole.
   * The sink must be done with the bytes when it returns.
   */
  constructor(
    capacity = 1 << 16,
    private readonly sink?: (bytes: Uint8Array) => void,
  ) {
    this.buffer = new Uint8Array(Math.max(16, capacity));
  }

  /** Bytes written so far. */
  get length(): number {
    return this.filledLength + this.used;
  }

  /** Bytes already in UTF-8 (a constant run of a format, say). */
  bytes(bytes: Uint8Array): void {
    const n = bytes.length;
    this.room(n);
    const out = this.buffer;
    const at = this.used;
    // A short run is copied faster by hand than by `set`.
    if (n < 32) for (let k = 0; k < n; k++) out[at + k] = bytes[k]!;
    else out.set(bytes, at);
    this.used = at + n;
  }

  /**
   * A string as UTF-8, as TextEncoder writes it: a surrogate pair is one four-byte character, a lone
   * surrogate becomes U+FFFD.
   */
  text(text: string): void {
    const n = text.length;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.room(3 * n);
    if (n >= NATIVE_FROM) {
      this.used += encoder.encodeInto(text, this.buffer.subarray(this.used)).written;
      return;
    }
    const out = this.buffer;
    let at = this.used;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        out[at++] = c;
        continue;
      }
      if (c < 0x800) {
        out[at++] = 0xc0 | (c >> 6);
        out[at++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          out[at++] = 0xf0 | (point >> 18);
          out[at++] = 0x80 | ((point >> 12) & 0x3f);
          out[at++] = 0x80 | ((point >> 6) & 0x3f);
          out[at++] = 0x80 | (point & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd;
      }
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
    }
    this.used = at;
  }

  /**
   * A number as `String(value)` writes it. A finite number with at most six decimals and below 10^9 in
   * magnitude (a census count, a longitude or latitude as tables give them) is written digit by digit: it
   * is `m / 10^6` for an integer `m` of at most 15 digits, and a decimal of at most 15 significant digits
   * is the shortest that reads back as its double, which is what `String` writes (fixed notation in this
   * range, no trailing zeros, `-0` as `0`). Any other number goes through `String`.
   */
  number(value: number): void {
    const scaled = Math.round(value * 1e6);
    if (!(Math.abs(value) < 1e9) || scaled / 1e6 !== value) {
      this.ascii(String(value));
      return;
    }
    this.room(18);
    const out = this.buffer;
    let at = this.used;
    let m = scaled;
    if (m < 0) {
      out[at++] = 0x2d;
      m = -m;
    }
    const whole = Math.floor(m / 1e6);
    let fraction = m - whole * 1e6;
    at = writeDigits(out, at, whole);
    if (fraction !== 0) {
      out[at++] = 0x2e;
      let digits = 6;
      while (fraction % 10 === 0) {
        fraction /= 10;
        digits--;
      }
      for (let k = digits - 1; k >= 0; k--) {
        out[at + k] = 0x30 + (fraction % 10);
        fraction = Math.floor(fraction / 10);
      }
      at += digits;
    }
    this.used = at;
  }

  /**
   * A string as `JSON.stringify(value)` writes it, in UTF-8. A string without quotes, backslashes,
   * control characters or surrogates (which JSON escapes) is written between quotes as it is; any other
   * through `JSON.stringify`.
   */
  jsonString(value: string): void {
    const n = value.length;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
        this.text(JSON.stringify(value));
        return;
      }
    }
    this.room(3 * n + 2);
    this.buffer[this.used++] = 0x22;
    this.text(value);
    this.buffer[this.used++] = 0x22;
  }

  /** Text known to be ASCII (a number's `String`), a byte per character. */
  private ascii(text: string): void {
    const n = text.length;
    this.room(n);
    const out = this.buffer;
    const at = this.used;
    for (let i = 0; i < n; i++) out[at + i] = text.charCodeAt(i);
    this.used = at + n;
  }

  /** Hands what is written and not yet handed to the sink (given to the constructor) to it. */
  flush(): void {
    if (this.used > 0) this.sink?.(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  /** Everything written, as one array of its own length (a buffer without a sink). */
  result(): Uint8Array {
    if (this.filled.length === 0) return this.buffer.slice(0, this.used);
    const all = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of [...this.filled, this.buffer.subarray(0, this.used)]) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return all;
  }

  /**
   * Makes room for `more` bytes: with a sink, by handing it what is written; else, when the current chunk
   * is full, a new one (twice as large, up to
   * {@link MAX_CHUNK}, or what is needed). Written bytes are never copied until {@link Utf8Buffer.result}.
   */
  private room(more: number): void {
    if (this.used + more <= this.buffer.length) return;
    if (this.sink) {
      this.flush();
      if (more > this.buffer.length) this.buffer = new Uint8Array(more);
      return;
    }
    this.filled.push(this.buffer.subarray(0, this.used));
    this.filledLength += this.used;
    this.buffer = new Uint8Array(Math.max(Math.min(this.buffer.length * 2, MAX_CHUNK), more));
    this.used = 0;
  }
}

/** Writes a non-negative integer below 2^53 as decimal digits at `at`; returns the position after them. */
function writeDigits(out: Uint8Array, at: number, value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  let rest = value;
  for (let k = digits - 1; k >= 0; k--) {
    out[at + k] = 0x30 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return at + digits;
}

/** The UTF-8 bytes of ASCII text known when the program is written (a format's fixed runs). */
export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}
