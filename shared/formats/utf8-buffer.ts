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

  constructor(capacity = 1 << 16) {
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

  /** Everything written, as one array of its own length. */
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
   * Makes room for `more` bytes: when the current chunk is full, a new one (twice as large, up to
   * {@link MAX_CHUNK}, or what is needed). Written bytes are never copied until {@link Utf8Buffer.result}.
   */
  private room(more: number): void {
    if (this.used + more <= this.buffer.length) return;
    this.filled.push(this.buffer.subarray(0, this.used));
    this.filledLength += this.used;
    this.buffer = new Uint8Array(Math.max(Math.min(this.buffer.length * 2, MAX_CHUNK), more));
    this.used = 0;
  }
}

/** The UTF-8 bytes of ASCII text known when the program is written (a format's fixed runs). */
export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}
