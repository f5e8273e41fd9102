import type { Division, Entity, EntityOf, Layer, Problem, Result } from '../model';
import { emptyDivision, fail, LAYERS, ok, text } from '../model';
import { CensusColumnBuilder } from './census-column-builder';
import type { IdSet } from './geojson';
import {
  collectionMeta,
  collectionRefusal,
  MAX_GEOJSON_BYTES,
  parseDivisionGeoJson,
  restoreFeature,
} from './geojson';
import { decimalToDouble, POWERS_OF_TEN } from './decimal-to-double';
import { GRIDPLAN_PROFILE_VERSION, PROFILE_MEMBER } from './geojson-profile';
import { decodeTextFile, decodeUtf8Strict } from './text-encoding';

// The command line reads divisions of a whole city (180 MB, a million census points). Decoding that to
// one string and JSON.parse-ing it builds five objects per census point and keeps the text, the tree and
// the division alive at once (1.2 GB, seconds of garbage collection). This reader walks the bytes once:
// a census point written in the form GridPlan itself writes is read straight into typed columns (no
// object, no map entry: the division's census is a ColumnarCensus over them), every other
// feature is parsed on its own slice and restored by the same code as parseDivisionGeoJson. Anything
// unexpected (a syntax error, a feature that cannot be used, a duplicate member) sends the whole file to
// parseDivisionGeoJson, so refusals, with their feature numbers and lines, are exactly the app's.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

/** The census feature as stringifyDivision writes it, in its pieces around the id and the numbers. */
const CENSUS_HEAD = ascii('{"type":"Feature","id":"');
const CENSUS_HOUSEHOLDS = ascii('","properties":{"layer":"census","households":');
const CENSUS_POPULATION = ascii(',"population":');
const CENSUS_COORDINATES = ascii('},"geometry":{"type":"Point","coordinates":[');
const CENSUS_TAIL = ascii(']}}');

/** The text of a short run of ASCII bytes (apply reads the typed array directly; a spread would iterate). */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

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

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Fills `into` from its start with the next bytes of a file and says how many it wrote; 0 at the end.
 * Lets a file be read in a window of a few megabytes instead of whole.
 */
export type ReadInto = (into: Uint8Array) => number;

/** Bytes kept ahead of the cursor when reading piece by piece (doubled for a value that is larger). */
const WINDOW_MARGIN = 4 * 1024 * 1024;

/** A cursor over the bytes; positions are -1 once something does not match. */
class ByteReader {
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
    // Below 2^53 every step of the mantissa was exact (Clinger's fast path).
    if (byte === 0x65 || byte === 0x45 || mantissa >= 2 ** 53) {
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

interface CensusMatch {
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
function matchCensus(reader: ByteReader, start: number, match: CensusMatch): boolean {
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
  pos = reader.literal(pos, CENSUS_POPULATION);
  if (pos < 0 || bytes[pos] === 0x2d) return false;
  pos = reader.number(pos);
  if (pos < 0) return false;
  match.population = reader.value;
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

function parseSlice(reader: ByteReader, start: number, end: number): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(reader.decode(start, end)) };
  } catch {
    return undefined;
  }
}

type AreaLayer = Exclude<Layer, 'census'>;
type EntityMaps = { [L in AreaLayer]: Map<string, EntityOf<L>> } & { census: CensusColumnBuilder };

/**
 * Reads the features array starting at `pos` (its `[`) into `maps`: the position after its `]`, or -1
 * when anything is not as expected. The maps and the census columns double as the sets of ids taken
 * (every feature read becomes an entity or a census row here, or the whole file goes to
 * parseDivisionGeoJson).
 */
function readFeatures(reader: ByteReader, pos: number, maps: EntityMaps): number {
  if (reader.bytes[pos] !== OPEN_BRACKET) return -1;
  pos = reader.ensure(reader.space(pos + 1));
  if (reader.bytes[pos] === CLOSE_BRACKET) return pos + 1;
  const usedIds = new Map<string, IdSet>(
    LAYERS.map((layer) => [layer, { has: (id: string) => maps[layer].has(id), add: () => undefined }]),
  );
  const census = maps.census;
  const problems: Problem[] = [];
  const match: CensusMatch = { end: 0, id: '', households: 0, population: 0, lon: 0, lat: 0 };
  for (let index = 0; ; index++) {
    pos = reader.ensure(reader.space(pos));
    if (matchCensus(reader, pos, match)) {
      // A clash of ids is rare; the whole reader, which gives the later point a fresh id, handles it.
      if (!census.add(match.id, match.lon, match.lat, match.households, match.population)) return -1;
      pos = match.end;
    } else {
      let end = reader.valueEnd(pos);
      while (end < 0 && reader.more) {
        pos = reader.grow(pos);
        end = reader.valueEnd(pos);
      }
      if (end < 0) return -1;
      const parsed = parseSlice(reader, pos, end);
      if (!parsed) return -1;
      const entity = restoreFeature(parsed.value, { index, line: undefined }, usedIds, problems);
      if (!entity || problems.length > 0) return -1;
      // restoreFeature gave the entity an id not taken yet (usedIds), so the census takes it.
      if (entity.layer === 'census') census.addPoint(entity);
      else (maps[entity.layer] as Map<string, Entity>).set(entity.id, entity);
      pos = end;
    }
    pos = reader.ensure(reader.space(pos));
    const separator = reader.bytes[pos];
    if (separator === CLOSE_BRACKET) return pos + 1;
    if (separator !== COMMA) return -1;
    pos++;
  }
}

/** The division when the bytes are a usable division file read without trouble, else undefined. */
function readFast(reader: ByteReader): Division | undefined {
  let pos = reader.ensure(0);
  const head = reader.bytes;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) pos = 3;
  pos = reader.space(pos);
  if (reader.bytes[pos] !== OPEN_BRACE) return undefined;
  const data: Record<string, unknown> = {};
  const maps: EntityMaps = {
    township: new Map(),
    community: new Map(),
    grid: new Map(),
    microgrid: new Map(),
    census: new CensusColumnBuilder(),
  };
  let sawFeatures = false;
  pos = reader.ensure(reader.space(pos + 1));
  if (reader.bytes[pos] === CLOSE_BRACE) return undefined;
  for (;;) {
    const keyEnd = reader.string(pos);
    if (keyEnd < 0) return undefined;
    const key = parseSlice(reader, pos, keyEnd)?.value;
    // A repeated member or `__proto__` is left to JSON.parse, whose rules decide what they mean.
    if (typeof key !== 'string' || key === '__proto__' || Object.hasOwn(data, key)) return undefined;
    pos = reader.space(keyEnd);
    if (reader.bytes[pos] !== COLON) return undefined;
    pos = reader.ensure(reader.space(pos + 1));
    if (key === 'features') {
      pos = readFeatures(reader, pos, maps);
      if (pos < 0) return undefined;
      sawFeatures = true;
      // A placeholder of the right kind for collectionRefusal; the entities are already restored.
      data[key] = [];
    } else {
      let end = reader.valueEnd(pos);
      while (end < 0 && reader.more) {
        pos = reader.grow(pos);
        end = reader.valueEnd(pos);
      }
      if (end < 0) return undefined;
      const parsed = parseSlice(reader, pos, end);
      if (!parsed) return undefined;
      data[key] = parsed.value;
      pos = end;
    }
    pos = reader.ensure(reader.space(pos));
    if (reader.bytes[pos] === CLOSE_BRACE) break;
    if (reader.bytes[pos] !== COMMA) return undefined;
    pos = reader.ensure(reader.space(pos + 1));
  }
  // Only white space may follow, to the end of the file.
  pos += 1;
  for (;;) {
    pos = reader.ensure(reader.space(pos));
    if (pos < reader.bytes.length) return undefined;
    if (!reader.more) break;
  }
  // An older profile version is migrated by the whole-file reader; the fast path reads the current one.
  const version = data[PROFILE_MEMBER];
  if (!sawFeatures || collectionRefusal(data)) return undefined;
  if (version !== undefined && version !== GRIDPLAN_PROFILE_VERSION) return undefined;
  return { ...emptyDivision(collectionMeta(data)), ...maps, census: maps.census.census() };
}

/**
 * Reads a division file piece by piece (a window of a few megabytes, never the whole file), or says
 * undefined when it cannot be read this way: then read it whole with {@link parseDivisionBytes}, which
 * gives the app's refusals. What it reads is the division parseDivisionBytes gives. `marginBytes`, the
 * window kept ahead (twice it is allocated), is for tests.
 */
export function readDivisionStream(readInto: ReadInto, marginBytes = WINDOW_MARGIN): Division | undefined {
  return readFastOrGiveUp(new ByteReader(readInto, marginBytes));
}

/** Thrown by the fast reader at the first slice that is not UTF-8. */
class NotUtf8 extends Error {}

/** {@link readFast}, or undefined when the text is not UTF-8 (a GBK or UTF-16 file: read it whole). */
function readFastOrGiveUp(reader: ByteReader): Division | undefined {
  try {
    return readFast(reader);
  } catch (error) {
    if (error instanceof NotUtf8) return undefined;
    throw error;
  }
}

/**
 * Reads a division from the bytes of a UTF-8 GeoJSON file: the same division as
 * `parseDivisionGeoJson(decodeText(bytes, 'utf-8'))`, and the same refusals, but without holding the
 * file as one string or as a JSON tree, so a city of a million census points reads in a fraction of the
 * time and memory. Used by the command line for every command that reads a division.
 */
export function parseDivisionBytes(bytes: Uint8Array): Result<Division> {
  if (bytes.length <= MAX_GEOJSON_BYTES) {
    const division = readFastOrGiveUp(new ByteReader(bytes));
    if (division) return ok(division);
  }
  // Whole, in the encoding the bytes are in (BOM, UTF-16, UTF-8 or GBK), never silently garbled.
  const decoded = decodeTextFile(bytes, 'GeoJSON');
  if (!decoded.ok)
    return fail({ kind: 'bad-encoding', message: text(decoded.message.zh, decoded.message.en) });
  return parseDivisionGeoJson(decoded.value.text);
}
