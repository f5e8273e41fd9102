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
import type { CensusMatch } from './census-feature-match';
import { matchCensus } from './census-feature-match';
import { GRIDPLAN_PROFILE_VERSION, PROFILE_MEMBER } from './geojson-profile';
import type { ReadInto } from './json-byte-reader';
import {
  ByteReader,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  NotUtf8,
  OPEN_BRACE,
  OPEN_BRACKET,
  WINDOW_MARGIN,
} from './json-byte-reader';
import { decodeTextFile } from './text-encoding';

export type { ReadInto } from './json-byte-reader';

// The command line reads divisions of a whole city (180 MB, a million census points). Decoding that to
// one string and JSON.parse-ing it builds five objects per census point and keeps the text, the tree and
// the division alive at once (1.2 GB, seconds of garbage collection). This reader walks the bytes once:
// a census point written in the form GridPlan itself writes is read straight into typed columns (no
// object, no map entry: the division's census is a ColumnarCensus over them), every other
// feature is parsed on its own slice and restored by the same code as parseDivisionGeoJson. Anything
// unexpected (a syntax error, a feature that cannot be used, a duplicate member) sends the whole file to
// parseDivisionGeoJson, so refusals, with their feature numbers and lines, are exactly the app's.

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
