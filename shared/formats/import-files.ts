import { guessLayer } from './guess-layer';
import type { Geometry } from 'geojson';
import type { Division, Layer, Problem, Result } from '../model';
import { countByLayer, fail, LAYERS, ok, text } from '../model';
import type { EncodingSource } from './shapefile-read';
import type { CrsStatus } from './zone-status';
import { expandInputs, findShapefile, inspectShapefile, readShapefile } from './shapefile-read';
import type { TableRow, TextTable } from './csv';
import { parseCsv, scanCsv } from './csv';
import { CensusColumns } from './census-columns';
import { swappedCounter } from './swapped-coordinates';
import { tableCrs } from './table-zone';
import type { FieldMapping } from './field-mapping';
import { proposeMapping } from './field-mapping';
import { parseDivisionGeoJson } from './geojson';
import { embeddedCityComments } from './embedded-city-comments';
import { embeddedNeighbourRecords } from './embedded-neighbours';
import type { FeatureRecord, LayerImport, LayerRequest, RowError } from './import-layer';
import { censusRowChecker, emptyCensusValues, featuresToLayer, tableToCensus } from './import-layer';
import { RowErrors } from './row-errors';
import { MAX_PROPERTY_DEPTH, nestsDeeperThan } from './json-depth';
import { featureLineNumbers } from './json-locations';
import type { ReadEncodingName, TextEncodingName, TextFileEncodingChoice } from './text-encoding';
import { decodeTextFile } from './text-encoding';
import type { InputFile } from './zip-archive';
import { MAX_IMPORT_BYTES, tooLargeProblem } from './zip-archive';
import { readXlsx } from './xlsx';
import type { InflateRaw } from './zip-entries';

/**
 * The one entry point of every import (app worker and CLI): recognise the files, show what they hold,
 * then convert them to one layer of GridPlan entities as the planner asked.
 */

/** File formats GridPlan imports. `division` is a GridPlan GeoJSON (every feature has `layer`). */
export type ImportFormat = 'shapefile' | 'csv' | 'xlsx' | 'geojson' | 'division';

/** The planner's choices that change how files are read. */
export interface ImportReadOptions {
  /** Encoding of attributes/text, overriding .cpg, the DBF byte and detection (UTF-16: text files only). */
  readonly encoding?: TextFileEncodingChoice;
  /** EPSG code of the CGCS2000 zone for projected data without a usable .prj. */
  readonly zoneEpsg?: number;
  /** Which shapefile of a zip holding several (base name). */
  readonly shapefileLayer?: string;
  /** Reports progress (0–1) of a long read. */
  readonly onProgress?: (fraction: number) => void;
  /** A native inflate for XLSX workbooks (the command line's zlib); fflate's without it. */
  readonly inflateRaw?: InflateRaw;
}

/** What the import dialog shows before anything is imported. */
export interface ImportInspection {
  readonly format: ImportFormat;
  /** File name without extension. */
  readonly name: string;
  readonly fields: readonly string[];
  /** The first records as text, in field order. */
  readonly preview: readonly (readonly string[])[];
  readonly recordCount: number;
  /** True for CSV/XLSX: points come from longitude/latitude columns. */
  readonly table: boolean;
  /** `polygon`, `point`, ... for feature files. */
  readonly geometryKind: string | undefined;
  readonly encoding: ReadEncodingName | undefined;
  readonly encodingSource: EncodingSource | undefined;
  /** True when the attributes are not valid text in `encoding` (the preview shows them garbled). */
  readonly garbled?: boolean;
  readonly crs: CrsStatus | undefined;
  readonly otherLayers: readonly string[];
  /** The layer this file most likely is. */
  readonly suggestedLayer: Layer;
  /** The field whose name gave `suggestedLayer` away (CJQYDM → community); absent for a default. */
  readonly suggestedBy?: string;
  /** Proposed mapping for every layer, so switching the layer shows its proposal at once. */
  readonly proposals: Readonly<Record<Layer, FieldMapping>>;
  /** For a GridPlan GeoJSON: entities per layer. */
  readonly divisionCounts: Readonly<Record<Layer, number>> | undefined;
  /**
   * For a file of `gridplan city pull`: the neighbouring townships' border grids it carries (they can be
   * imported as a reference layer, shared/formats/embedded-neighbours.ts).
   */
  readonly neighbourGrids?: number;
  /** For a file of `gridplan city pull`: the city office's remarks it carries (embedded-city-comments.ts). */
  readonly cityComments?: number;
}

/** A read import: features, table rows or a whole division. */
export type ImportSource =
  | {
      readonly kind: 'features';
      readonly inspection: ImportInspection;
      readonly records: readonly FeatureRecord[];
    }
  | {
      readonly kind: 'table';
      readonly inspection: ImportInspection;
      readonly header: readonly string[];
      readonly rows: readonly TableRow[];
    }
  | { readonly kind: 'division'; readonly inspection: ImportInspection; readonly division: Division };

const PREVIEW_ROWS = 10;
const SHAPEFILE_EXTENSIONS = ['zip', 'shp', 'shx', 'dbf', 'prj', 'cpg', 'sbn', 'sbx', 'xml', 'qix', 'qmd'];

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function baseName(name: string): string {
  const file = name.replace(/\\/g, '/').split('/').pop() ?? name;
  const dot = file.lastIndexOf('.');
  return dot < 0 ? file : file.slice(0, dot);
}

function refuse<T>(kind: string, zh: string, en: string): Result<T> {
  return fail({ kind, message: text(zh, en) });
}

/** Recognises the format from the file names. */
export function formatOf(files: readonly InputFile[]): Result<Exclude<ImportFormat, 'division'>> {
  if (files.length === 0) return refuse('no-file', '没有选择文件。', 'No file was chosen.');
  const extensions = files.map((f) => extensionOf(f.name));
  if (extensions.every((e) => SHAPEFILE_EXTENSIONS.includes(e))) return ok('shapefile');
  if (files.length === 1) {
    const e = extensions[0]!;
    if (e === 'csv' || e === 'txt') return ok('csv');
    if (e === 'xlsx') return ok('xlsx');
    if (e === 'geojson' || e === 'json') return ok('geojson');
    if (e === 'xls') {
      return refuse(
        'old-xls',
        `${files[0]!.name} 是旧版 Excel（.xls）。请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再导入。`,
        `${files[0]!.name} is an old Excel file (.xls). Save it as .xlsx or CSV in Excel/WPS and import again.`,
      );
    }
  }
  const names = files.map((f) => f.name).join('、');
  return refuse(
    'unknown-format',
    `无法识别要导入的文件（${names}）。可导入：Shapefile（.zip，或 .shp/.shx/.dbf/.prj/.cpg 一起选择）、CSV、XLSX、GeoJSON。`,
    `Cannot tell what to import (${files.map((f) => f.name).join(', ')}). GridPlan imports shapefiles (.zip, or .shp/.shx/.dbf/.prj/.cpg chosen together), CSV, XLSX and GeoJSON.`,
  );
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' || typeof value === 'boolean' ? String(value) : '';
}

function proposalsFor(fields: readonly string[], table: boolean): Record<Layer, FieldMapping> {
  const out = {} as Record<Layer, FieldMapping>;
  for (const layer of LAYERS) out[layer] = proposeMapping(layer, fields, table);
  return out;
}

function inspectionOf(
  base: Omit<
    ImportInspection,
    'proposals' | 'suggestedLayer' | 'suggestedBy' | 'divisionCounts' | 'preview'
  > & {
    previewRecords: readonly (readonly unknown[])[];
  },
): ImportInspection {
  const proposals = proposalsFor(base.fields, base.table);
  const { previewRecords, ...rest } = base;
  const guess = guessLayer(base.fields, base.geometryKind, base.table);
  return {
    ...rest,
    preview: previewRecords.slice(0, PREVIEW_ROWS).map((r) => r.map(cellText)),
    proposals,
    suggestedLayer: guess.layer,
    ...(guess.field !== undefined ? { suggestedBy: guess.field } : {}),
    divisionCounts: undefined,
  };
}

function decodeTable(
  file: InputFile,
  options: ImportReadOptions,
): Result<{ text: string; encoding: ReadEncodingName; source: EncodingSource }> {
  // A BOM settles it; Excel's "CSV" on Chinese Windows is GBK without one; UTF-16 "Unicode text" too.
  const decoded = decodeTextFile(file.bytes, file.name, options.encoding);
  if (!decoded.ok) return fail({ kind: 'bad-encoding', message: decoded.message });
  const { text: body, encoding, source } = decoded.value;
  return ok({ text: body, encoding, source });
}

function tableInspection(
  format: 'csv' | 'xlsx',
  file: InputFile,
  table: TextTable,
  encoding: ReadEncodingName | undefined,
  encodingSource: EncodingSource | undefined,
  zoneEpsg: number | undefined,
): ImportInspection {
  return inspectionOf({
    format,
    name: baseName(file.name),
    fields: table.header,
    previewRecords: table.rows.slice(0, PREVIEW_ROWS).map((r) => r.cells),
    recordCount: table.rows.length,
    table: true,
    geometryKind: undefined,
    encoding,
    encodingSource,
    crs: tableCrs(table.header, table.rows, zoneEpsg),
    otherLayers: [],
  });
}

function readTable(
  format: 'csv' | 'xlsx',
  file: InputFile,
  options: ImportReadOptions,
): Result<ImportSource> {
  let table: TextTable;
  let encoding: ReadEncodingName | undefined;
  let source: EncodingSource | undefined;
  if (format === 'csv') {
    const decoded = decodeTable(file, options);
    if (!decoded.ok) return decoded;
    const parsed = parseCsv(decoded.value.text, file.name);
    if (!parsed.ok) return parsed;
    table = parsed.value;
    encoding = decoded.value.encoding;
    source = decoded.value.source;
  } else {
    const read = readXlsx(file.bytes, file.name, options.inflateRaw);
    if (!read.ok) return read;
    table = read.value;
  }
  if (table.header.length === 0) {
    return refuse('empty', `${file.name} 中没有表头和数据。`, `${file.name} has no header and no data.`);
  }
  const inspection = tableInspection(format, file, table, encoding, source, options.zoneEpsg);
  return ok({ kind: 'table', inspection, header: table.header, rows: table.rows });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readGeoJson(file: InputFile, options: ImportReadOptions): Result<ImportSource> {
  const decoded = decodeTextFile(file.bytes, file.name, options.encoding);
  if (!decoded.ok) return fail({ kind: 'bad-encoding', message: decoded.message });
  const source = decoded.value.text;
  // Said in the dialog and by the CLI, so a GBK or UTF-16 file is never read without a word.
  const read = { encoding: decoded.value.encoding, encodingSource: decoded.value.source };
  let data: unknown;
  try {
    data = JSON.parse(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  } catch {
    // The profile reader names the line of the syntax error.
    const parsed = parseDivisionGeoJson(source, { byteLength: file.bytes.length });
    return parsed.ok ? refuse('not-json', '不是有效的 JSON。', 'Not valid JSON.') : parsed;
  }
  const features = isObject(data) && Array.isArray(data.features) ? (data.features as unknown[]) : undefined;
  const profile =
    features !== undefined &&
    features.length > 0 &&
    features.every((f) => isObject(f) && isObject(f.properties) && typeof f.properties.layer === 'string');
  if (profile || !features) {
    // A GridPlan division, or something the profile reader refuses with its located messages.
    const parsed = parseDivisionGeoJson(source, { byteLength: file.bytes.length });
    if (!parsed.ok) return parsed;
    const counts = countByLayer(parsed.value);
    const inspection: ImportInspection = {
      ...inspectionOf({
        format: 'division',
        name: baseName(file.name),
        fields: [],
        previewRecords: [],
        recordCount: Object.values(counts).reduce((a, b) => a + b, 0),
        table: false,
        geometryKind: undefined,
        ...read,
        crs: undefined,
        otherLayers: [],
      }),
      divisionCounts: counts,
      neighbourGrids: embeddedNeighbourRecords(parsed.value).length,
      cityComments: embeddedCityComments(parsed.value).length,
    };
    return ok({ kind: 'division', inspection, division: parsed.value });
  }
  if (isObject(data) && isObject(data.crs) && !/4326|4490|CRS84|WGS|CGCS/i.test(JSON.stringify(data.crs))) {
    // Same rule as the profile: GeoJSON is longitude/latitude.
    return parseDivisionGeoJson(source) as Result<never>;
  }
  if (features.length === 0) {
    return refuse('empty', `${file.name} 中没有要素。`, `${file.name} has no features.`);
  }
  // Lines name features only when each starts on a line of its own; a one-line file gets feature numbers.
  const found = featureLineNumbers(source);
  const lines = new Set(found).size === features.length ? found : [];
  const fields = new Set<string>();
  const records: FeatureRecord[] = [];
  const problems: Problem[] = [];
  features.forEach((feature, index) => {
    const properties = isObject(feature) && isObject(feature.properties) ? feature.properties : {};
    for (const key of Object.keys(properties)) fields.add(key);
    const geometry =
      isObject(feature) && isObject(feature.geometry) ? (feature.geometry as unknown as Geometry) : null;
    if (nestsDeeperThan(properties, MAX_PROPERTY_DEPTH)) {
      problems.push({
        kind: 'bad-feature',
        message: text(
          `第 ${index + 1} 个要素的属性嵌套超过 ${MAX_PROPERTY_DEPTH} 层，文件有害或已损坏。`,
          `The properties of feature ${index + 1} nest more than ${MAX_PROPERTY_DEPTH} levels deep; the file is hostile or damaged.`,
        ),
      });
    }
    if (!isObject(feature) || feature.type !== 'Feature') {
      problems.push({
        kind: 'bad-feature',
        message: text(
          `第 ${index + 1} 个要素不是 Feature 对象。`,
          `Feature ${index + 1} is not a Feature object.`,
        ),
      });
    }
    records.push({
      record: index + 1,
      ...(lines[index] !== undefined ? { line: lines[index] } : {}),
      geometry,
      properties,
    });
  });
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 20) };
  const kinds = new Set(records.map((r) => r.geometry?.type.toLowerCase()).filter(Boolean));
  const geometryKind = kinds.size === 1 ? [...kinds][0]!.replace('multi', '') : 'mixed';
  const fieldList = [...fields];
  const inspection = inspectionOf({
    format: 'geojson',
    name: baseName(file.name),
    fields: fieldList,
    previewRecords: records.slice(0, PREVIEW_ROWS).map((r) => fieldList.map((f) => r.properties[f])),
    recordCount: records.length,
    table: false,
    geometryKind,
    ...read,
    crs: { status: 'ok', name: 'WGS84 / CGCS2000', projected: false },
    otherLayers: [],
  });
  return ok({ kind: 'features', inspection, records });
}

function shapefileInspection(found: ReturnType<typeof inspectShapefile> & { ok: true }): ImportInspection {
  const shp = found.value;
  const fields = shp.fields.map((f) => f.name);
  return inspectionOf({
    format: 'shapefile',
    name: shp.layerName,
    fields,
    previewRecords: shp.preview.map((row) => fields.map((f) => row[f])),
    recordCount: shp.recordCount,
    table: false,
    geometryKind: shp.geometryKind,
    encoding: shp.encoding,
    encodingSource: shp.encodingSource,
    garbled: shp.garbled,
    crs: shp.crs,
    otherLayers: shp.otherLayers,
  });
}

/**
 * The shapefile reader's options: a DBF holds UTF-8 or GBK bytes (dBASE has no UTF-16), so that choice
 * is refused rather than quietly ignored.
 */
function shapefileOptions(
  options: ImportReadOptions,
): Result<ImportReadOptions & { readonly encoding?: TextEncodingName }> {
  if (options.encoding !== 'utf-16') return ok({ ...options, encoding: options.encoding });
  return refuse(
    'bad-encoding-choice',
    'Shapefile 的属性（.dbf）只能是 UTF-8 或 GBK 编码，不会是 UTF-16：请改选 UTF-8 或 GBK。',
    'A shapefile’s attributes (.dbf) are UTF-8 or GBK, never UTF-16: choose UTF-8 or GBK.',
  );
}

function checkSizes(files: readonly InputFile[]): Result<true> {
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
  if (total > MAX_IMPORT_BYTES) return fail(tooLargeProblem(files.map((f) => f.name).join(', '), total));
  const empty = files.find((f) => f.bytes.length === 0);
  if (empty) {
    return refuse('empty', `${empty.name} 是空文件（0 字节）。`, `${empty.name} is empty (0 bytes).`);
  }
  return ok(true);
}

/**
 * Looks at the files without converting everything: the format, fields, a decoded preview, the
 * encoding and where it came from, the coordinate status, and proposed mappings. Refuses files that
 * cannot be imported at all, with the reason.
 */
export function inspectImport(
  files: readonly InputFile[],
  options: ImportReadOptions = {},
): Result<ImportInspection> {
  const sizes = checkSizes(files);
  if (!sizes.ok) return sizes;
  const format = formatOf(files);
  if (!format.ok) return format;
  if (format.value === 'shapefile') {
    const expanded = expandInputs(files);
    if (!expanded.ok) return expanded;
    const parts = findShapefile(expanded.value, options.shapefileLayer);
    if (!parts.ok) return parts;
    const shapefile = shapefileOptions(options);
    if (!shapefile.ok) return shapefile;
    const inspected = inspectShapefile(parts.value, shapefile.value);
    return inspected.ok ? ok(shapefileInspection(inspected)) : inspected;
  }
  const read = readSingle(format.value, files[0]!, options);
  return read.ok ? ok(read.value.inspection) : read;
}

function readSingle(
  format: 'csv' | 'xlsx' | 'geojson',
  file: InputFile,
  options: ImportReadOptions,
): Result<ImportSource> {
  return format === 'geojson' ? readGeoJson(file, options) : readTable(format, file, options);
}

/** Reads the files completely (see {@link inspectImport} for what is refused). */
export function readImport(
  files: readonly InputFile[],
  options: ImportReadOptions = {},
): Result<ImportSource> {
  const sizes = checkSizes(files);
  if (!sizes.ok) return sizes;
  const format = formatOf(files);
  if (!format.ok) return format;
  options.onProgress?.(0.05);
  if (format.value !== 'shapefile') {
    const read = readSingle(format.value, files[0]!, options);
    options.onProgress?.(0.5);
    return read;
  }
  const expanded = expandInputs(files);
  if (!expanded.ok) return expanded;
  options.onProgress?.(0.15);
  const parts = findShapefile(expanded.value, options.shapefileLayer);
  if (!parts.ok) return parts;
  const shapefile = shapefileOptions(options);
  if (!shapefile.ok) return shapefile;
  const read = readShapefile(parts.value, shapefile.value);
  if (!read.ok) return read;
  options.onProgress?.(0.5);
  const inspected = shapefileInspection({ ok: true, value: read.value.inspection });
  const records: FeatureRecord[] = read.value.features.map((f) => ({
    record: f.record,
    geometry: f.geometry,
    properties: f.properties,
  }));
  return ok({ kind: 'features', inspection: inspected, records });
}

/** Converts a read import to one layer as the planner asked (see {@link featuresToLayer}, {@link tableToCensus}). */
export function convertImport(source: ImportSource, request: LayerRequest): Result<LayerImport> {
  switch (source.kind) {
    case 'division':
      return refuse(
        'division',
        '这是 GridPlan 划分文件（含全部图层），请作为项目导入。',
        'This is a GridPlan division file (all layers); import it as a project.',
      );
    case 'table': {
      if (request.layer !== 'census') {
        return refuse(
          'table-not-area',
          '表格（CSV/XLSX）只能导入为人口点：面图层需要 Shapefile 或 GeoJSON。',
          'A table (CSV/XLSX) can only be imported as census points: area layers need a shapefile or GeoJSON.',
        );
      }
      // A table in a chosen zone's metres is converted from it, and the zone remembered for exports;
      // in metres without a zone it is refused, as a shapefile without a .prj (judged by the columns
      // chosen, which may not be the ones proposed).
      const crs = source.inspection.crs;
      const zoneEpsg = request.zoneEpsg ?? (crs?.status === 'ok' ? crs.zoneEpsg : undefined);
      const chosen = tableCrs(source.header, source.rows, zoneEpsg, request.mapping);
      if (chosen?.status === 'needs-zone') return fail(chosen.message);
      const converted = tableToCensus(source.header, source.rows, {
        ...request,
        ...(zoneEpsg !== undefined ? { zoneEpsg } : {}),
      });
      if (!converted.ok || zoneEpsg === undefined) return converted;
      return ok({ ...converted.value, sourceZoneEpsg: zoneEpsg });
    }
    case 'features': {
      const converted = featuresToLayer(source.records, request, source.inspection.fields);
      const crs = source.inspection.crs;
      // Remembered so that exports can be written back in the zone the planner's data came in.
      if (!converted.ok || crs?.status !== 'ok' || crs.zoneEpsg === undefined) return converted;
      return ok({ ...converted.value, sourceZoneEpsg: crs.zoneEpsg });
    }
  }
}

/** A census table read straight into columns ({@link readCensusTable}). */
export interface CensusTableRead {
  readonly inspection: ImportInspection;
  /** The mapping used: the proposal for census points with the planner's choices over it. */
  readonly mapping: FieldMapping;
  readonly points: CensusColumns;
  /** The first rows that are not census points (see `MAX_KEPT_ROW_ERRORS`). */
  readonly errors: readonly RowError[];
  /** How many rows are not census points. */
  readonly errorCount: number;
  /** True when the longitude and latitude columns look swapped ({@link lonLatLookSwapped}). */
  readonly swapped: boolean;
}

/**
 * Reads a CSV or XLSX table as census points into columns: each row is turned into a point (or a row
 * error) as it comes and the points are kept as columns, with no object per row (a CSV's rows are not even
 * kept; an XLSX workbook is read as a table first). The same checks, messages and points as
 * {@link readImport} followed by {@link convertImport} for a table imported as census points.
 */
export function readCensusTable(
  format: 'csv' | 'xlsx',
  file: InputFile,
  options: ImportReadOptions,
  chosen: FieldMapping,
  pointSystem: LayerRequest['pointSystem'],
): Result<CensusTableRead> {
  // Refused as readImport refuses them (an empty file is said to be empty, not to lack a header).
  const sizes = checkSizes([file]);
  if (!sizes.ok) return sizes;
  let header: readonly string[] | undefined;
  let mapping: FieldMapping = chosen;
  let check: ReturnType<typeof censusRowChecker> | undefined;
  let swapped: ReturnType<typeof swappedCounter> | undefined;
  const points = new CensusColumns();
  // One set of values, filled row after row: no object per row.
  const values = emptyCensusValues();
  const errors = new RowErrors();
  const preview: (readonly string[])[] = [];
  let total = 0;
  const onRow = (cells: readonly string[], line: number): void => {
    if (header === undefined) {
      header = cells.map((h) => h.trim());
      mapping = { ...proposeMapping('census', header, true), ...chosen };
      check = censusRowChecker(header, {
        layer: 'census',
        mapping,
        ...(pointSystem ? { pointSystem } : {}),
        ...(options.zoneEpsg !== undefined ? { zoneEpsg: options.zoneEpsg } : {}),
      });
      swapped = swappedCounter(header, mapping);
      return;
    }
    total++;
    if (preview.length < PREVIEW_ROWS) preview.push(cells);
    swapped!.add(cells);
    // A wrong mapping is refused once the whole file is read (an unclosed quote is said first).
    if (!check!.ok) return;
    const error = check!.value(cells, line, values);
    if (error) errors.add(error);
    else points.add(values, line);
  };
  let encoding: ReadEncodingName | undefined;
  let source: EncodingSource | undefined;
  if (format === 'csv') {
    const decoded = decodeTable(file, options);
    if (!decoded.ok) return decoded;
    ({ encoding, source } = decoded.value);
    const scanned = scanCsv(decoded.value.text, file.name, onRow);
    if (!scanned.ok) return scanned;
  } else {
    const read = readXlsx(file.bytes, file.name, options.inflateRaw);
    if (!read.ok) return read;
    const { header: names, rows } = read.value;
    if (names.length > 0) onRow(names, 1);
    for (const row of rows) onRow(row.cells, row.line);
  }
  if (header === undefined || header.length === 0 || !check || !swapped) {
    return refuse('empty', `${file.name} 中没有表头和数据。`, `${file.name} has no header and no data.`);
  }
  if (!check.ok) return check;
  // Metres without a zone: refused as readImport refuses them, saying which zone the eastings suggest.
  const crs = tableCrs(
    header,
    preview.map((cells, line) => ({ line, cells })),
    options.zoneEpsg,
    mapping,
  );
  if (crs?.status === 'needs-zone') return fail(crs.message);
  const inspection = inspectionOf({
    format,
    name: baseName(file.name),
    fields: header,
    previewRecords: preview,
    recordCount: total,
    table: true,
    geometryKind: undefined,
    encoding,
    encodingSource: source,
    crs,
    otherLayers: [],
  });
  return ok({
    inspection,
    mapping,
    points,
    errors: errors.kept,
    errorCount: errors.count,
    swapped: swapped.swapped(),
  });
}
