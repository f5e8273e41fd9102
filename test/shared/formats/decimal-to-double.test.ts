import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToDouble } from '../../../shared/formats/decimal-to-double';

const encoder = new TextEncoder();

function convert(text: string): number {
  const bytes = encoder.encode(text);
  return decimalToDouble(bytes, 0, bytes.length);
}

/** What the reader does with the answer: decimalToDouble, or Number of the text where it says NaN. */
function read(text: string): number {
  const exact = convert(text);
  return Number.isNaN(exact) ? Number(text) : exact;
}

/** A JSON number from its parts: digits (no leading zero unless alone), a point at `point`, an exponent. */
function jsonNumber(negative: boolean, digits: string, point: number, exponent: number | undefined): string {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  const at = Math.min(point, trimmed.length);
  const body = at > 0 && at < trimmed.length ? `${trimmed.slice(0, at)}.${trimmed.slice(at)}` : trimmed;
  return `${negative ? '-' : ''}${body}${exponent === undefined ? '' : `e${exponent}`}`;
}

describe('decimalToDouble', () => {
  it('is Number of the text for 1 to 19 significant digits, points, exponents and signs (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{1,19}$/),
        fc.nat({ max: 20 }),
        fc.option(fc.integer({ min: -40, max: 40 }), { nil: undefined }),
        (negative, digits, point, exponent) => {
          const text = jsonNumber(negative, digits, point, exponent);
          expect(Object.is(read(text), Number(text))).toBe(true);
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('reads 17-digit longitudes and latitudes as Number does (property)', () => {
    // Every double's shortest text, as stringifyDivision writes coordinates.
    const coordinate = fc.oneof(
      fc.double({ min: -180, max: 180, noNaN: true }),
      fc.double({ min: 100, max: 110, noNaN: true }),
      fc.double({ min: 20, max: 40, noNaN: true }),
    );
    fc.assert(
      fc.property(coordinate, (value) => {
        const text = String(value);
        fc.pre(!text.includes('e') || Math.abs(value) >= 1e-22);
        expect(Object.is(read(text), Number(text))).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('answers city coordinates itself, without Number', () => {
    // A fixed sequence (no luck involved) of coordinates in a city's extent, written as GridPlan writes them.
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let k = 0; k < 5000; k++) {
      const lon = String(104 + next());
      const lat = String(29 + next() * 0.5);
      expect(convert(lon), lon).toBe(Number(lon));
      expect(convert(lat), lat).toBe(Number(lat));
    }
  });

  it('gives the edge cases exactly or leaves them to Number', () => {
    const edges = [
      '0',
      '-0',
      '-0.0',
      '0.1',
      '0.2',
      '0.30000000000000004',
      '1e23',
      '1e22',
      '1e-22',
      '9007199254740991',
      '9007199254740992',
      '9007199254740993',
      '9007199254740994',
      '9007199254740995',
      '18014398509481986',
      '18014398509481990',
      '1.0000000000000002',
      '1.00000000000000011102230246251565404236316680908203125',
      '1.0000000000000001110223024625156540',
      '4.9e-324',
      '2.4703282292062327e-324',
      '2.2250738585072014e-308',
      '2.2250738585072011e-308',
      '1.7976931348623157e308',
      '1.7976931348623159e308',
      '1e400',
      '1e-400',
      '0e99999',
      '104.12345678901234',
      '-89.99999999999999',
      '9999999999999999999',
      '1234567890123456789e-22',
      '1234567890123456789e22',
      '0.000000000000000000001',
      '123456789012345.6',
      '1E2',
      '1e+2',
    ];
    for (const text of edges) expect(Object.is(read(text), Number(text)), text).toBe(true);
  });

  it('answers what it can guarantee itself and NaN for exact halfway cases, more digits or exponents', () => {
    expect(convert('104.12345678901234')).toBe(104.12345678901234);
    expect(Object.is(convert('-0'), -0)).toBe(true);
    expect(convert('1e22')).toBe(1e22);
    // 2^53 + 1 lies exactly halfway between two doubles: left to Number.
    expect(convert('9007199254740993')).toBeNaN();
    expect(convert('12345678901234567890')).toBeNaN();
    expect(convert('1e23')).toBeNaN();
    expect(convert('4.9e-324')).toBeNaN();
  });

  it('reads only its slice of the bytes', () => {
    const bytes = encoder.encode('[12.345678901234567,-3e2]');
    expect(decimalToDouble(bytes, 1, 19)).toBe(12.345678901234567);
    expect(decimalToDouble(bytes, 20, 24)).toBe(-300);
  });
});
