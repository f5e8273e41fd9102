import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DbfFieldSpec } from '../../../shared/formats/dbf';
import { readDbf, writeDbf } from '../../../shared/formats/dbf';
import type { TextEncodingName } from '../../../shared/formats/text-encoding';
import { encodeText } from '../../../shared/formats/text-encoding';

// writeDbf encodes every cell into one buffer and GBK through a table of code units. The reference below
// is the writer as it was before (an array of bytes per cell, GBK through a Map built from the platform's
// decoder, characters by code point): the bytes, the unmappable characters and the count of cut cells
// must be the same for any table.

function referenceGbkTable(): Map<number, number> {
  const pairs: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push((lead << 8) | trail);
  const bytes = new Uint8Array(pairs.length * 3);
  pairs.forEach((pair, i) => {
    bytes[i * 3] = pair >> 8;
    bytes[i * 3 + 1] = pair & 0xff;
    bytes[i * 3 + 2] = 0x0a;
  });
  // The pairs code page 936 and GB18030 read alike: what a CP936 reader (ArcGIS, Excel) and GridPlan
  // (which reads GBK as GB18030, as browsers do) both take for the same character.
  const decoded = new TextDecoder('gb18030').decode(bytes).split('\n');
  const cp936 = new TextDecoder('gbk').decode(bytes).split('\n');
  const table = new Map<number, number>();
  pairs.forEach((pair, i) => {
    if (decoded[i] !== cp936[i]) return;
    const char = decoded[i];
    if (char !== undefined && char.length === 1 && char !== '\uFFFD' && !table.has(char.charCodeAt(0)))
      table.set(char.charCodeAt(0), pair);
  });
  return table;
}

const gbk = referenceGbkTable();

function referenceEncode(
  value: string,
  encoding: TextEncodingName,
): { bytes: Uint8Array; unmappable: string[] } {
  if (encoding === 'utf-8') return { bytes: new TextEncoder().encode(value), unmappable: [] };
  const out: number[] = [];
  const unmappable: string[] = [];
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const pair = code <= 0xffff ? gbk.get(code) : undefined;
    if (pair === undefined) {
      out.push(0x3f);
      unmappable.push(char);
    } else out.push(pair >> 8, pair & 0xff);
  }
  return { bytes: Uint8Array.from(out), unmappable };
}

function referenceCut(bytes: Uint8Array, limit: number, encoding: TextEncodingName): Uint8Array {
  if (bytes.length <= limit) return bytes;
  let end = limit;
  if (encoding === 'utf-8') {
    while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  } else {
    let at = 0;
    while (at < limit) {
      const step = bytes[at]! >= 0x81 ? 2 : 1;
      if (at + step > limit) break;
      at += step;
    }
    end = at;
  }
  return bytes.subarray(0, end);
}

function referenceDbf(
  fields: readonly DbfFieldSpec[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
  encoding: TextEncodingName,
  date: Date,
): { bytes: Uint8Array; unmappable: string[]; truncatedCells: number } {
  const unmappable = new Set<string>();
  let truncatedCells = 0;
  const cells = rows.map((row) =>
    fields.map((field, f) => {
      const value = row[f];
      if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value)))
        return new Uint8Array(0);
      if (field.type === 'N') {
        const n = typeof value === 'number' ? value : Number(value);
        const digits = (field.decimals ?? 0) > 0 ? n.toFixed(field.decimals) : String(Math.round(n));
        return digits === 'NaN' ? new Uint8Array(0) : Uint8Array.from(digits, (c) => c.charCodeAt(0));
      }
      const encoded = referenceEncode(String(value), encoding);
      for (const c of encoded.unmappable) unmappable.add(c);
      const cut = referenceCut(encoded.bytes, 254, encoding);
      if (cut.length < encoded.bytes.length) truncatedCells++;
      return cut;
    }),
  );
  const widths = fields.map((field, f) => {
    const widest = cells.reduce((max, row) => Math.max(max, row[f]!.length), 0);
    return field.type === 'N' ? Math.min(Math.max(widest, 10), 20) : Math.max(widest, 1);
  });
  const headerLength = 32 + fields.length * 32 + 1;
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
    const at = 32 + f * 32;
    bytes.set(new TextEncoder().encode(field.name).subarray(0, 10), at);
    bytes[at + 11] = field.type.charCodeAt(0);
    bytes[at + 16] = widths[f]!;
    bytes[at + 17] = field.type === 'N' ? (field.decimals ?? 0) : 0;
  });
  bytes[headerLength - 1] = 0x0d;
  cells.forEach((row, r) => {
    let at = headerLength + r * recordLength;
    bytes[at++] = 0x20;
    row.forEach((cell, f) => {
      const width = widths[f]!;
      bytes.fill(0x20, at, at + width);
      const start = fields[f]!.type === 'N' ? at + width - Math.min(cell.length, width) : at;
      bytes.set(cell.subarray(0, width), start);
      at += width;
    });
  });
  bytes[bytes.length - 1] = 0x1a;
  return { bytes, unmappable: [...unmappable], truncatedCells };
}

const DATE = new Date('2026-12-06T00:00:00Z');

/** Text with what a DBF cell meets: ASCII, Chinese, characters GBK lacks, astral and lone surrogates, long runs. */
const cellText = fc.oneof(
  fc.string({ maxLength: 12 }),
  // Around the 254-byte limit: ASCII, and Chinese after a byte or two (a character then straddles it).
  fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 120, max: 130 }), fc.boolean())
    .map(
      ([ascii, chars, chinese]) =>
        'a'.repeat(ascii) + (chinese ? '网' : 'b').repeat(chinese ? chars : 2 * chars),
    ),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc
    .array(
      fc.constantFrom(
        '网',
        '格',
        '社',
        '区',
        'a',
        '1',
        ' ',
        '€',
        '😀',
        '\uD800',
        '\uDC00',
        '·',
        'ß',
        '\u00e9',
      ),
      {
        maxLength: 300,
      },
    )
    .map((chars) => chars.join('')),
);

const cellNumber = fc.oneof(
  fc.integer({ min: -1e6, max: 1e9 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 0.5, 1.005, 1e21, -1e300, Number.MAX_SAFE_INTEGER * 10, NaN, Infinity),
);

const fieldSpec = fc.oneof(
  fc.record({
    name: fc.constantFrom('WGBM', 'WGMC', 'BZ', 'LONGFIELDNAME'),
    type: fc.constant('C' as const),
  }),
  fc.record({
    name: fc.constantFrom('HS', 'RK', 'MJ'),
    type: fc.constant('N' as const),
    decimals: fc.constantFrom(0, 2, 6),
  }),
);

describe('GBK encoding', () => {
  it('encodes every UTF-16 code unit as the reference does (its table, and "?" for the rest)', () => {
    const all = Array.from({ length: 0x10000 - 0x80 }, (_, k) => String.fromCharCode(0x80 + k)).join('');
    const encoded = encodeText(all, 'gbk');
    const reference = referenceEncode(all, 'gbk');
    expect(encoded.bytes).toEqual(reference.bytes);
    expect(encoded.unmappable).toEqual(reference.unmappable);
    expect(gbk.size).toBeGreaterThan(21_000);
  });
});

describe('writeDbf', () => {
  it('writes the bytes of the reference writer for any table, in UTF-8 and GBK', () => {
    fc.assert(
      fc.property(
        fc.array(fieldSpec, { minLength: 1, maxLength: 6 }),
        fc.array(
          fc.array(fc.oneof(cellText, cellNumber, fc.constantFrom(null, undefined, '12', 'x')), {
            maxLength: 6,
          }),
          {
            maxLength: 12,
          },
        ),
        fc.constantFrom<TextEncodingName>('utf-8', 'gbk'),
        (fields, rows, encoding) => {
          const written = writeDbf(fields, rows, encoding, DATE);
          const reference = referenceDbf(fields, rows, encoding, DATE);
          expect(written.bytes).toEqual(reference.bytes);
          expect(written.unmappable).toEqual(reference.unmappable);
          expect(written.truncatedCells).toBe(reference.truncatedCells);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('cuts a long Chinese cell at a character in both encodings and says what GBK lacks', () => {
    const long = '网格'.repeat(200);
    for (const encoding of ['utf-8', 'gbk'] as const) {
      const written = writeDbf([{ name: 'BZ', type: 'C' }], [[long], ['😀 ok']], encoding, DATE);
      expect(written.truncatedCells).toBe(1);
      expect(written.unmappable).toEqual(encoding === 'gbk' ? ['😀'] : []);
      const table = readDbf(written.bytes, encoding);
      expect(table.ok).toBe(true);
      if (!table.ok) return;
      const first = table.value.record(0).BZ as string;
      expect(long.startsWith(first)).toBe(true);
      expect(encodeText(first, encoding).bytes.length).toBeLessThanOrEqual(254);
      expect(encodeText(first, encoding).bytes.length).toBeGreaterThan(250);
      expect(table.value.record(1).BZ).toBe(encoding === 'gbk' ? '? ok' : '😀 ok');
    }
  });
});
