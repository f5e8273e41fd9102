import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { rewindRfc7946 } from '../geometry/rewind';
import type {
  AreaGeometry,
  CensusPoint,
  Community,
  Division,
  Entity,
  ExclusiveCategory,
  ExtraProperties,
  Grid,
  GridStatus,
  GridType,
  Layer,
  LineageRecord,
  MicroGrid,
  Problem,
  Result,
  StaffMember,
  Township,
} from '../model';
import {
  COMMUNITY_KINDS,
  divisionOf,
  entitiesOf,
  EXCLUSIVE_CATEGORIES,
  fail,
  GRID_STATUSES,
  GRID_TYPES,
  LAYERS,
  LINEAGE_OPERATIONS,
  ok,
  setOwn,
  STAFF_ROLES,
  text,
} from '../model';
import { holdsInfinity, MAX_PROPERTY_DEPTH, nestsDeeperThan } from './json-depth';
import { featureLineNumbers, jsonErrorOffset, lineAndColumn } from './json-locations';
import { GRIDPLAN_PROFILE_VERSION, migrateProfile, PROFILE_MEMBER } from './geojson-profile';
import { gaussKrugerZone } from './coordinate-systems';
import { exportAreaM2, figuresOf } from './export-figures';
import type { TextPiece } from './text-encoding';
import type { Utf8Buffer } from './utf8-buffer';
import { asciiBytes } from './utf8-buffer';
import { errorDetail } from '../model';
import { isPersonalField } from './personal-data';

export { isPersonalField, isPersonalKey, PERSONAL_KEYS } from './personal-data';

/**
 * Members an export writes on grids and micro-grids with what it counted and measured at that moment
 * ({@link ExportOptions.computedAt}): households and population from the census points, the ellipsoidal
 * area in m², and when. They are derived: reading a file drops them (never stored, never trusted).
 */
export const COMPUTED_MEMBERS = [
  'computedHouseholds',
  'computedPopulation',
  'computedAreaM2',
  'computedAt',
] as const;

/** The optional top-level member naming the Gauss-Kruger zone the data came in (`"EPSG:4523"`). */
export const SOURCE_CRS_MEMBER = 'gridplanSourceCrs';

/** Properties of each layer that the profile defines; everything else is kept as `extra`. */
const KNOWN: Record<Layer, readonly string[]> = {
  township: ['layer', 'code', 'name', 'supervisionPhone'],
  community: ['layer', 'code', 'name', 'kind', 'lineage'],
  grid: [
    'layer',
    'code',
    'name',
    'parentCode',
    'gridType',
    'exclusiveCategory',
    'staff',
    'note',
    'justification',
    'status',
    'locked',
  ],
  microgrid: ['layer', 'code', 'name', 'parentCode', 'staff', 'note'],
  census: ['layer', 'households', 'population', 'address'],
};

/** Members of the FeatureCollection this program writes itself. */
// `crs` is not kept: RFC 7946 removed it, and every accepted file is longitude/latitude anyway.
const COLLECTION_KNOWN = ['type', 'features', 'name', 'ruleSet', 'crs', PROFILE_MEMBER];

/** The largest file the app reads whole; larger ones are refused with a message, never parsed. */
export const MAX_GEOJSON_BYTES = 200 * 1024 * 1024;

/** How many problems one refusal lists before it says "and N more". */
const MAX_LISTED_PROBLEMS = 20;

/**
 * A refusal stops reading features after this many problems and says "at least N more": the first ones
 * say what is wrong, and 10 million features of `null` built 3 GB of messages before V8 gave up.
 */
const MAX_COUNTED_PROBLEMS = 10_000;

export interface ExportOptions {
  /** Write residents' personal data of census points. Off by default: it is personal data. */
  readonly includePersonal?: boolean;
  /** Leave census points out (e.g. a division for a system that has its own population data). */
  readonly omitCensus?: boolean;
  /**
   * Write {@link COMPUTED_MEMBERS} on grids and micro-grids, counted now and stamped with this time.
   * Off in project files and filing packages: what is stored there is the division, not a report.
   */
  readonly computedAt?: Date;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

/**
 * Writes a division as one RFC 7946 FeatureCollection following the interchange profile: every feature
 * has `properties.layer`, exterior rings are counter-clockwise, there is no `crs`, unknown properties are
 * written back as they came. Households and population of grids are not written (they are counted).
 */
export function toGeoJson(division: Division, options: ExportOptions = {}): FeatureCollection {
  return collectionOf(division, [...featuresOf(division, options)]);
}

/** The features of {@link toGeoJson}, one at a time. */
function* featuresOf(division: Division, options: ExportOptions): Generator<Feature> {
  const computed = options.computedAt ? computedMembers(division, options.computedAt) : undefined;
  for (const entity of entitiesOf(division)) {
    if (entity.layer === 'census' && options.omitCensus) continue;
    const feature = entityToFeature(entity, options);
    const figures = computed?.(entity);
    if (figures) Object.assign(feature.properties!, figures);
    yield feature;
  }
}

function collectionOf(division: Division, features: Feature[]): FeatureCollection {
  const { extra, name, ruleSetId, sourceZoneEpsg } = division.meta;
  const collection: JsonObject = { type: 'FeatureCollection' };
  for (const [key, value] of Object.entries(extra)) {
    if (!COLLECTION_KNOWN.includes(key)) collection[key] = value;
  }
  if (name) collection.name = name;
  collection.ruleSet = ruleSetId;
  if (sourceZoneEpsg !== undefined) collection[SOURCE_CRS_MEMBER] = `EPSG:${sourceZoneEpsg}`;
  collection[PROFILE_MEMBER] = GRIDPLAN_PROFILE_VERSION;
  collection.features = features;
  return collection as unknown as FeatureCollection;
}

/** The {@link COMPUTED_MEMBERS} of grids and micro-grids, counted once for the whole division. */
function computedMembers(division: Division, at: Date): (entity: Entity) => JsonObject | undefined {
  const figures = figuresOf(division);
  const stamp = at.toISOString();
  return (entity) => {
    if (entity.layer !== 'grid' && entity.layer !== 'microgrid') return undefined;
    const { households, population } = figures.of(entity);
    return {
      computedHouseholds: households,
      computedPopulation: population,
      computedAreaM2: exportAreaM2(entity),
      computedAt: stamp,
    } satisfies Record<(typeof COMPUTED_MEMBERS)[number], unknown>;
  };
}

/** Serialises a division as GeoJSON text (what the app and the CLI save). */
export function stringifyDivision(division: Division, options: ExportOptions = {}): string {
  return JSON.stringify(toGeoJson(division, options));
}

/**
 * {@link stringifyDivision}'s text in pieces, never the whole collection as objects at once: the
 * collection's members, each feature, then `more` (features already written as text, e.g. census points
 * kept as columns, {@link censusFeatureJson}, or a writer of their bytes), then the end. Encoded by
 * utf8OfPieces, the pieces are stringifyDivision's text of the division with `more` appended to its
 * features; without a writer they are strings, and joined they are that text.
 */
export function* divisionJsonPieces(
  division: Division,
  options: ExportOptions = {},
  more: Iterable<string> | FeatureWriter = [],
): Generator<TextPiece> {
  // `features` is the collection's last member: its text ends in `[]}` when it has none.
  const empty = JSON.stringify(collectionOf(division, []));
  yield empty.slice(0, -2);
  let first = true;
  for (const feature of featuresOf(division, options)) {
    yield `${first ? '' : ','}${JSON.stringify(feature)}`;
    first = false;
  }
  if (typeof more === 'function') {
    const afterOthers = first;
    yield (out) => more(out, afterOthers);
  } else {
    for (const feature of more) {
      yield `${first ? '' : ','}${feature}`;
      first = false;
    }
  }
  yield ']}';
}

/**
 * Writes features of a collection straight as UTF-8, each but the first of the collection after a comma
 * (`first`: no feature was written before them).
 */
export type FeatureWriter = (out: Utf8Buffer, first: boolean) => void;

/** One census point as the text of its Feature in {@link stringifyDivision} (without computed members). */
export function censusFeatureJson(point: CensusPoint, options: ExportOptions = {}): string {
  const plain =
    Object.keys(point.extra).length === 0 &&
    (point.personal === undefined || !options.includePersonal) &&
    [point.households, point.population, point.lon, point.lat].every(Number.isFinite);
  if (!plain) return JSON.stringify(entityToFeature(point, options));
  return plainCensusFeatureJson(
    point.id,
    point.households,
    point.population,
    point.address,
    point.lon,
    point.lat,
  );
}

/**
 * The Feature text of a census point with no other properties and finite numbers: the same members in the
 * same order as entityToFeature writes them, without building the objects.
 */
export function plainCensusFeatureJson(
  id: string,
  households: number,
  population: number,
  address: string | undefined,
  lon: number,
  lat: number,
): string {
  const R = PLAIN_CENSUS_TEXT;
  const addressMember = address === undefined ? '' : `${R.address}${JSON.stringify(address)}`;
  return `${R.head}${JSON.stringify(id)}${R.households}${String(households)}${R.population}${String(population)}${addressMember}${R.coordinates}${String(lon)}${R.comma}${String(lat)}${R.tail}`;
}

/** The fixed runs of a plain census feature's text, between its values: the format, in one place. */
const PLAIN_CENSUS_TEXT = {
  head: '{"type":"Feature","id":',
  households: ',"properties":{"layer":"census","households":',
  population: ',"population":',
  address: ',"address":',
  coordinates: '},"geometry":{"type":"Point","coordinates":[',
  comma: ',',
  tail: ']}}',
} as const;

/** The same runs as UTF-8 bytes, for {@link writePlainCensusFeature}. */
const PLAIN_CENSUS = Object.fromEntries(
  Object.entries(PLAIN_CENSUS_TEXT).map(([key, run]) => [key, asciiBytes(run)]),
) as Record<keyof typeof PLAIN_CENSUS_TEXT, Uint8Array>;

/** {@link plainCensusFeatureJson} written as its UTF-8 bytes, without building its text. */
export function writePlainCensusFeature(
  out: Utf8Buffer,
  id: string,
  households: number,
  population: number,
  address: string | undefined,
  lon: number,
  lat: number,
): void {
  out.bytes(PLAIN_CENSUS.head);
  out.jsonString(id);
  out.bytes(PLAIN_CENSUS.households);
  out.number(households);
  out.bytes(PLAIN_CENSUS.population);
  out.number(population);
  if (address !== undefined) {
    out.bytes(PLAIN_CENSUS.address);
    out.jsonString(address);
  }
  out.bytes(PLAIN_CENSUS.coordinates);
  out.number(lon);
  out.bytes(PLAIN_CENSUS.comma);
  out.number(lat);
  out.bytes(PLAIN_CENSUS.tail);
}

function defined(properties: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** The profile's properties of an entity, without the ones it does not have. */
function knownProperties(entity: Entity, options: ExportOptions): JsonObject {
  switch (entity.layer) {
    case 'township':
      return defined({ code: entity.code, name: entity.name, supervisionPhone: entity.supervisionPhone });
    case 'community':
      return defined({
        code: entity.code,
        name: entity.name,
        kind: entity.kind ?? undefined,
        lineage: entity.lineage,
      });
    case 'grid':
      return defined({
        code: entity.code,
        name: entity.name,
        parentCode: entity.parentCode,
        gridType: entity.gridType ?? undefined,
        exclusiveCategory: entity.exclusiveCategory,
        staff: entity.staff,
        note: entity.note,
        justification: entity.justification,
        status: entity.status,
        locked: entity.locked === true ? true : undefined,
      });
    case 'microgrid':
      return defined({
        code: entity.code,
        name: entity.name,
        parentCode: entity.parentCode,
        staff: entity.staff,
        note: entity.note,
      });
    case 'census':
      return defined({
        ...(options.includePersonal ? entity.personal : undefined),
        households: entity.households,
        population: entity.population,
        address: entity.address,
      });
  }
}

/** Unknown properties as they came, but never a resident's personal data unless it is asked for. */
function extraToWrite(entity: Entity, options: ExportOptions): ExtraProperties {
  if (entity.layer !== 'census' || options.includePersonal) return entity.extra;
  const kept: JsonObject = {};
  for (const [key, value] of Object.entries(entity.extra))
    if (!isPersonalField(key, value)) setOwn(kept, key, value);
  return kept;
}

function entityToFeature(entity: Entity, options: ExportOptions): Feature {
  // Unknown properties first, then the profile's: a known key kept in `extra` (because its value was not
  // of the expected form) is written back only when the entity has no valid value of its own.
  const properties: JsonObject = {
    layer: entity.layer,
    ...extraToWrite(entity, options),
    ...knownProperties(entity, options),
  };
  const geometry: Geometry =
    entity.layer === 'census'
      ? ({ type: 'Point', coordinates: [entity.lon, entity.lat] } satisfies Point)
      : rewindRfc7946(entity.geometry);
  return { type: 'Feature', id: entity.id, properties, geometry };
}

/** Options of {@link parseDivisionGeoJson}. */
export interface ParseOptions {
  /** Size of the file in bytes when known before reading, to refuse huge files early. */
  readonly byteLength?: number;
}

interface Located {
  readonly index: number;
  readonly line: number | undefined;
}

function where(at: Located): { zh: string; en: string } {
  const line = at.line === undefined ? '' : `（第 ${at.line} 行）`;
  const lineEn = at.line === undefined ? '' : ` (line ${at.line})`;
  return { zh: `第 ${at.index + 1} 个要素${line}`, en: `Feature ${at.index + 1}${lineEn}` };
}

function featureProblem(at: Located, zh: string, en: string): Problem {
  const w = where(at);
  return { kind: 'bad-feature', message: text(`${w.zh}：${zh}`, `${w.en}: ${en}`) };
}

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.length <= 3 &&
    value.every((n) => typeof n === 'number')
  );
}

function isRing(value: unknown): value is Position[] {
  return Array.isArray(value) && value.every(isPosition);
}

function isPolygonCoordinates(value: unknown): value is Position[][] {
  return Array.isArray(value) && value.length > 0 && value.every(isRing);
}

/** What is wrong with a position that is not a finite longitude/latitude in range; undefined when nothing is. */
function positionProblem(position: Position): { position: Position; infinite: boolean } | undefined {
  const x = position[0]!;
  const y = position[1]!;
  if (!Number.isFinite(x) || !Number.isFinite(y) || (position.length > 2 && !Number.isFinite(position[2]))) {
    return { position, infinite: true };
  }
  if (x < -180 || x > 180 || y < -90 || y > 90) return { position, infinite: false };
  return undefined;
}

/**
 * The first position of the rings, in order, that is not a finite longitude/latitude in range, with what
 * is wrong with it (plain loops: every vertex of every area passes here).
 */
function badPositionOfRings(
  rings: readonly (readonly Position[])[],
): { position: Position; infinite: boolean } | undefined {
  for (const ring of rings) {
    for (let k = 0; k < ring.length; k++) {
      const problem = positionProblem(ring[k]!);
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * A refusal for coordinates that cannot be a place: infinite or not a number (`1e999` parses as Infinity
 * and would be written back as null, silently damaging the file), or, for census points, outside
 * longitude/latitude ranges (projected coordinates, or columns swapped), as the shapefile reader refuses
 * them. Areas out of range are kept for the validator to report (invalid-geometry).
 */
function coordinateProblem(at: Located, found: { position: Position; infinite: boolean }): Problem {
  const shown = found.position.map((n) => String(n)).join(', ');
  return found.infinite
    ? featureProblem(
        at,
        `坐标 (${shown}) 含有无穷大或非数字（如 1e999），文件已损坏，未读取`,
        `the coordinates (${shown}) hold an infinite or non-numeric value (such as 1e999); the file is damaged and was not read`,
      )
    : featureProblem(
        at,
        `坐标 (${shown}) 不是有效的经纬度（经度 −180～180，纬度 −90～90）。若是投影坐标，请用“导入…”并选择投影带；若经纬度写反了，请交换后再导入`,
        `the coordinates (${shown}) are not a valid longitude/latitude (longitude −180 to 180, latitude −90 to 90). If they are projected, use Import… and choose the zone; if longitude and latitude are swapped, swap them and import again`,
      );
}

/**
 * Checks the structure of an area geometry. Validity (self-intersection, closing, ranges) is not checked
 * here: the validator reports it, so a file with a broken polygon can still be opened and repaired. Only
 * numbers that cannot be written back (infinite, not a number) are refused.
 */
function readAreaGeometry(geometry: unknown, at: Located, problems: Problem[]): AreaGeometry | undefined {
  if (!isObject(geometry)) {
    problems.push(featureProblem(at, '没有几何图形（geometry 为空）', 'has no geometry (geometry is null)'));
    return undefined;
  }
  if (geometry.type === 'Polygon' && isPolygonCoordinates(geometry.coordinates)) {
    const bad = badPositionOfRings(geometry.coordinates);
    if (bad?.infinite) {
      problems.push(coordinateProblem(at, bad));
      return undefined;
    }
    return rewindRfc7946({ type: 'Polygon', coordinates: geometry.coordinates } satisfies Polygon);
  }
  if (
    geometry.type === 'MultiPolygon' &&
    Array.isArray(geometry.coordinates) &&
    geometry.coordinates.length > 0 &&
    geometry.coordinates.every(isPolygonCoordinates)
  ) {
    const polygons = geometry.coordinates;
    const bad = badPositionOfRings(polygons.flat());
    if (bad?.infinite) {
      problems.push(coordinateProblem(at, bad));
      return undefined;
    }
    return rewindRfc7946({ type: 'MultiPolygon', coordinates: polygons } satisfies MultiPolygon);
  }
  const type = typeof geometry.type === 'string' ? geometry.type : '?';
  if (type === 'Polygon' || type === 'MultiPolygon') {
    problems.push(
      featureProblem(
        at,
        `${type} 的坐标格式不对：应为 [经度, 纬度] 数字组成的环`,
        `${type} coordinates are malformed: expected rings of [longitude, latitude] numbers`,
      ),
    );
  } else {
    problems.push(
      featureProblem(
        at,
        `几何类型 ${type} 不能用于面图层，应为 Polygon 或 MultiPolygon`,
        `geometry type ${type} cannot be used for an area layer; expected Polygon or MultiPolygon`,
      ),
    );
  }
  return undefined;
}

function readOptionalString(properties: JsonObject, key: string): string | undefined {
  const value = properties[key];
  return typeof value === 'string' ? value : undefined;
}

function readStaff(value: unknown): readonly StaffMember[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const staff: StaffMember[] = [];
  for (const item of value) {
    if (!isObject(item)) return undefined;
    const role = pick(STAFF_ROLES, item.role);
    if (!role || typeof item.name !== 'string') return undefined;
    if (item.phone !== undefined && typeof item.phone !== 'string') return undefined;
    if (Object.keys(item).some((key) => !['role', 'name', 'phone'].includes(key))) return undefined;
    staff.push(
      item.phone === undefined ? { role, name: item.name } : { role, name: item.name, phone: item.phone },
    );
  }
  return staff;
}

/** Code lineage of a community; undefined (kept in `extra` as it came) unless every record is well formed. */
function readLineage(value: unknown): readonly LineageRecord[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const records: LineageRecord[] = [];
  for (const item of value) {
    if (!isObject(item)) return undefined;
    const operation = pick(LINEAGE_OPERATIONS, item.operation);
    const from = item.from;
    if (
      typeof item.code !== 'string' ||
      !operation ||
      typeof item.at !== 'string' ||
      !Array.isArray(from) ||
      !from.every((code): code is string => typeof code === 'string') ||
      Object.keys(item).some((key) => !['code', 'from', 'operation', 'at'].includes(key))
    )
      return undefined;
    records.push({ code: item.code, from: [...from], operation, at: item.at });
  }
  return records;
}

/**
 * Splits properties into the ones this layer knows and `extra`. A known key whose value is not of the
 * expected form stays in `extra` under its own name, so nothing of the file is lost and export writes it
 * back as it was.
 */
function extraOf(properties: JsonObject, layer: Layer, accepted: ReadonlySet<string>): ExtraProperties {
  const known = KNOWN[layer];
  // Figures an export counted are derived, never kept: a re-export would carry them stale.
  const derived: readonly string[] = layer === 'grid' || layer === 'microgrid' ? COMPUTED_MEMBERS : [];
  const extra: JsonObject = {};
  for (const [key, value] of Object.entries(properties)) {
    if (derived.includes(key)) continue;
    if (!known.includes(key) || (!accepted.has(key) && key !== 'layer')) setOwn(extra, key, value);
  }
  return extra;
}

function readCount(
  properties: JsonObject,
  key: 'households' | 'population',
  fallback: number,
  at: Located,
  problems: Problem[],
): number {
  const value = properties[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  const zhName = key === 'households' ? '户数' : '人口';
  problems.push(
    featureProblem(
      at,
      `${zhName}（${key}）应为不小于 0 的数字，实际为 ${JSON.stringify(value)}`,
      `${key} must be a number not below 0, found ${JSON.stringify(value)}`,
    ),
  );
  return fallback;
}

function featureToEntity(feature: unknown, at: Located, id: string, problems: Problem[]): Entity | undefined {
  if (!isObject(feature) || feature.type !== 'Feature') {
    problems.push(featureProblem(at, '不是 GeoJSON Feature 对象', 'is not a GeoJSON Feature object'));
    return undefined;
  }
  const properties = feature.properties;
  if (!isObject(properties)) {
    problems.push(featureProblem(at, '没有 properties', 'has no properties'));
    return undefined;
  }
  if (nestsDeeperThan(properties, MAX_PROPERTY_DEPTH)) {
    problems.push(
      featureProblem(
        at,
        `properties 嵌套超过 ${MAX_PROPERTY_DEPTH} 层，文件有害或已损坏，未读取`,
        `its properties nest more than ${MAX_PROPERTY_DEPTH} levels deep; the file is hostile or damaged and was not read`,
      ),
    );
    return undefined;
  }
  if (holdsInfinity(properties)) {
    problems.push(
      featureProblem(
        at,
        'properties 中有超出范围的数值（如 1e999），写回时会变成 null，未读取',
        'its properties hold a number out of range (such as 1e999), which would be written back as null; not read',
      ),
    );
    return undefined;
  }
  const layer = pick(LAYERS, properties.layer);
  if (!layer) {
    problems.push(
      featureProblem(
        at,
        `properties.layer 应为 township、community、grid、microgrid 或 census，实际为 ${JSON.stringify(properties.layer ?? null)}`,
        `properties.layer must be township, community, grid, microgrid or census, found ${JSON.stringify(properties.layer ?? null)}`,
      ),
    );
    return undefined;
  }
  const accepted = new Set<string>();
  const take = <T>(key: string, value: T | undefined): T | undefined => {
    if (value !== undefined) accepted.add(key);
    return value;
  };
  const code = take('code', typeof properties.code === 'string' ? properties.code : undefined) ?? '';
  const name = take('name', typeof properties.name === 'string' ? properties.name : undefined) ?? '';

  if (layer === 'census') {
    const geometry = feature.geometry;
    if (!isObject(geometry) || geometry.type !== 'Point' || !isPosition(geometry.coordinates)) {
      problems.push(
        featureProblem(
          at,
          '人口点（census）的几何应为 Point [经度, 纬度]',
          'a census feature must be a Point [longitude, latitude]',
        ),
      );
      return undefined;
    }
    const bad = positionProblem(geometry.coordinates);
    if (bad) {
      problems.push(coordinateProblem(at, bad));
      return undefined;
    }
    const households = readCount(properties, 'households', 1, at, problems);
    const population = readCount(properties, 'population', 0, at, problems);
    accepted.add('households').add('population');
    const address = take('address', readOptionalString(properties, 'address'));
    const personal: Record<string, string> = {};
    const rest: JsonObject = {};
    for (const [key, value] of Object.entries(extraOf(properties, layer, accepted))) {
      if (isPersonalField(key, value) && (typeof value === 'string' || typeof value === 'number'))
        setOwn(personal, key, String(value));
      else setOwn(rest, key, value);
    }
    const [lon, lat] = geometry.coordinates as [number, number];
    const point: CensusPoint = {
      layer,
      id,
      lon,
      lat,
      households,
      population,
      extra: rest,
      ...(address !== undefined ? { address } : {}),
      ...(Object.keys(personal).length > 0 ? { personal: personal } : {}),
    };
    return point;
  }

  const geometry = readAreaGeometry(feature.geometry, at, problems);
  if (!geometry) return undefined;
  switch (layer) {
    case 'township': {
      const supervisionPhone = take('supervisionPhone', readOptionalString(properties, 'supervisionPhone'));
      const township: Township = {
        layer,
        id,
        code,
        name,
        ...(supervisionPhone !== undefined ? { supervisionPhone } : {}),
        geometry,
        extra: extraOf(properties, layer, accepted),
      };
      return township;
    }
    case 'community': {
      const kind = take('kind', pick(COMMUNITY_KINDS, properties.kind)) ?? null;
      const lineage = take('lineage', readLineage(properties.lineage));
      const community: Community = {
        layer,
        id,
        code,
        name,
        kind,
        geometry,
        extra: extraOf(properties, layer, accepted),
        ...(lineage !== undefined ? { lineage } : {}),
      };
      return community;
    }
    case 'grid': {
      const parentCode = take('parentCode', readOptionalString(properties, 'parentCode')) ?? '';
      const gridType: GridType | null = take('gridType', pick(GRID_TYPES, properties.gridType)) ?? null;
      const exclusiveCategory: ExclusiveCategory | undefined = take(
        'exclusiveCategory',
        pick(EXCLUSIVE_CATEGORIES, properties.exclusiveCategory),
      );
      const staff = take('staff', readStaff(properties.staff));
      const note = take('note', readOptionalString(properties, 'note'));
      const justification = take('justification', readOptionalString(properties, 'justification'));
      const status: GridStatus | undefined = take('status', pick(GRID_STATUSES, properties.status));
      // Only a literal true locks: anything else stays in `extra` untouched, as unknown data does.
      const locked = take('locked', properties.locked === true ? true : undefined);
      const grid: Grid = {
        layer,
        id,
        code,
        name,
        parentCode,
        gridType,
        geometry,
        extra: extraOf(properties, layer, accepted),
        ...(exclusiveCategory !== undefined ? { exclusiveCategory } : {}),
        ...(staff !== undefined ? { staff } : {}),
        ...(note !== undefined ? { note } : {}),
        ...(justification !== undefined ? { justification } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(locked ? { locked } : {}),
      };
      return grid;
    }
    case 'microgrid': {
      const parentCode = take('parentCode', readOptionalString(properties, 'parentCode')) ?? '';
      const staff = take('staff', readStaff(properties.staff));
      const note = take('note', readOptionalString(properties, 'note'));
      const microgrid: MicroGrid = {
        layer,
        id,
        code,
        name,
        parentCode,
        geometry,
        extra: extraOf(properties, layer, accepted),
        ...(staff !== undefined ? { staff } : {}),
        ...(note !== undefined ? { note } : {}),
      };
      return microgrid;
    }
  }
}

function refuse(zh: string, en: string, kind = 'bad-file'): Result<Division> {
  return fail({ kind, message: text(zh, en) });
}

/**
 * Reads a division from GeoJSON text (the "restore" step every load passes through). Refuses, listing
 * what is wrong and where (feature number and line), a text that is not JSON, not a FeatureCollection,
 * or has features without a known layer or with geometry of the wrong kind. Geometry that is of the right
 * kind but invalid (self-intersecting, unclosed, out of range) is kept: the validator reports it.
 * Exterior rings are turned counter-clockwise. Unknown properties are kept in `extra`.
 */
export function parseDivisionGeoJson(source: string, options: ParseOptions = {}): Result<Division> {
  const size = options.byteLength ?? source.length;
  if (size > MAX_GEOJSON_BYTES) {
    const mb = Math.round(size / 1024 / 1024);
    return refuse(
      `文件太大（${mb} MB），超过 ${MAX_GEOJSON_BYTES / 1024 / 1024} MB 的上限。请按社区拆分后分别导入，或去掉不需要的图层。`,
      `The file is too large (${mb} MB), above the ${MAX_GEOJSON_BYTES / 1024 / 1024} MB limit. Split it by community and import the parts, or remove layers you do not need.`,
      'too-large',
    );
  }
  const body = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (body.trim() === '') {
    return refuse(
      '文件是空的。请选择一个 GeoJSON 文件。',
      'The file is empty. Choose a GeoJSON file.',
      'empty',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const detail = errorDetail(error);
    const offset = jsonErrorOffset(body);
    const place = offset >= 0 ? lineAndColumn(body, offset) : undefined;
    const zhPlace = place ? `第 ${place.line} 行第 ${place.column} 列附近` : '';
    const enPlace = place ? ` near line ${place.line}, column ${place.column}` : '';
    return refuse(
      `不是有效的 JSON：${zhPlace}格式错误（${detail}）。请检查文件是否完整、是否为 GeoJSON。`,
      `Not valid JSON: syntax error${enPlace} (${detail}). Check that the file is complete and is GeoJSON.`,
      'not-json',
    );
  }
  return restoreDivisionCollection(data, () => featureLineNumbers(body));
}

/**
 * Restores a division from an already parsed FeatureCollection exactly as {@link parseDivisionGeoJson}
 * does after `JSON.parse` (the same refusals, profile migration and feature restore), for callers that
 * build the collection in memory (the city office from database rows) and should not pay for a text
 * round trip. `lines` gives each feature's line number for messages, when there is a text.
 */
export function restoreDivisionCollection(
  data: unknown,
  lines: () => readonly (number | undefined)[] = () => [],
): Result<Division> {
  const refusal = collectionRefusal(data);
  if (refusal) return refusal;
  // collectionRefusal checked that it is an object with a features array and a profile version it knows.
  const migrated = migrateProfile(data as JsonObject & { features: unknown[] });
  if (!migrated.ok) return migrated;
  const collection = migrated.value as JsonObject & { features: unknown[] };

  const lineOf = lines();
  const problems: Problem[] = [];
  const entities: Entity[] = [];
  const usedIds = new Map<string, IdSet>();
  const features = collection.features;
  let stopped = false;
  for (let index = 0; index < features.length; index++) {
    const entity = restoreFeature(features[index], { index, line: lineOf[index] }, usedIds, problems);
    if (entity) entities.push(entity);
    if (problems.length >= MAX_COUNTED_PROBLEMS && index + 1 < features.length) {
      stopped = true;
      break;
    }
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    const more = problems.length - listed.length;
    if (stopped)
      listed.push({
        kind: 'more',
        message: text(
          `……另有至少 ${more} 处问题（其后的要素未再检查）`,
          `… and at least ${more} more problems (the features after them were not checked)`,
        ),
      });
    else if (more > 0)
      listed.push({ kind: 'more', message: text(`……另有 ${more} 处问题`, `… and ${more} more problems`) });
    return { ok: false, problems: listed };
  }

  return ok(divisionOf(collectionMeta(collection), entities));
}

/** The ids taken in one layer: a Set, or a view of the layer's entity map that is filled by the caller. */
export interface IdSet {
  has(id: string): boolean;
  add(id: string): unknown;
}

/**
 * The id a feature gets: its own (string or number) or `<layer>-<n>`; ids must be unique within a layer,
 * so a clash gets a fresh id rather than silently dropping a feature. `usedIds` holds the ids taken so
 * far, per layer.
 */
export function featureId(rawId: unknown, layer: string, index: number, usedIds: Map<string, IdSet>): string {
  let used = usedIds.get(layer);
  if (!used) {
    used = new Set<string>();
    usedIds.set(layer, used);
  }
  let id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `${layer}-${index + 1}`;
  while (used.has(id)) id = `${id}~${index + 1}`;
  used.add(id);
  return id;
}

/**
 * Restores one parsed feature of a division file as an entity (undefined, with the reason added to
 * `problems`, when it cannot be used). Shared by {@link parseDivisionGeoJson} and the byte reader of the
 * command line, so both give the same entities.
 */
export function restoreFeature(
  feature: unknown,
  at: { readonly index: number; readonly line: number | undefined },
  usedIds: Map<string, IdSet>,
  problems: Problem[],
): Entity | undefined {
  const rawId = isObject(feature) ? feature.id : undefined;
  const layer = isObject(feature) && isObject(feature.properties) ? String(feature.properties.layer) : '';
  const id = featureId(rawId, layer, at.index, usedIds);
  return featureToEntity(feature, at, id, problems);
}

/** The zone a `gridplanSourceCrs` member names, when it names a CGCS2000 Gauss-Kruger zone. */
function sourceZoneOf(value: unknown): number | undefined {
  const epsg = typeof value === 'string' ? /^EPSG:(\d+)$/i.exec(value.trim())?.[1] : undefined;
  return epsg === undefined ? undefined : gaussKrugerZone(Number(epsg))?.epsg;
}

/**
 * Name, rule set, source zone and unknown members of a parsed FeatureCollection (the division's meta).
 * A `gridplanSourceCrs` that names no zone is kept as an unknown member, as it came.
 */
export function collectionMeta(data: JsonObject): {
  name: string;
  ruleSetId: string;
  sourceZoneEpsg?: number;
  extra: JsonObject;
} {
  const sourceZoneEpsg = sourceZoneOf(data[SOURCE_CRS_MEMBER]);
  const extra: JsonObject = {};
  for (const [key, value] of Object.entries(data)) {
    if (COLLECTION_KNOWN.includes(key)) continue;
    if (key === SOURCE_CRS_MEMBER && sourceZoneEpsg !== undefined) continue;
    setOwn(extra, key, value);
  }
  return {
    name: typeof data.name === 'string' ? data.name : '',
    ruleSetId: typeof data.ruleSet === 'string' ? data.ruleSet : 'zigong',
    ...(sourceZoneEpsg !== undefined ? { sourceZoneEpsg } : {}),
    extra,
  };
}

/**
 * Why a parsed JSON value cannot be a division file (not a FeatureCollection with a features array, or a
 * projected `crs`), or undefined when it can.
 */
export function collectionRefusal(data: unknown): Result<Division> | undefined {
  if (!isObject(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    const found = isObject(data) && typeof data.type === 'string' ? data.type : typeof data;
    return refuse(
      `不是 GeoJSON FeatureCollection（顶层 type 为 ${found}）。GridPlan 读取含 features 数组的 FeatureCollection。`,
      `Not a GeoJSON FeatureCollection (top-level type is ${found}). GridPlan reads a FeatureCollection with a features array.`,
      'not-feature-collection',
    );
  }
  // Unknown members are kept and written back: one nested deeper than properties may be would overflow
  // the stack of the writers (export, package) later; refused here, as such properties are.
  for (const [key, member] of Object.entries(data)) {
    if (key === 'features') continue;
    const name = JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
    if (holdsInfinity(member)) {
      return refuse(
        `顶层成员 ${name} 中有超出范围的数值（如 1e999），写回时会变成 null，未读取。`,
        `The top-level member ${name} holds a number out of range (such as 1e999), which would be written back as null; not read.`,
        'out-of-range',
      );
    }
    if (!nestsDeeperThan(member, MAX_PROPERTY_DEPTH)) continue;
    return refuse(
      `顶层成员 ${name} 嵌套超过 ${MAX_PROPERTY_DEPTH} 层，文件有害或已损坏，未读取。`,
      `The top-level member ${name} nests more than ${MAX_PROPERTY_DEPTH} levels deep; the file is hostile or damaged and was not read.`,
      'too-deep',
    );
  }
  const migrated = migrateProfile({ ...data, features: data.features as unknown[] });
  if (!migrated.ok) return migrated;
  if ('crs' in data && isObject(data.crs)) {
    const crsName = JSON.stringify(data.crs);
    if (!/4326|4490|CRS84|WGS|CGCS/i.test(crsName)) {
      return refuse(
        `文件声明了投影坐标系 ${crsName}。GridPlan 的 GeoJSON 只接受经纬度（WGS84/CGCS2000）：请先转换为 EPSG:4490 或 4326，或导入带 .prj 的 Shapefile。`,
        `The file declares the coordinate system ${crsName}. GridPlan GeoJSON accepts longitude/latitude only (WGS84/CGCS2000): convert to EPSG:4490 or 4326 first, or import a shapefile with its .prj.`,
        'projected',
      );
    }
  }
  return undefined;
}
