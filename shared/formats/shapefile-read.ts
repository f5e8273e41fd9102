import type { Geometry, Position } from 'geojson';
import { parseShp } from 'shpjs';
import { checkShpRecords } from './shp-records';
import type { Problem, Result } from '../model';
import { appendAll, errorDetail, fail, ok, text } from '../model';
import type { BBox, SourceCrs, Unproject } from './coordinate-systems';
import {
  gaussKrugerZone,
  isLonLatBox,
  looksProjected,
  proposeZone,
  readPrj,
  zoneCrs,
  zoneOfPrj,
} from './coordinate-systems';
import type { DbfField, DbfTable, DbfValue } from './dbf';
import { readDbf } from './dbf';
import type { CrsStatus } from './zone-status';
import { chosenZoneStatus, zoneNeededStatus } from './zone-status';
import type { TextEncodingName } from './text-encoding';
import {
  decodeText,
  detectEncoding,
  encodingFromCpg,
  encodingFromLanguageDriver,
  hasNonAscii,
  isValidGbk,
  isValidUtf8,
} from './text-encoding';
import type { InputFile } from './zip-archive';
import { MAX_IMPORT_BYTES, readZip, tooLargeProblem } from './zip-archive';

/** The parts of one shapefile, found among the files a planner chose or a zip held. */
export interface ShapefileParts {
  /** Base name of the layer (`grids` for grids.shp). */
  readonly name: string;
  readonly shp: Uint8Array;
  readonly dbf: Uint8Array;
  readonly prj: string | undefined;
  readonly cpg: string | undefined;
  /** Other layers in the same input, by base name. */
  readonly otherLayers: readonly string[];
}

function baseAndExtension(name: string): [string, string] {
  const file = name.replace(/\\/g, '/').split('/').pop() ?? name;
  const dot = file.lastIndexOf('.');
  return dot < 0 ? [file, ''] : [file.slice(0, dot), file.slice(dot + 1).toLowerCase()];
}

/**
 * Unpacks every .zip among the chosen files (see {@link readZip}) and returns the flat list of files.
 * Refuses an input above {@link MAX_IMPORT_BYTES} and an empty file.
 */
export function expandInputs(files: readonly InputFile[]): Result<InputFile[]> {
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
  if (total > MAX_IMPORT_BYTES) return fail(tooLargeProblem(files.map((f) => f.name).join(', '), total));
  const out: InputFile[] = [];
  for (const file of files) {
    if (baseAndExtension(file.name)[1] === 'zip') {
      const entries = readZip(file.bytes, file.name);
      if (!entries.ok) return entries;
      appendAll(out, entries.value);
    } else {
      out.push(file);
    }
  }
  return ok(out);
}

/**
 * Finds one shapefile's parts (extensions in any case) among files. `layer` picks one when the input
 * holds several; by default the first by name. Refuses when there is no .shp or no .dbf (without the
 * .dbf there are no codes and names to import).
 */
export function findShapefile(files: readonly InputFile[], layer?: string): Result<ShapefileParts> {
  const byBase = new Map<string, Map<string, InputFile>>();
  for (const file of files) {
    const [base, ext] = baseAndExtension(file.name);
    if (!byBase.has(base)) byBase.set(base, new Map());
    byBase.get(base)!.set(ext, file);
  }
  const layers = [...byBase.entries()]
    .filter(([, parts]) => parts.has('shp'))
    .map(([base]) => base)
    .sort();
  if (layers.length === 0) {
    const found =
      files
        .map((f) => f.name)
        .slice(0, 8)
        .join('、') || '—';
    return fail({
      kind: 'no-shp',
      message: text(
        `没有找到 .shp 文件（收到：${found}）。Shapefile 至少需要 .shp 和 .dbf，最好还有 .prj 和 .cpg。`,
        `No .shp file was found (got: ${
          files
            .map((f) => f.name)
            .slice(0, 8)
            .join(', ') || '—'
        }). A shapefile needs at least the .shp and .dbf, ideally also .prj and .cpg.`,
      ),
    });
  }
  if (layer !== undefined && !layers.includes(layer)) {
    return fail({
      kind: 'no-layer',
      message: text(
        `没有名为 ${layer} 的图层：其中的图层有 ${layers.join('、')}。请从中选择一个。`,
        `There is no layer named ${layer}: the layers are ${layers.join(', ')}. Choose one of them.`,
      ),
    });
  }
  const name = layer ?? layers[0]!;
  const parts = byBase.get(name)!;
  const dbf = parts.get('dbf');
  if (!dbf) {
    return fail({
      kind: 'no-dbf',
      message: text(
        `${name}.shp 缺少同名的 .dbf 属性表，编码、名称等属性都在 .dbf 中。请把 ${name}.dbf 一起选择或打包。`,
        `${name}.shp has no .dbf attribute table of the same name, and codes and names are stored there. Choose or zip ${name}.dbf along with it.`,
      ),
    });
  }
  const asText = (file: InputFile | undefined): string | undefined =>
    file ? decodeText(file.bytes, detectEncoding(file.bytes)) : undefined;
  return ok({
    name,
    shp: parts.get('shp')!.bytes,
    dbf: dbf.bytes,
    prj: asText(parts.get('prj')),
    cpg: asText(parts.get('cpg')),
    otherLayers: layers.filter((l) => l !== name),
  });
}

/** How the attribute encoding was decided. */
export type EncodingSource =
  | 'override'
  | 'cpg'
  | 'language-driver'
  | 'detected'
  | 'ascii'
  /** A byte-order mark said it (CSV, GeoJSON). */
  | 'bom'
  /** The .cpg or DBF language byte named one encoding, but the text is only valid in the other. */
  | 'contradicted';

/** What a planner sees before importing: the file's layout, decoded sample and coordinate status. */
export interface ShapefileInspection {
  readonly layerName: string;
  readonly otherLayers: readonly string[];
  /** `polygon`, `point`, `polyline` or `multipoint` (Z/M variants included). */
  readonly geometryKind: string;
  /** Records not marked deleted (those are skipped, as GIS programs skip them). */
  readonly recordCount: number;
  readonly fields: readonly DbfField[];
  readonly encoding: TextEncodingName;
  readonly encodingSource: EncodingSource;
  /** True when some attribute text is not valid in `encoding`: it would read garbled (U+FFFD). */
  readonly garbled: boolean;
  /** The first records' attributes, decoded with {@link encoding}. */
  readonly preview: readonly Record<string, DbfValue>[];
  readonly crs: CrsStatus;
  /** Extent as stored (in the file's own units). */
  readonly bbox: BBox;
}

/** Options of {@link inspectShapefile} and {@link readShapefile}. */
export interface ShapefileReadOptions {
  /** The planner's encoding choice; otherwise .cpg, then the DBF language byte, then detection. */
  readonly encoding?: TextEncodingName;
  /** EPSG code of the zone the planner chose for projected data without a usable .prj. */
  readonly zoneEpsg?: number;
  /** Records in the preview; default 10. */
  readonly previewRows?: number;
}

const GEOMETRY_KINDS: Record<number, string> = {
  0: 'null',
  1: 'point',
  3: 'polyline',
  5: 'polygon',
  8: 'multipoint',
  11: 'point',
  13: 'polyline',
  15: 'polygon',
  18: 'multipoint',
  21: 'point',
  23: 'polyline',
  25: 'polygon',
  28: 'multipoint',
};

interface ShpHeader {
  readonly shapeType: number;
  readonly bbox: BBox;
}

function readShpHeader(shp: Uint8Array, name: string): Result<ShpHeader> {
  const refuse = (zh: string, en: string) => fail<ShpHeader>({ kind: 'bad-shp', message: text(zh, en) });
  if (shp.length === 0) {
    return refuse(`${name}.shp 是空文件。`, `${name}.shp is empty.`);
  }
  if (shp.length < 100) {
    return refuse(
      `${name}.shp 不完整（只有 ${shp.length} 字节，连文件头都不全）。`,
      `${name}.shp is incomplete (${shp.length} bytes, not even a whole header).`,
    );
  }
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (view.getInt32(0, false) !== 9994) {
    return refuse(
      `${name}.shp 不是 Shapefile（文件头标识不对）。`,
      `${name}.shp is not a shapefile (wrong file code).`,
    );
  }
  const declared = view.getInt32(24, false) * 2;
  if (declared > shp.length) {
    return refuse(
      `${name}.shp 不完整：文件头写明 ${declared} 字节，实际只有 ${shp.length} 字节。文件可能被截断，请重新获取。`,
      `${name}.shp is incomplete: its header says ${declared} bytes but it has ${shp.length}. It was probably cut short; get it again.`,
    );
  }
  const shapeType = view.getInt32(32, true);
  if (!(shapeType in GEOMETRY_KINDS)) {
    return refuse(
      `${name}.shp 的几何类型代码 ${shapeType} 无法识别。`,
      `${name}.shp has an unknown shape type code ${shapeType}.`,
    );
  }
  const bbox: BBox = [36, 44, 52, 60].map((at) => view.getFloat64(at, true)) as unknown as BBox;
  return ok({ shapeType, bbox });
}

function chooseEncoding(
  parts: ShapefileParts,
  table: DbfTable,
  override: TextEncodingName | undefined,
): { encoding: TextEncodingName; source: EncodingSource } {
  if (override) return { encoding: override, source: 'override' };
  // Sampled for each encoding: a field name cut in two at 10 bytes is cut differently in each.
  const sample = table.textSample();
  const utf8 = isValidUtf8(sample);
  const declared = parts.cpg === undefined ? undefined : encodingFromCpg(parts.cpg);
  const fromDriver = encodingFromLanguageDriver(table.languageDriver);
  const said = declared ?? fromDriver;
  if (said) {
    // Files lie: a .cpg of "UTF-8" beside GBK attributes, or "936" beside UTF-8 ones. GBK text is almost
    // never valid UTF-8, and UTF-8 Chinese read as GBK is garbled: trust the bytes when they disagree.
    if (hasNonAscii(sample)) {
      if (said === 'utf-8' && !utf8 && isValidGbk(table.textSample(undefined, 'gbk')))
        return { encoding: 'gbk', source: 'contradicted' };
      if (said === 'gbk' && utf8) return { encoding: 'utf-8', source: 'contradicted' };
    }
    return { encoding: said, source: declared ? 'cpg' : 'language-driver' };
  }
  if (!hasNonAscii(sample)) return { encoding: 'utf-8', source: 'ascii' };
  return { encoding: utf8 ? 'utf-8' : 'gbk', source: 'detected' };
}

function crsStatus(
  parts: ShapefileParts,
  header: ShpHeader,
  zoneEpsg: number | undefined,
): {
  status: CrsStatus;
  crs: SourceCrs | undefined;
} {
  const zone = zoneEpsg === undefined ? undefined : gaussKrugerZone(zoneEpsg);
  if (zone) return { status: chosenZoneStatus(zone), crs: zoneCrs(zone) };
  const proposed = proposeZone(header.bbox);
  if (parts.prj !== undefined && parts.prj.trim() !== '') {
    const read = readPrj(parts.prj);
    if (read.ok) {
      const inZone = read.value.kind === 'projected' ? zoneOfPrj(parts.prj) : undefined;
      return {
        status: {
          status: 'ok',
          name: read.value.name,
          projected: read.value.kind === 'projected',
          ...(inZone ? { zoneEpsg: inZone.epsg } : {}),
          ...(read.value.warning ? { warning: read.value.warning } : {}),
        },
        crs: read.value,
      };
    }
    return {
      status: { status: 'needs-zone', reason: 'unknown-prj', proposed, message: read.problems[0]! },
      crs: undefined,
    };
  }
  if (isLonLatBox(header.bbox) || !looksProjected(header.bbox)) {
    // No .prj and longitude/latitude numbers: the usual CGCS2000/WGS84 file without its .prj.
    const label = text('CGCS2000 / WGS84（无 .prj）', 'CGCS2000 / WGS84 (no .prj)');
    return { status: { status: 'ok', name: label.en, label, projected: false }, crs: undefined };
  }
  return {
    status: zoneNeededStatus(header.bbox, (x, y) =>
      text(
        `${parts.name} 没有 .prj，坐标（如 x=${x}, y=${y}）是以米为单位的投影坐标。`,
        `${parts.name} has no .prj and its coordinates (e.g. x=${x}, y=${y}) are projected metres.`,
      ),
    ),
    crs: undefined,
  };
}

interface Opened {
  readonly header: ShpHeader;
  readonly table: DbfTable;
  readonly inspection: ShapefileInspection;
  readonly crs: SourceCrs | undefined;
}

function open(parts: ShapefileParts, options: ShapefileReadOptions): Result<Opened> {
  const header = readShpHeader(parts.shp, parts.name);
  if (!header.ok) return header;
  // Field names and the language byte do not depend on the encoding: open once to choose it.
  const first = readDbf(parts.dbf, 'utf-8', `${parts.name}.dbf`);
  if (!first.ok) return first;
  const { encoding, source } = chooseEncoding(parts, first.value, options.encoding);
  // Every text byte, not a sample: a record that is not valid in the encoding would read as U+FFFD.
  // The preview still shows it (so the planner sees the garbling and picks the other encoding); reading
  // the features refuses it.
  const allText = first.value.textSample(Infinity, encoding);
  const garbled = hasNonAscii(allText) && !(encoding === 'gbk' ? isValidGbk(allText) : isValidUtf8(allText));
  let dbf = first.value;
  if (encoding !== 'utf-8') {
    const decoded = readDbf(parts.dbf, encoding, `${parts.name}.dbf`);
    if (!decoded.ok) return decoded;
    dbf = decoded.value;
  }
  // Records marked deleted are skipped, as GIS programs skip them.
  const preview: Record<string, DbfValue>[] = [];
  const previewRows = options.previewRows ?? 10;
  for (let i = 0; i < dbf.recordCount && preview.length < previewRows; i++)
    if (!dbf.deleted(i)) preview.push(dbf.record(i));
  const { status, crs } = crsStatus(parts, header.value, options.zoneEpsg);
  return ok({
    header: header.value,
    table: dbf,
    crs,
    inspection: {
      layerName: parts.name,
      otherLayers: parts.otherLayers,
      geometryKind: GEOMETRY_KINDS[header.value.shapeType] ?? 'null',
      recordCount: dbf.liveCount,
      fields: dbf.fields,
      encoding,
      encodingSource: source,
      garbled,
      preview,
      crs: status,
      bbox: header.value.bbox,
    },
  });
}

/** Reads what a planner needs to decide how to import: fields, decoded sample, encoding, coordinates. */
export function inspectShapefile(
  parts: ShapefileParts,
  options: ShapefileReadOptions = {},
): Result<ShapefileInspection> {
  const opened = open(parts, options);
  return opened.ok ? ok(opened.value.inspection) : opened;
}

/** One record of a shapefile, in longitude/latitude. */
export interface ShapefileFeature {
  /** 1-based record number, as GIS programs show it. */
  readonly record: number;
  readonly geometry: Geometry | null;
  readonly properties: Record<string, DbfValue>;
}

/** A whole shapefile, read and converted to longitude/latitude. */
export interface ShapefileContents {
  readonly inspection: ShapefileInspection;
  readonly features: readonly ShapefileFeature[];
}

const MAX_LISTED = 20;

function listed(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_LISTED) return problems;
  const more = problems.length - MAX_LISTED;
  return [
    ...problems.slice(0, MAX_LISTED),
    { kind: 'more', message: text(`……另有 ${more} 处问题`, `… and ${more} more problems`) },
  ];
}

/**
 * True when every coordinate is within ±180/±90: degrees, not projected metres (projected data spread
 * over at most 360 m by 180 m around its false origin is not a township).
 */
function looksLikeDegrees(geometries: readonly (Geometry | null)[]): boolean {
  let any = false;
  for (const geometry of geometries) {
    if (!geometry) continue;
    for (const p of positionsOf(geometry)) {
      if (!(Math.abs(p[0]!) <= 180 && Math.abs(p[1]!) <= 90)) return false;
      any = true;
    }
  }
  return any;
}

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(positionsOf);
  }
}

/** Converts every position to longitude/latitude, rounded to 9 decimals (0.1 mm: the conversion's
 * last digits are noise, and Terra Draw refuses more). New arrays: shpjs may share positions. */
function reproject(geometry: Geometry, unproject: Unproject): Geometry {
  const point = (p: Position): Position => {
    const [lon, lat] = unproject(p[0]!, p[1]!);
    return [Math.round(lon * 1e9) / 1e9, Math.round(lat * 1e9) / 1e9];
  };
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: point(geometry.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: geometry.coordinates.map(point) };
    case 'LineString':
      return { type: 'LineString', coordinates: geometry.coordinates.map(point) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: geometry.coordinates.map((l) => l.map(point)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map((r) => r.map(point)) };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: geometry.coordinates.map((p) => p.map((r) => r.map(point))),
      };
    case 'GeometryCollection':
      return {
        type: 'GeometryCollection',
        geometries: geometry.geometries.map((g) => reproject(g, unproject)),
      };
  }
}

/**
 * Reads a shapefile completely: geometry converted from its coordinate system to longitude/latitude,
 * attributes decoded. Refuses (listing record numbers) when the .shp and .dbf disagree on the number of
 * records, when projected data has no usable .prj and no zone was chosen, and when coordinates are not
 * numbers or fall outside longitude/latitude after conversion (a wrong zone or a broken file would place
 * the data in the ocean). Null shapes are returned as null geometry for the caller to judge.
 */
export function readShapefile(
  parts: ShapefileParts,
  options: ShapefileReadOptions = {},
): Result<ShapefileContents> {
  const opened = open(parts, options);
  if (!opened.ok) return opened;
  const { inspection, table, crs } = opened.value;
  if (inspection.crs.status === 'needs-zone') return fail(inspection.crs.message);
  if (inspection.garbled) {
    const other = inspection.encoding === 'gbk' ? 'UTF-8' : 'GBK';
    const named = inspection.encoding.toUpperCase();
    const chosen = inspection.encodingSource === 'override';
    return fail({
      kind: 'bad-encoding',
      message: text(
        `${parts.name}.dbf 的属性不是有效的 ${named} 文本${chosen ? '（按指定的编码）' : ''}，按此读取会出现乱码，未导入。请选择 ${other} 编码再试；若仍不对，请用原软件重新导出。`,
        `The attributes in ${parts.name}.dbf are not valid ${named} text${chosen ? ' (the encoding chosen)' : ''}; reading them would garble them, so nothing was imported. Choose ${other} and try again; if that fails too, export them again from the original software.`,
      ),
    });
  }

  const damagedRecord = checkShpRecords(parts.shp, parts.name);
  if (damagedRecord) return fail(damagedRecord);
  let geometries: (Geometry | null)[];
  try {
    const view = new DataView(parts.shp.buffer, parts.shp.byteOffset, parts.shp.byteLength);
    // shpjs's public parseShp takes a .prj text, not a converter: read raw and convert here.
    geometries = parseShp(view, false);
    if (crs?.kind === 'projected' && looksLikeDegrees(geometries)) {
      return fail({
        kind: 'prj-mismatch',
        message: text(
          `${parts.name}.prj 写的是投影坐标系（${inspection.crs.status === 'ok' ? inspection.crs.name : ''}，单位米），但 ${parts.name}.shp 中的坐标都像经纬度（度）：按 .prj 换算会把数据放到几百米外的海上，因此未导入。若数据是经纬度，请删去或改正 .prj 后再导入。`,
          `${parts.name}.prj names a projected system (${inspection.crs.status === 'ok' ? inspection.crs.name : ''}, in metres), but every coordinate in ${parts.name}.shp looks like longitude/latitude in degrees: converting them by the .prj would put the data in the sea near 0°, 0°, so nothing was imported. If the data is longitude/latitude, remove or correct the .prj and import again.`,
        ),
      });
    }
    if (crs?.kind === 'projected') {
      const { unproject } = crs;
      geometries = geometries.map((geometry) => geometry && reproject(geometry, unproject));
    }
  } catch (error) {
    const detail = errorDetail(error);
    return fail({
      kind: 'bad-shp',
      message: text(
        `${parts.name}.shp 已损坏，无法读取几何图形（${detail}）。`,
        `${parts.name}.shp is damaged and its geometry cannot be read (${detail}).`,
      ),
    });
  }
  if (geometries.length !== table.recordCount) {
    return fail({
      kind: 'count-mismatch',
      message: text(
        `${parts.name}.shp 有 ${geometries.length} 个图形，而 ${parts.name}.dbf 有 ${table.recordCount} 条属性记录，两者必须一一对应。文件可能来自不同版本或被截断，请重新导出。`,
        `${parts.name}.shp holds ${geometries.length} shapes but ${parts.name}.dbf holds ${table.recordCount} attribute records; they must match one to one. The files may come from different versions or be cut short; export them again.`,
      ),
    });
  }
  const problems: Problem[] = [];
  const features: ShapefileFeature[] = [];
  geometries.forEach((geometry, index) => {
    const record = index + 1;
    if (table.deleted(index)) return;
    if (geometry) {
      const bad = positionsOf(geometry).find(
        (p) =>
          !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90,
      );
      if (bad) {
        problems.push({
          kind: 'bad-coordinates',
          message: text(
            `第 ${record} 条记录：坐标 (${bad[0]}, ${bad[1]}) 不是有效的经纬度${crs?.kind === 'projected' ? '（投影带可能选错）' : inspection.crs.status === 'ok' && !inspection.crs.projected ? '（若为投影坐标，请检查 .prj）' : ''}。`,
            `Record ${record}: the coordinates (${bad[0]}, ${bad[1]}) are not a valid longitude/latitude${crs?.kind === 'projected' ? ' (the zone may be wrong)' : ' (if they are projected, check the .prj)'}.`,
          ),
        });
        return;
      }
    }
    features.push({ record, geometry, properties: table.record(index) });
  });
  if (problems.length > 0) return { ok: false, problems: listed(problems) };
  return ok({ inspection, features });
}
