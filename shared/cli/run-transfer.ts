import type { ExportedFile } from '../formats/division-export';
import { parseExportCrs } from '../formats/coordinate-systems';
import {
  exportDivisionGeoJson,
  exportGridTableCsv,
  exportGridTableXlsx,
  exportShapefileZip,
} from '../formats/division-export';
import type { FieldMapping } from '../formats/field-mapping';
import { divisionJsonPieces } from '../formats/geojson';
import type { ImportInspection } from '../formats/import-files';
import { convertImport, formatOf, readCensusTable, readImport } from '../formats/import-files';
import type { RowError } from '../formats/import-layer';
import { LAYER_NAMES, replaceLayerChange, rowErrorProblems } from '../formats/import-layer';
import { lonLatLookSwapped, swappedColumnsHint } from '../formats/swapped-coordinates';
import type { TextPiece } from '../formats/text-encoding';
import { utf8OfPieces, writeUtf8OfPieces } from '../formats/text-encoding';
import type { InputFile } from '../formats/zip-archive';
import { MAX_IMPORT_BYTES, tooLargeProblem } from '../formats/zip-archive';
import type { Division, Language, Problem, Result } from '../model';
import { applyChange, countByLayer, emptyDivision, englishCount, fail, ok, text } from '../model';
import type { ExportCommand, ImportCommand } from './parse-transfer-args';
import type { CommandResult } from './command-result';
import type { CliHost, WriteOptions } from './cli-host';
import { readDivisionFile, unreadableResult } from './read-division-file';
import { describeEncoding } from './encoding-note';

/** What import and export need from the host besides reading text: bytes in and out, and sizes. */
export interface TransferHost {
  readText(path: string): Result<string>;
  readBytes(path: string): Result<Uint8Array>;
  writeBytes(path: string, bytes: Uint8Array, options?: WriteOptions): Result<true>;
  /** Writes a file piece by piece (see CliHost), when the host has it. */
  writePieces?: CliHost['writePieces'];
  /** Size in bytes, or undefined when there is no such file. Lets huge files be refused unread. */
  fileSize(path: string): number | undefined;
  /** Piecewise reading of division files (see CliHost), when the host has it. */
  readPieces?: CliHost['readPieces'];
  /** A native raw DEFLATE for shapefile zips (see CliHost), when the host has it. */
  deflateRaw?: CliHost['deflateRaw'];
  /** A native bounded inflate for XLSX workbooks (see CliHost), when the host has it. */
  inflateRaw?: CliHost['inflateRaw'];
}

/** The outcome of a command, as run-cli.ts returns it. */
export type TransferResult = CommandResult;

const failed = unreadableResult;

const SHAPEFILE_PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'];

function fileNameOf(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop() ?? path;
}

/** The paths an import reads: a .shp brings its sibling parts (any case of extension). */
function inputPaths(path: string, host: TransferHost): string[] {
  const match = /^(.*)\.(shp|shx|dbf|prj|cpg)$/i.exec(path);
  if (!match) return [path];
  const base = match[1]!;
  const found: string[] = [];
  for (const ext of SHAPEFILE_PARTS) {
    const candidate = [`${base}.${ext}`, `${base}.${ext.toUpperCase()}`].find(
      (p) => host.fileSize(p) !== undefined,
    );
    if (candidate) found.push(candidate);
  }
  return found.length > 0 ? found : [path];
}

function describe(inspection: ImportInspection, lang: Language): string {
  const parts: string[] = [];
  if (inspection.encoding) {
    parts.push(describeEncoding(inspection.encoding, inspection.encodingSource)[lang]);
  }
  if (inspection.crs?.status === 'ok') {
    const crs = inspection.crs.label?.[lang] ?? inspection.crs.name;
    parts.push(lang === 'zh' ? `坐标系 ${crs}` : `coordinates ${crs}`);
  }
  return parts.join(lang === 'zh' ? '，' : ', ');
}

/** A layer read for import: what `gridplan import` needs of it, whichever reader made it. */
interface ReadLayer {
  readonly inspection: ImportInspection;
  /** The mapping used: the proposal for the layer with the planner's choices over it. */
  readonly mapping: FieldMapping;
  /** Entities imported (the good rows). */
  readonly count: number;
  /** The first rows with errors, and how many there are. */
  readonly errors: readonly RowError[];
  readonly errorCount: number;
  /** Census tables: the longitude and latitude columns look swapped. */
  readonly swapped: boolean;
  /** The text of the division written: `base` with the layer replaced by the imported one. */
  readonly text: (base: Division, note: string) => Iterable<TextPiece>;
}

/**
 * How {@link runImport} reads census tables: straight into columns (`columnar`, what the command line does),
 * or through the entity path every other layer takes (`entities`: kept as the reference the columnar path
 * is tested against, byte for byte).
 */
export type CensusTablePath = 'columnar' | 'entities';

/** A refusal, with how to name the zone on the command line when the file needs one. */
function withZoneHint(problems: readonly Problem[]): Result<never> {
  const needsZone = problems.some((p) => p.kind === 'missing-prj' || p.kind === 'unknown-prj');
  const hint: Problem[] = needsZone
    ? [
        {
          kind: 'hint',
          message: text(
            '用 --zone EPSG代码 指定投影带，例如 --zone 4523（3度带第35带，带号前缀）或 --zone 4544（中央经线 105°E）。',
            'Name the zone with --zone EPSG, e.g. --zone 4523 (3° zone 35 with prefix) or --zone 4544 (CM 105°E).',
          ),
        },
      ]
    : [];
  return { ok: false, problems: [...problems, ...hint] };
}

/**
 * Reads the files as the layer asked for. A CSV or XLSX table of census points (the big tables of the
 * census office) is read straight into columns and written from them, into a new division or `--into` one;
 * everything else through the one import path of the app.
 */
function readLayer(
  command: ImportCommand,
  files: readonly InputFile[],
  censusTables: CensusTablePath,
  inflateRaw: TransferHost['inflateRaw'],
): Result<ReadLayer> {
  const options = {
    ...(inflateRaw ? { inflateRaw } : {}),
    ...(command.encoding ? { encoding: command.encoding } : {}),
    ...(command.zoneEpsg !== undefined ? { zoneEpsg: command.zoneEpsg } : {}),
    ...(command.shapefileLayer ? { shapefileLayer: command.shapefileLayer } : {}),
  };
  const format = formatOf(files);
  if (
    command.layer === 'census' &&
    censusTables === 'columnar' &&
    format.ok &&
    (format.value === 'csv' || format.value === 'xlsx')
  ) {
    const read = readCensusTable(format.value, files[0]!, options, command.mapping, command.pointSystem);
    if (!read.ok) return withZoneHint(read.problems);
    const { inspection, mapping, points, errors, errorCount, swapped } = read.value;
    return ok({
      inspection,
      mapping,
      count: points.count,
      errors,
      errorCount,
      swapped,
      // The table's points replace the census layer of `base` (empty for a new division), in the order
      // the entity path's change leaves them.
      text: (base) => {
        const order = points.orderReplacing(base.census.keys());
        const others: Division = { ...base, census: new Map() };
        return divisionJsonPieces(others, {}, (out, first) => points.writeFeatures(out, first, {}, order));
      },
    });
  }
  const read = readImport(files, options);
  if (!read.ok) return withZoneHint(read.problems);
  const source = read.value;
  if (source.kind === 'division') {
    return fail({
      kind: 'division',
      message: text(
        '这已是 GridPlan 划分文件，无需导入：直接用 gridplan validate/export 处理它。',
        'This is already a GridPlan division file: use gridplan validate/export on it directly.',
      ),
    });
  }
  const { otherLayers } = source.inspection;
  if (!command.shapefileLayer && otherLayers.length > 0) {
    // The app asks which layer; a command must not guess it.
    const layers = [source.inspection.name, ...otherLayers];
    return fail({
      kind: 'several-layers',
      message: text(
        `压缩包中有 ${layers.length} 个图层：${layers.join('、')}。请用 --shapefile-layer 图层名 指定要导入的一个，例如 --shapefile-layer ${layers[0]}。`,
        `The zip holds ${layers.length} layers: ${layers.join(', ')}. Name the one to import with --shapefile-layer NAME, e.g. --shapefile-layer ${layers[0]}.`,
      ),
    });
  }
  const mapping = { ...source.inspection.proposals[command.layer], ...command.mapping };
  const converted = convertImport(source, {
    layer: command.layer,
    mapping,
    pointSystem: command.pointSystem,
    ...(command.zoneEpsg !== undefined ? { zoneEpsg: command.zoneEpsg } : {}),
  });
  if (!converted.ok) return withZoneHint(converted.problems);
  const imported = converted.value;
  const swapped =
    source.kind === 'table' &&
    command.layer === 'census' &&
    lonLatLookSwapped(
      source.header,
      source.rows.map((row) => row.cells),
      mapping,
    );
  return ok({
    inspection: source.inspection,
    mapping,
    count: imported.entities.length,
    errors: imported.errors,
    errorCount: imported.errorCount,
    swapped,
    text: (base, note) => {
      const changed = applyChange(base, replaceLayerChange(base, imported, note)).division;
      // The zone the data came in, for `export --crs source`; a later import in longitude/latitude keeps it.
      const division: Division =
        imported.sourceZoneEpsg === undefined
          ? changed
          : { ...changed, meta: { ...changed.meta, sourceZoneEpsg: imported.sourceZoneEpsg } };
      return divisionJsonPieces(division);
    },
  });
}

/**
 * `gridplan import`: reads a shapefile, table or GeoJSON as one layer and writes a GridPlan GeoJSON.
 * `censusTables` chooses how census tables are read ({@link CensusTablePath}); the command line reads them
 * into columns.
 */
export function runImport(
  command: ImportCommand,
  host: TransferHost,
  censusTables: CensusTablePath = 'columnar',
): TransferResult {
  const { lang } = command;
  const cannot = text(`无法导入 ${command.path}：`, `Cannot import ${command.path}:`);
  const paths = inputPaths(command.path, host);
  const sizes = paths.map((p) => host.fileSize(p));
  const unsized = paths.find((_, i) => sizes[i] === undefined);
  if (unsized !== undefined) {
    // No size: the host's read says why (no such file, a folder, no permission); one that reads is a
    // pipe or a device.
    const read = host.readBytes(unsized);
    const problems = read.ok
      ? [
          {
            kind: 'not-a-file',
            message: text(
              '这不是普通文件（可能是管道或设备）：导入只读取文件，请给出文件路径。',
              'This is not a regular file (a pipe or a device?): import reads files only; give the path of a file.',
            ),
          },
        ]
      : read.problems;
    return failed(cannot, problems, lang);
  }
  const total = sizes.reduce<number>((sum, s) => sum + (s ?? 0), 0);
  if (total > MAX_IMPORT_BYTES)
    return failed(cannot, [tooLargeProblem(fileNameOf(command.path), total)], lang);
  const files: InputFile[] = [];
  for (const path of paths) {
    const bytes = host.readBytes(path);
    if (!bytes.ok) return failed(cannot, bytes.problems, lang);
    files.push({ name: fileNameOf(path), bytes: bytes.value });
  }
  const read = readLayer(command, files, censusTables, host.inflateRaw);
  if (!read.ok) return failed(cannot, read.problems, lang);
  const imported = read.value;
  let warnings = '';
  if (imported.swapped) {
    // Refused unless the planner named both columns: points in the wrong hemisphere are damage.
    const named = command.mapping.longitude !== undefined && command.mapping.latitude !== undefined;
    if (!named) {
      return {
        stdout: '',
        stderr: `${cannot[lang]}\n${swappedColumnsHint(imported.mapping)[lang]}\n`,
        exitCode: 1,
      };
    }
    warnings += `${swappedColumnsHint(imported.mapping)[lang]}\n`;
  }
  if (imported.errorCount > 0) {
    const listed = rowErrorProblems(imported.errors, imported.errorCount);
    if (!command.skipBadRows) {
      // With no good row, --skip-bad-rows would import nothing: not offered.
      const offer =
        imported.count > 0
          ? text(
              `（加 --skip-bad-rows 只导入正确的 ${imported.count} 行）`,
              ` (add --skip-bad-rows to import the ${englishCount(imported.count, 'good row')})`,
            )
          : text('（没有一行是正确的）', ' (no row is correct)');
      return failed(
        text(
          `${command.path} 中有 ${imported.errorCount} 行有误，未导入任何内容${offer.zh}：`,
          `${command.path} has ${englishCount(imported.errorCount, 'row')} with errors; nothing was imported${offer.en}:`,
        ),
        listed,
        lang,
      );
    }
    warnings = `${text(`跳过了 ${imported.errorCount} 行有误的数据：`, `Skipped ${englishCount(imported.errorCount, 'row')} with errors:`)[lang]}\n${listed.map((p) => p.message[lang]).join('\n')}\n`;
  }
  const { inspection } = imported;
  if (inspection.crs?.status === 'ok' && inspection.crs.warning) {
    warnings += `${inspection.crs.warning.message[lang]}\n`;
  }
  let base: Division = emptyDivision({ name: inspection.name });
  if (command.into) {
    // Through the one reader of divisions, so a filing package works here too.
    const into = readDivisionFile(host, command.into, lang);
    if ('failure' in into) return into.failure;
    base = into.division;
    // A file with a header and no rows would replace the layer with nothing: never silently.
    const existing = base[command.layer].size;
    if (imported.count === 0 && existing > 0) {
      const layerName = LAYER_NAMES[command.layer];
      return {
        stdout: '',
        stderr: `${
          text(
            `${command.path} 中没有任何${layerName.zh}数据，导入会清空 ${command.into} 中已有的 ${existing} 个${layerName.zh}，因此未导入。请检查文件是否选对。`,
            `${command.path} holds no ${layerName.en} at all; importing it would empty the ${existing} ${layerName.en} of ${command.into}, so nothing was imported. Check that you chose the right file.`,
          )[lang]
        }\n`,
        exitCode: 1,
      };
    }
  }
  const note = `${text('导入', 'Import')[lang]} ${fileNameOf(command.path)}`;
  const pieces = imported.text(base, note);
  // --into F --out F adds the layer to F: the one input the output may replace.
  const replacing = command.into === undefined ? {} : { mayReplace: command.into };
  const written = host.writePieces
    ? host.writePieces(command.out, (put) => writeUtf8OfPieces(pieces, put), replacing)
    : host.writeBytes(command.out, utf8OfPieces(pieces), replacing);
  if (!written.ok)
    return failed(text(`无法写入 ${command.out}：`, `Cannot write ${command.out}:`), written.problems, lang);
  const details = describe(inspection, lang);
  const layerName = LAYER_NAMES[command.layer][lang];
  const stdout =
    lang === 'zh'
      ? `已导入 ${imported.count} 个${layerName}${details ? `（${details}）` : ''} → ${command.out}\n`
      : `Imported ${imported.count} ${layerName}${details ? ` (${details})` : ''} → ${command.out}\n`;
  return { stdout, stderr: warnings, exitCode: 0 };
}

/** `gridplan export`: writes a division as GeoJSON, a layer's shapefile zip, or the grid table. */
export function runExport(command: ExportCommand, host: TransferHost): TransferResult {
  const { lang } = command;
  const read = readDivisionFile(host, command.file, lang);
  if ('failure' in read) return read.failure;
  const division = read.division;
  let exported: Result<ExportedFile>;
  switch (command.to) {
    case 'geojson':
      exported = exportDivisionGeoJson(division, {
        withCensus: command.withCensus,
        withPersonalFields: command.withPersonalFields,
      });
      break;
    case 'shapefile': {
      const crs = parseExportCrs(command.crs, division.meta.sourceZoneEpsg);
      exported = crs.ok
        ? exportShapefileZip(division, command.layer, {
            crs: crs.value,
            encoding: command.encoding,
            ...(host.deflateRaw ? { deflateRaw: host.deflateRaw } : {}),
          })
        : crs;
      break;
    }
    case 'xlsx':
      exported = exportGridTableXlsx(division, lang);
      break;
    case 'csv':
      exported = exportGridTableCsv(division, lang);
      break;
  }
  if (!exported.ok) return failed(text('无法导出：', 'Cannot export:'), exported.problems, lang);
  const written = host.writeBytes(command.out, exported.value.bytes);
  if (!written.ok)
    return failed(text(`无法写入 ${command.out}：`, `Cannot write ${command.out}:`), written.problems, lang);
  const counts = countByLayer(division);
  const [n, what] =
    command.to === 'shapefile'
      ? [division[command.layer].size, LAYER_NAMES[command.layer]]
      : command.to === 'geojson'
        ? [
            Object.values(counts).reduce((a, b) => a + b, 0) - (command.withCensus ? 0 : counts.census),
            text('要素', 'features'),
          ]
        : [division.grid.size, LAYER_NAMES.grid];
  const count = lang === 'zh' ? `${n} 个${what.zh}` : `${n} ${what.en}`;
  const stdout =
    lang === 'zh' ? `已导出 ${count} → ${command.out}\n` : `Exported ${count} → ${command.out}\n`;
  const stderr = exported.value.warnings.map((w) => `${w[lang]}\n`).join('');
  return { stdout, stderr, exitCode: 0 };
}
