import type { ByteReader } from './json-byte-reader';
import { BACKSLASH, COMMA, latin1, QUOTE } from './json-byte-reader';

// A census point in exactly the form GridPlan writes it, matched byte by byte, without JSON.parse: the
// city's million points are most of its file.

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

/** The census feature as stringifyDivision writes it, in its pieces around the id and the numbers. */
const CENSUS_HEAD = ascii('{"type":"Feature","id":"');
const CENSUS_HOUSEHOLDS = ascii('","properties":{"layer":"census","households":');
const CENSUS_POPULATION = ascii(',"population":');
const CENSUS_COORDINATES = ascii('},"geometry":{"type":"Point","coordinates":[');
const CENSUS_TAIL = ascii(']}}');

/** Reused arrays of char codes, one per length, for {@link shortAscii}. */
const codesOfLength: number[][] = [];

/**
 * The text of a short run of ASCII bytes (an id) through a reused array of its codes: a million ids then
 * make a million strings and nothing else (a subarray per id was a second object each).
 */
function shortAscii(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length > 64) return latin1(bytes, start, end);
  let codes = codesOfLength[length];
  if (codes === undefined) {
    codes = new Array<number>(length).fill(0);
    codesOfLength[length] = codes;
  }
  for (let k = 0; k < length; k++) codes[k] = bytes[start + k]!;
  return String.fromCharCode.apply(null, codes);
}

export interface CensusMatch {
  end: number;
  id: string;
  households: number;
  population: number;
  lon: number;
  lat: number;
}

/**
 * Matches a census feature in exactly the form GridPlan writes (printable ASCII id, households and
 * population not below 0, two coordinates, nothing else), filling `match`; false for anything else.
 */
export function matchCensus(reader: ByteReader, start: number, match: CensusMatch): boolean {
  const bytes = reader.bytes;
  let pos = reader.literal(start, CENSUS_HEAD);
  if (pos < 0) return false;
  const idStart = pos;
  while (pos < bytes.length) {
    const byte = bytes[pos]!;
    if (byte === QUOTE) break;
    if (byte < 0x20 || byte > 0x7e || byte === BACKSLASH) return false;
    pos++;
  }
  const idEnd = pos;
  pos = reader.literal(pos, CENSUS_HOUSEHOLDS);
  if (pos < 0 || bytes[pos] === 0x2d) return false;
  pos = reader.number(pos);
  if (pos < 0) return false;
  match.households = reader.value;
  // 1e999 is Infinity to JSON.parse: not a count; the feature reader refuses it with its message.
  if (!Number.isFinite(match.households)) return false;
  pos = reader.literal(pos, CENSUS_POPULATION);
  if (pos < 0 || bytes[pos] === 0x2d) return false;
  pos = reader.number(pos);
  if (pos < 0) return false;
  match.population = reader.value;
  if (!Number.isFinite(match.population)) return false;
  pos = reader.literal(pos, CENSUS_COORDINATES);
  if (pos < 0) return false;
  pos = reader.number(pos);
  if (pos < 0) return false;
  match.lon = reader.value;
  if (bytes[pos] !== COMMA) return false;
  pos = reader.number(pos + 1);
  if (pos < 0) return false;
  match.lat = reader.value;
  // Out of range or not finite: not a plain point; the feature reader refuses it with its message.
  if (!(Math.abs(match.lon) <= 180 && Math.abs(match.lat) <= 90)) return false;
  pos = reader.literal(pos, CENSUS_TAIL);
  if (pos < 0) return false;
  match.id = shortAscii(bytes, idStart, idEnd);
  match.end = pos;
  return true;
}
