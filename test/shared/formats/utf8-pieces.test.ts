import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainCensusFeatureJson, writePlainCensusFeature } from '../../../shared/formats/geojson';
import { decodeTextFile, utf8OfPieces, writeUtf8OfPieces } from '../../../shared/formats/text-encoding';
import { Utf8Buffer } from '../../../shared/formats/utf8-buffer';

// utf8OfPieces encodes each piece where it lands in one growing buffer (no join); decodeTextFile decodes
// a UTF-8 file once, its validity check being that decoding. Both must give what the plain forms give.

const encode = (text: string) => new TextEncoder().encode(text);
/** Byte equality as one comparison (a deep equality walks every element, slowly). */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('utf8OfPieces', () => {
  it('is the UTF-8 of the pieces joined, for any well-formed pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 60 }), (pieces) => {
        expect(same(utf8OfPieces(pieces), encode(pieces.join('')))).toBe(true);
      }),
    );
  });

  it('grows past its first megabyte, with pieces small and larger than the buffer', () => {
    const small = Array.from(
      { length: 40_000 },
      (_, i) => `{"id":"census-l${i}","address":"新街社区${i}号"},`,
    );
    const large = '网格'.repeat(700_000);
    const pieces = [...small, large, 'end'];
    const bytes = utf8OfPieces(pieces);
    expect(bytes.length).toBeGreaterThan(1 << 21);
    expect(same(bytes, encode(pieces.join('')))).toBe(true);
  });

  it('is empty for no pieces', () => {
    expect(utf8OfPieces([])).toEqual(new Uint8Array(0));
  });
});

describe('Utf8Buffer', () => {
  it('writes any string as TextEncoder does, short or long, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 150 }), { maxLength: 6 }), (texts) => {
        const out = new Utf8Buffer(16);
        for (const text of texts) out.text(text);
        expect(same(out.result(), encode(texts.join('')))).toBe(true);
      }),
    );
  });

  it('counts and keeps what it wrote across chunks', () => {
    const out = new Utf8Buffer(16);
    out.text('网格');
    out.text('x'.repeat(1000));
    out.bytes(new Uint8Array(40).fill(0x79));
    expect(out.length).toBe(1046);
    expect(new TextDecoder().decode(out.result())).toBe(`网格${'x'.repeat(1000)}${'y'.repeat(40)}`);
  });
});

/** The bytes a buffer wrote, decoded (the numbers and JSON strings it writes are checked as text). */
const written = (write: (out: Utf8Buffer) => void): string => {
  const out = new Utf8Buffer(16);
  write(out);
  return new TextDecoder().decode(out.result());
};

/** Numbers as census tables give them: up to six decimals (the digit-by-digit path), either sign. */
const tableNumber = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }))
  .map(([decimals, digits]) => Number(digits) / 10 ** decimals);

describe('Utf8Buffer.number', () => {
  it('writes String(value) for numbers with up to six decimals', () => {
    fc.assert(
      fc.property(tableNumber, (value) => {
        expect(written((out) => out.number(value))).toBe(String(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes String(value) for any double, and at the edges of the digit-by-digit path', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        expect(written((out) => out.number(value))).toBe(String(value));
      }),
      { numRuns: 2000 },
    );
    const edges = [
      0,
      -0,
      1,
      -1,
      1e-6,
      -1e-6,
      1e-7,
      5e-7,
      0.1 + 0.2,
      999_999_999.999999,
      1e9,
      -1e9,
      999_999_999,
      1e21,
      123_456_789.123456,
      104.7,
      29.30001,
      0.000123,
      2 ** 53,
      Number.MIN_VALUE,
      Number.MAX_VALUE,
      NaN,
      Infinity,
      -Infinity,
      104.712345678,
    ];
    for (const value of edges) expect(written((out) => out.number(value))).toBe(String(value));
  });
});

describe('Utf8Buffer.jsonString', () => {
  it('writes JSON.stringify(value) as UTF-8, escapes and lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (value) => {
        expect(written((out) => out.jsonString(value))).toBe(JSON.stringify(value));
      }),
      { numRuns: 1000 },
    );
    for (const value of ['', '新街社区1号', 'a"b', 'a\\b', 'tab\there', '\u0000', '\ud800x', '😀'])
      expect(written((out) => out.jsonString(value))).toBe(JSON.stringify(value));
  });
});

describe('Utf8Buffer with a sink', () => {
  it('hands every byte to the sink in order, whatever the sizes written, and holds no more than its capacity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 150 }), fc.uint8Array({ maxLength: 70 }))),
        (pieces) => {
          const got: Uint8Array[] = [];
          const out = new Utf8Buffer(16, (bytes) => got.push(bytes.slice()));
          for (const piece of pieces) {
            if (typeof piece === 'string') out.text(piece);
            else out.bytes(piece);
          }
          out.flush();
          const expected = Buffer.concat(
            pieces.map((p) => (typeof p === 'string' ? Buffer.from(encode(p)) : Buffer.from(p))),
          );
          expect(Buffer.concat(got).equals(expected)).toBe(true);
          expect(got.every((bytes) => bytes.length > 0)).toBe(true);
        },
      ),
    );
  });

  it('writeUtf8OfPieces puts the bytes of utf8OfPieces, a megabyte at a time', () => {
    const pieces = Array.from(
      { length: 60_000 },
      (_, i) => `{"id":"census-l${i}","address":"新街社区${i}号"},`,
    );
    const got: Uint8Array[] = [];
    writeUtf8OfPieces(pieces, (bytes) => got.push(bytes.slice()));
    expect(got.length).toBeGreaterThan(1);
    expect(got.every((bytes) => bytes.length <= 1 << 20)).toBe(true);
    expect(same(Buffer.concat(got), utf8OfPieces(pieces))).toBe(true);
  });
});

describe('writePlainCensusFeature', () => {
  it('writes the UTF-8 of plainCensusFeatureJson', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.option(fc.string({ unit: 'binary', maxLength: 80 }), { nil: undefined }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        (id, households, population, address, lon, lat) => {
          const out = new Utf8Buffer(16);
          writePlainCensusFeature(out, id, households, population, address, lon, lat);
          const text = plainCensusFeatureJson(id, households, population, address, lon, lat);
          expect(same(out.result(), encode(text))).toBe(true);
        },
      ),
    );
  });
});

describe('decodeTextFile without a byte-order mark', () => {
  it('reads valid UTF-8 as UTF-8, detected (or ASCII), decoded once', () => {
    const chinese = decodeTextFile(encode('经度,纬度\n104.7,29.3\n'), 'a.csv');
    expect(chinese).toEqual({
      ok: true,
      value: { text: '经度,纬度\n104.7,29.3\n', encoding: 'utf-8', source: 'detected' },
    });
    const ascii = decodeTextFile(encode('lon,lat\n'), 'b.csv');
    expect(ascii).toEqual({ ok: true, value: { text: 'lon,lat\n', encoding: 'utf-8', source: 'ascii' } });
  });

  it('reads bytes that are not UTF-8 as GBK', () => {
    // 经度 in GBK.
    const gbk = Uint8Array.from([0xbe, 0xad, 0xb6, 0xc8]);
    expect(decodeTextFile(gbk, 'c.csv')).toEqual({
      ok: true,
      value: { text: '经度', encoding: 'gbk', source: 'detected' },
    });
  });

  it('refuses bytes that are neither UTF-8 nor GBK', () => {
    const result = decodeTextFile(Uint8Array.from([0x61, 0xff, 0x62]), 'd.csv');
    expect(result.ok).toBe(false);
  });
});
