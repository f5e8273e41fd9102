import gcoord from 'gcoord';
import type { Geometry, Position } from 'geojson';
import { rewindRfc7946 } from '../geometry/rewind';
import type {
  AreaGeometry,
  CensusPoint,
  Change,
  Community,
  Division,
  Entity,
  EntityRef,
  Grid,
  Layer,
  LocalText,
  MicroGrid,
  Problem,
  Result,
  StaffMember,
  StaffRole,
  Township,
} from '../model';
import { ok, setOwn, text } from '../model';
import { gaussKrugerZone, zoneCrs } from './coordinate-systems';
import type { TableRow } from './csv';
import type { FieldMapping, MappedAttribute } from './field-mapping';
import {
  attributesOf,
  communityKindOf,
  exclusiveCategoryOf,
  gridStatusOf,
  gridTypeOf,
  requiredAttributes,
} from './field-mapping';
import { isPersonalField } from './personal-data';
import { RowErrors } from './row-errors';

/**
 * Turns the records of an imported file into GridPlan entities of one layer, following the planner's
 * field mapping, and builds the one undoable change that puts them into the project.
 */

/** The coordinate systems census tables come in: WGS84/CGCS2000, Gaode/Tencent GCJ-02, Baidu BD-09. */
export const POINT_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const;
export type PointSystem = (typeof POINT_SYSTEMS)[number];

/** A record of a feature file (shapefile or GeoJSON) in longitude/latitude. */
export interface FeatureRecord {
  /** 1-based record (shapefile) or feature (GeoJSON) number. */
  readonly record: number;
  /** Line of the feature in a GeoJSON file, when known. */
  readonly line?: number;
  readonly geometry: Geometry | null;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** What the planner chose: the layer the file becomes and which field holds what. */
export interface LayerRequest {
  readonly layer: Layer;
  readonly mapping: FieldMapping;
  /** Census only: the system the coordinates are in; converted to WGS84/CGCS2000. Default wgs84. */
  readonly pointSystem?: PointSystem;
  /**
   * Census tables only: the CGCS2000 Gauss-Kruger zone (EPSG 4491–4554) the coordinate columns are in,
   * easting in the longitude column and northing in the latitude column, in metres; converted to
   * longitude/latitude. (A shapefile's zone is its reader's business.)
   */
  readonly zoneEpsg?: number;
}

/** A record that could not be imported, with where it is and why. */
export interface RowError {
  /** Line in a CSV, row in a sheet, record in a shapefile, feature in a GeoJSON. */
  readonly line: number;
  readonly reason: LocalText;
}

/** Entities made from a file, and the records that were not usable. */
export interface LayerImport {
  readonly layer: Layer;
  readonly entities: readonly Entity[];
  /** The first records that were not usable (see `MAX_KEPT_ROW_ERRORS`). */
  readonly errors: readonly RowError[];
  /** How many records were not usable. */
  readonly errorCount: number;
  /** Records read in total (good and bad). */
  readonly total: number;
  /** EPSG code of the CGCS2000 Gauss-Kruger zone the file was in, when it was in one. */
  readonly sourceZoneEpsg?: number;
}

/** Attribute names in messages. */
const ATTRIBUTE_NAMES: Record<MappedAttribute, LocalText> = {
  code: text('编码', 'code'),
  name: text('名称', 'name'),
  type: text('类型', 'type'),
  parentCode: text('上级编码', 'parent code'),
  households: text('户数', 'households'),
  population: text('人口', 'population'),
  address: text('地址', 'address'),
  longitude: text('经度', 'longitude'),
  latitude: text('纬度', 'latitude'),
  category: text('专属类别', 'exclusive category'),
  status: text('状态', 'status'),
  leader: text('网格长', 'grid leader'),
  leaderPhone: text('网格长电话', "grid leader's phone"),
  note: text('备注', 'note'),
};

/** Layer names in messages (terms of ui.md). */
export const LAYER_NAMES: Record<Layer, LocalText> = {
  township: text('乡镇/街道', 'township/street'),
  community: text('社区/行政村', 'communities/villages'),
  grid: text('网格', 'grids'),
  microgrid: text('微网格', 'micro-grids'),
  census: text('人口点', 'census points'),
};

/**
 * Refuses a mapping that lacks a required attribute or names a field the file does not have, so that the
 * planner fixes the mapping rather than importing empty codes.
 */
export function checkMapping(request: LayerRequest, fields: readonly string[], table: boolean): Result<true> {
  const problems: Problem[] = [];
  for (const attribute of requiredAttributes(request.layer, table)) {
    if (!request.mapping[attribute]) {
      const name = ATTRIBUTE_NAMES[attribute];
      problems.push({
        kind: 'missing-column',
        message: text(
          `导入为${LAYER_NAMES[request.layer].zh}需要指定“${name.zh}”所在的列（字段）。文件中的列：${fields.join('、') || '（无）'}。`,
          `Importing as ${LAYER_NAMES[request.layer].en} needs the column (field) holding the ${name.en}. Columns in the file: ${fields.join(', ') || '(none)'}.`,
        ),
      });
    }
  }
  for (const attribute of attributesOf(request.layer, table)) {
    const field = request.mapping[attribute];
    if (field && !fields.includes(field)) {
      const name = ATTRIBUTE_NAMES[attribute];
      problems.push({
        kind: 'missing-column',
        message: text(
          `文件中没有“${field}”列（指定为${name.zh}）。文件中的列：${fields.join('、')}。`,
          `The file has no column "${field}" (chosen for the ${name.en}). Columns in the file: ${fields.join(', ')}.`,
        ),
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : ok(true);
}

/** The leader a file names (WGZ, with the phone LXDH), as the one member of the staff; none without a name. */
function staffFromLeaderCells(name: unknown, phone: unknown, role: StaffRole): StaffMember[] | undefined {
  const leader = cellText(name);
  if (!leader) return undefined;
  const number = cellText(phone);
  return [{ role, name: leader, ...(number ? { phone: number } : {}) }];
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return typeof value === 'string' || typeof value === 'boolean' ? String(value).trim() : '';
}

/**
 * True when a code was read as a number too large to be exact (past 2^53: 16 digits and more, as an
 * 18-digit micro-grid code a tool wrote into GeoJSON as a number): its last digits are already lost.
 * (A DBF keeps them: its reader returns such numbers as their digits.)
 */
function lostDigits(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
}

/** A count cell: blank gives the default; otherwise a number ≥ 0 or an error reason. */
function countOf(value: unknown, fallback: number, name: LocalText): number | LocalText {
  const raw = cellText(value);
  if (raw === '') return fallback;
  // Full-width digits (a Chinese input method's "１２") read as digits; thousands separators ("1,200")
  // are dropped. Most cells have neither, and skip the replacements.
  const ascii = /[^\x20-\x7e]/.test(raw) ? raw.normalize('NFKC') : raw;
  const number = Number(ascii.includes(',') ? ascii.replace(/,/g, '') : ascii);
  if (!Number.isFinite(number) || number < 0) {
    return text(`${name.zh}“${raw}”不是不小于 0 的数字`, `${name.en} "${raw}" is not a number of 0 or more`);
  }
  return number;
}

function toWgs84(lon: number, lat: number, system: PointSystem): [number, number] {
  if (system === 'wgs84') return [lon, lat];
  // gcoord changes GeoJSON it is given in place; a fresh array per point keeps the input intact.
  const from = system === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
  return gcoord.transform<[number, number]>([lon, lat], from, gcoord.WGS84);
}

function validLonLat(lon: number, lat: number): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}

/** Keeps unmapped fields: personal data of census points apart, the rest as `extra`. */
function restOf(
  properties: Readonly<Record<string, unknown>>,
  mapped: ReadonlySet<string>,
  census: boolean,
): { extra: Record<string, unknown>; personal: Record<string, string> } {
  const extra: Record<string, unknown> = {};
  const personal: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (mapped.has(key) || key === 'layer') continue;
    if (census && value !== null && isPersonalField(key, value)) {
      setOwn(personal, key, cellText(value));
    } else if (value !== null && value !== undefined) {
      setOwn(extra, key, value);
    }
  }
  return { extra, personal };
}

function ringProblem(geometry: AreaGeometry): LocalText | undefined {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of polygons) {
    for (const ring of rings) {
      if (ring.length < 4) {
        return text(
          `面的环只有 ${ring.length} 个顶点，至少需要 4 个（首尾相同）`,
          `a ring has ${ring.length} vertices; at least 4 are needed (first equals last)`,
        );
      }
      // GeoJSON from elsewhere is not checked by a reader on the way (a shapefile's is): a longitude of
      // 504.7 or projected metres would be written into the project as if they were degrees.
      const bad = ring.find((p) => !Array.isArray(p) || !validLonLat(Number(p[0]), Number(p[1])));
      if (bad) {
        const shown = Array.isArray(bad) ? bad.slice(0, 2).join(', ') : JSON.stringify(bad);
        return text(
          `坐标 (${shown}) 不是有效的经纬度（经度 −180～180，纬度 −90～90）；若为投影坐标，请先在 GIS 软件中转换为 CGCS2000 经纬度，或导入带 .prj 的 Shapefile`,
          `the coordinates (${shown}) are not a valid longitude/latitude (longitude −180 to 180, latitude −90 to 90); if they are projected, convert them to CGCS2000 longitude/latitude in a GIS first, or import a shapefile with its .prj`,
        );
      }
    }
  }
  return undefined;
}

function closeRings(geometry: AreaGeometry): AreaGeometry {
  const close = (ring: Position[]): Position[] => {
    const first = ring[0];
    const last = ring.at(-1);
    return first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, first] : ring;
  };
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(close) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(close)) };
}

/**
 * Makes entities of one layer from feature records (a shapefile's or a GeoJSON's). Refuses the whole
 * file (a list of record numbers and reasons) when a record has no geometry, geometry of the wrong kind
 * (lines for grids, polygons for census points), too few vertices or coordinates that are not
 * longitude/latitude. Self-intersections and gaps are kept: the validator reports them with their place,
 * as for GeoJSON. Codes are read as text (a numeric DBF field of 15 digits is exact in a double).
 */
export function featuresToLayer(
  records: readonly FeatureRecord[],
  request: LayerRequest,
  fields: readonly string[],
): Result<LayerImport> {
  const checked = checkMapping(request, fields, false);
  if (!checked.ok) return checked;
  const { layer, mapping } = request;
  const mapped = new Set(Object.values(mapping).filter((v): v is string => !!v));
  const entities: Entity[] = [];
  const errors = new RowErrors();
  const codes = new Map<string, number>();
  for (const record of records) {
    const code = mapping.code ? cellText(record.properties[mapping.code]) : '';
    if (code) codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  const idOf = (record: FeatureRecord, code: string) =>
    code && codes.get(code) === 1 ? `${layer}-${code}` : `${layer}-r${record.record}`;

  for (const record of records) {
    const at = record.line ?? record.record;
    const bad = (reason: LocalText) => errors.add({ line: at, reason });
    const geometry = record.geometry;
    const get = (attribute: MappedAttribute): unknown =>
      mapping[attribute] ? record.properties[mapping[attribute]] : undefined;
    const { extra, personal } = restOf(record.properties, mapped, layer === 'census');
    if (!geometry) {
      bad(text('没有图形（空几何）', 'has no geometry (null shape)'));
      continue;
    }
    if (layer === 'census') {
      if (geometry.type !== 'Point') {
        bad(
          text(
            `几何类型 ${geometry.type} 不能作为人口点，应为点`,
            `geometry ${geometry.type} cannot be a census point; expected a point`,
          ),
        );
        continue;
      }
      const [lon, lat] = toWgs84(
        geometry.coordinates[0]!,
        geometry.coordinates[1]!,
        request.pointSystem ?? 'wgs84',
      );
      const point = censusPoint(`census-r${record.record}`, lon, lat, get, extra, personal);
      if ('zh' in point) bad(point);
      else entities.push(point);
      continue;
    }
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
      bad(
        text(
          `几何类型 ${geometry.type} 不能作为${LAYER_NAMES[layer].zh}，应为面（Polygon）`,
          `geometry ${geometry.type} cannot be ${LAYER_NAMES[layer].en}; expected polygons`,
        ),
      );
      continue;
    }
    const area = closeRings(geometry);
    const ringIssue = ringProblem(area);
    if (ringIssue) {
      bad(ringIssue);
      continue;
    }
    const rounded = (['code', 'parentCode'] as const).find((attribute) => lostDigits(get(attribute)));
    if (rounded) {
      const field = mapping[rounded]!;
      const shown = cellText(get(rounded));
      bad(
        text(
          `编码（${field}）以数字存储，“${shown}”超过 15 位，末几位已在文件中丢失：请在原软件中把该字段改为文本后重新导出`,
          `the code (${field}) is stored as a number, and "${shown}" is longer than 15 digits: its last digits are lost in the file. Make the field text in the original software and export again`,
        ),
      );
      continue;
    }
    // A township's code is 12 digits ending in 000 (interchange.md); XZDM fields hold its 9 digits.
    const raw = cellText(get('code'));
    const code = layer === 'township' && /^\d{9}$/.test(raw) ? `${raw}000` : raw;
    if (!code) {
      bad(text(`编码（${mapping.code}）为空`, `the code (${mapping.code}) is empty`));
      continue;
    }
    const wound = rewindRfc7946(area);
    const name = cellText(get('name'));
    const id = idOf(record, code);
    switch (layer) {
      case 'township': {
        const township: Township = { layer, id, code, name, geometry: wound, extra };
        entities.push(township);
        break;
      }
      case 'community': {
        const kind = communityKindOf(get('type'));
        if (kind === null && mapping.type && cellText(get('type'))) setOwn(extra, mapping.type, get('type'));
        const community: Community = { layer, id, code, name, kind, geometry: wound, extra };
        entities.push(community);
        break;
      }
      case 'grid': {
        const gridType = gridTypeOf(get('type'));
        if (gridType === null && mapping.type && cellText(get('type')))
          setOwn(extra, mapping.type, get('type'));
        // What GridPlan's own shapefile holds (ZSLB, ZT, WGZ, LXDH, BZ) comes back as what it was; a
        // category or status GridPlan does not know stays an attribute of the file, never guessed.
        const exclusiveCategory = exclusiveCategoryOf(get('category'));
        if (exclusiveCategory === null && mapping.category && cellText(get('category')))
          setOwn(extra, mapping.category, get('category'));
        const status = gridStatusOf(get('status'));
        if (status === null && mapping.status && cellText(get('status')))
          setOwn(extra, mapping.status, get('status'));
        const staff = staffFromLeaderCells(get('leader'), get('leaderPhone'), 'leader');
        const note = cellText(get('note'));
        const grid: Grid = {
          layer,
          id,
          code,
          name,
          parentCode: cellText(get('parentCode')),
          gridType,
          ...(exclusiveCategory ? { exclusiveCategory } : {}),
          ...(staff ? { staff } : {}),
          ...(note ? { note } : {}),
          ...(status ? { status } : {}),
          geometry: wound,
          extra,
        };
        entities.push(grid);
        break;
      }
      case 'microgrid': {
        const staff = staffFromLeaderCells(get('leader'), get('leaderPhone'), 'micro-leader');
        const note = cellText(get('note'));
        const microgrid: MicroGrid = {
          layer,
          id,
          code,
          name,
          parentCode: cellText(get('parentCode')),
          ...(staff ? { staff } : {}),
          ...(note ? { note } : {}),
          geometry: wound,
          extra,
        };
        entities.push(microgrid);
        break;
      }
    }
  }
  if (layer !== 'census' && errors.count > 0) {
    // Area layers are all or nothing: a grid missing from a division is worse than a refused file.
    const problems: Problem[] = errors.kept.slice(0, 20).map((e) => ({
      kind: 'bad-record',
      message: text(`第 ${e.line} 条记录：${e.reason.zh}`, `Record ${e.line}: ${e.reason.en}`),
    }));
    if (errors.count > 20) {
      const more = errors.count - 20;
      problems.push({
        kind: 'more',
        message: text(`……另有 ${more} 条记录有误`, `… and ${more} more records`),
      });
    }
    return { ok: false, problems };
  }
  return ok({ layer, entities, errors: errors.kept, errorCount: errors.count, total: records.length });
}

/**
 * The parts of one census point that passed its checks: what a row or record becomes before (or instead
 * of) a {@link CensusPoint}. Readers that keep points as columns take the values from here, so a census
 * table is checked by one piece of code however its points are kept.
 */
export interface CensusValues {
  lon: number;
  lat: number;
  households: number;
  population: number;
  /** The address, when not blank. */
  address: string | undefined;
  /** Other columns kept as properties; undefined when there are none. */
  extra: Record<string, unknown> | undefined;
  /** Personal data (names, phones); undefined when there is none. */
  personal: Record<string, string> | undefined;
}

/** Values to fill; one can be reused row after row. */
export function emptyCensusValues(): CensusValues {
  return {
    lon: 0,
    lat: 0,
    households: 0,
    population: 0,
    address: undefined,
    extra: undefined,
    personal: undefined,
  };
}

/** The census point of checked values. */
export function censusPointOf(id: string, values: CensusValues): CensusPoint {
  return {
    layer: 'census',
    id,
    lon: values.lon,
    lat: values.lat,
    households: values.households,
    population: values.population,
    extra: values.extra ?? {},
    ...(values.address ? { address: values.address } : {}),
    ...(values.personal ? { personal: values.personal } : {}),
  };
}

/**
 * Checks a census point's coordinates and counts into `into` (with `extra` and `personal`, which empty
 * ones leave undefined): the reason it is not a point, or undefined when `into` holds it.
 */
function checkCensusValues(
  lon: number,
  lat: number,
  get: (attribute: MappedAttribute) => unknown,
  extra: Record<string, unknown>,
  personal: Record<string, string>,
  into: CensusValues,
): LocalText | undefined {
  if (!validLonLat(lon, lat)) {
    return text(
      `坐标 (${lon}, ${lat}) 不是有效的经纬度`,
      `the coordinates (${lon}, ${lat}) are not a valid longitude/latitude`,
    );
  }
  const households = countOf(get('households'), 1, ATTRIBUTE_NAMES.households);
  if (typeof households !== 'number') return households;
  const population = countOf(get('population'), 0, ATTRIBUTE_NAMES.population);
  if (typeof population !== 'number') return population;
  const address = cellText(get('address'));
  into.lon = lon;
  into.lat = lat;
  into.households = households;
  into.population = population;
  into.address = address || undefined;
  into.extra = Object.keys(extra).length > 0 ? extra : undefined;
  into.personal = Object.keys(personal).length > 0 ? personal : undefined;
  return undefined;
}

function censusPoint(
  id: string,
  lon: number,
  lat: number,
  get: (attribute: MappedAttribute) => unknown,
  extra: Record<string, unknown>,
  personal: Record<string, string>,
): CensusPoint | LocalText {
  const values = emptyCensusValues();
  const problem = checkCensusValues(lon, lat, get, extra, personal, values);
  return problem ?? { ...censusPointOf(id, values), extra };
}

/**
 * Makes census points from table rows (CSV or XLSX). A missing column refuses the table; a row with a
 * blank or non-numeric coordinate, coordinates out of range, or a count that is not a number ≥ 0 is listed
 * with its line number and reason, and the good rows are returned for the planner to import or not.
 */
export function tableToCensus(
  header: readonly string[],
  rows: readonly TableRow[],
  request: LayerRequest,
): Result<LayerImport> {
  const reader = censusRowReader(header, request);
  if (!reader.ok) return reader;
  const entities: Entity[] = [];
  const errors = new RowErrors();
  for (const row of rows) {
    const read = reader.value(row.cells, row.line);
    if (read.layer === 'census') entities.push(read);
    else errors.add(read);
  }
  return ok({ layer: 'census', entities, errors: errors.kept, errorCount: errors.count, total: rows.length });
}

/** A row that is not a census point: its line and why (the rows of {@link tableToCensus}). */
type CensusRowError = RowError & { readonly layer?: undefined };

/**
 * Reads one table row (cells in `header` order, the line it came from) as a census point or the reason it
 * is not one: {@link tableToCensus} row by row.
 */
export function censusRowReader(
  header: readonly string[],
  request: LayerRequest,
): Result<(cells: readonly string[], line: number) => CensusPoint | CensusRowError> {
  const checker = censusRowChecker(header, request);
  if (!checker.ok) return checker;
  const check = checker.value;
  return ok((cells, line) => {
    const values = emptyCensusValues();
    const error = check(cells, line, values);
    return error ?? censusPointOf(`census-l${line}`, values);
  });
}

/**
 * Checks one table row (cells in `header` order, the line it came from) into `into`, the values of the
 * point `census-l<line>` ({@link censusPointOf}): undefined when it is one, else the row's error. The
 * checks of {@link censusRowReader}, for readers that keep the points as columns and make no object per
 * row; `into` can be reused.
 */
export function censusRowChecker(
  header: readonly string[],
  request: LayerRequest,
): Result<(cells: readonly string[], line: number, into: CensusValues) => CensusRowError | undefined> {
  const checked = checkMapping(request, header, true);
  if (!checked.ok) return checked;
  const { mapping } = request;
  const column = new Map(header.map((name, index) => [name, index]));
  const mapped = new Set(Object.values(mapping).filter((v): v is string => !!v));
  const system = request.pointSystem ?? 'wgs84';
  const zone = request.zoneEpsg === undefined ? undefined : gaussKrugerZone(request.zoneEpsg);
  const projected = zone ? zoneCrs(zone) : undefined;
  const unproject = projected?.kind === 'projected' ? projected.unproject : undefined;
  // Only the columns not mapped to an attribute become properties of the point (restOf leaves the mapped
  // ones and `layer` out); a table of mapped columns only builds no object for them at all.
  const rest = header.flatMap((name, index) =>
    name && !mapped.has(name) && name !== 'layer' ? [{ name, index }] : [],
  );
  // The column of each mapped attribute, found once (none reads as a missing cell).
  const at: Partial<Record<MappedAttribute, number>> = {};
  for (const [attribute, name] of Object.entries(mapping) as [MappedAttribute, string | undefined][]) {
    const index = name ? column.get(name) : undefined;
    if (index !== undefined) at[attribute] = index;
  }
  const cellAt = (cells: readonly string[], index: number | undefined): string | undefined =>
    index === undefined ? undefined : cells[index];
  let rowCells: readonly string[] = [];
  const get = (attribute: MappedAttribute): unknown => cellAt(rowCells, at[attribute]);
  const noExtra: { extra: Record<string, unknown>; personal: Record<string, string> } = {
    extra: {},
    personal: {},
  };
  return ok((cells, line, into) => {
    rowCells = cells;
    const lonText = cellText(cellAt(cells, at.longitude));
    const latText = cellText(cellAt(cells, at.latitude));
    let lon = lonText === '' ? NaN : Number(lonText);
    let lat = latText === '' ? NaN : Number(latText);
    if (unproject && Number.isFinite(lon) && Number.isFinite(lat)) {
      const [x, y] = unproject(lon, lat);
      if (!validLonLat(x, y)) {
        return {
          line,
          reason: text(
            `投影坐标 (${lon}, ${lat}) 不在所选的 ${zone!.label.zh} 内：请检查投影带`,
            `projected coordinates (${lon}, ${lat}) are not in the chosen ${zone!.label.en}: check the zone`,
          ),
        };
      }
      [lon, lat] = [Math.round(x * 1e9) / 1e9, Math.round(y * 1e9) / 1e9];
    }
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
      return {
        line,
        reason: text(
          `经度“${lonText}”或纬度“${latText}”不是数字`,
          `longitude "${lonText}" or latitude "${latText}" is not a number`,
        ),
      };
    }
    if (!validLonLat(lon, lat)) {
      return {
        line,
        reason: text(
          `坐标 (${lon}, ${lat}) 超出经纬度范围（经度 −180~180，纬度 −90~90）${Math.abs(lon) > 180 && Math.abs(lat) <= 180 ? '，是否把经纬度列选反了，或是投影坐标？' : ''}`,
          `coordinates (${lon}, ${lat}) are out of longitude/latitude range${Math.abs(lon) > 180 ? '; are they projected?' : ''}`,
        ),
      };
    }
    let x = lon;
    let y = lat;
    if (system !== 'wgs84') [x, y] = toWgs84(lon, lat, system);
    let kept = noExtra;
    if (rest.length > 0) {
      const properties: Record<string, string> = {};
      for (const { name, index } of rest) setOwn(properties, name, cells[index] ?? '');
      kept = restOf(properties, mapped, true);
      for (const key of Object.keys(kept.extra)) if (kept.extra[key] === '') delete kept.extra[key];
    }
    const problem = checkCensusValues(x, y, get, kept.extra, kept.personal, into);
    return problem ? { line, reason: problem } : undefined;
  });
}

/**
 * The change that makes the imported entities the project's whole layer: every entity of that layer not
 * in the import is deleted, every imported one put. Other layers are untouched. One change, so one undo
 * takes the import back.
 */
export function replaceLayerChange(division: Division, imported: LayerImport, note: string): Change {
  const keep = new Set(imported.entities.map((e) => e.id));
  const del: EntityRef[] = [];
  for (const id of (division[imported.layer] as ReadonlyMap<string, Entity>).keys()) {
    if (!keep.has(id)) del.push({ layer: imported.layer, id });
  }
  return { put: imported.entities, delete: del, note };
}

/** A refusal when an import has row errors and the planner did not accept importing the good rows. */
export function rowErrorProblems(errors: readonly RowError[], count: number, limit = 20): Problem[] {
  const problems: Problem[] = errors.slice(0, limit).map((e) => ({
    kind: 'bad-row',
    message: text(`第 ${e.line} 行：${e.reason.zh}`, `Line ${e.line}: ${e.reason.en}`),
  }));
  if (count > problems.length) {
    const more = count - problems.length;
    problems.push({
      kind: 'more',
      message: text(`……另有 ${more} 行有误`, `… and ${more} more rows with errors`),
    });
  }
  return problems;
}
