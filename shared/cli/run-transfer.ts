import type { ExportedFile } from '../formats/division-export';
import { parseExportCrs } from '../formats/coordinate-systems';
import {
  exportDivisionGeoJson,
  exportGridTableCsv,
  exportGridTableXlsx,
  exportShapefileZip,
} from '../formats/division-export';
import { stringifyDivision } from '../formats/geojson';
import type { ImportInspection } from '../formats/import-files';
import type { EncodingSource } from '../formats/shapefile-read';
import { convertImport, readImport } from '../formats/import-files';
import { LAYER_NAMES, replaceLayerChange, rowErrorProblems } from '../formats/import-layer';
import { encodeText } from '../formats/text-encoding';
import type { InputFile } from '../formats/zip-archive';
import { MAX_IMPORT_BYTES, tooLargeProblem } from '../formats/zip-archive';
import type { Division, Language, LocalText, Problem, Result } from '../model';
import { applyChange, countByLayer, emptyDivision, text } from '../model';
import type { ExportCommand, ImportCommand } from './parse-transfer-args';
import type { CommandResult } from './command-result';
import type { CliHost } from './cli-host';
import { readDivisionFile, unreadableResult } from './read-division-file';

/** What import and export need from the host besides reading text: bytes in and out, and sizes. */
export interface TransferHost {
  readText(path: string): Result<string>;
  readBytes(path: string): Result<Uint8Array>;
  writeBytes(path: string, bytes: Uint8Array): Result<true>;
  /** Size in bytes, or undefined when there is no such file. Lets huge files be refused unread. */
  fileSize(path: string): number | undefined;
  /** Piecewise reading of division files (see CliHost), when the host has it. */
  readPieces?: CliHost['readPieces'];
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
    const source: Record<EncodingSource, LocalText> = {
      override: text('按指定', 'as chosen'),
      cpg: text('据 .cpg', 'from the .cpg'),
      'language-driver': text('据 DBF 语言标志', 'from the DBF language byte'),
      detected: text('自动识别', 'detected'),
      ascii: text('仅 ASCII', 'ASCII only'),
      bom: text('据字节顺序标记', 'from the byte-order mark'),
      contradicted: text(
        '.cpg 或 DBF 标志所写的编码与内容不符，按内容识别',
        'the .cpg or DBF byte names another encoding than the text has; read by its content',
      ),
    };
    const how = inspection.encodingSource ? `（${source[inspection.encodingSource][lang]}）` : '';
    parts.push(
      lang === 'zh'
        ? `编码 ${inspection.encoding.toUpperCase()}${how}`
        : `encoding ${inspection.encoding.toUpperCase()}${how.replace('（', ' (').replace('）', ')')}`,
    );
  }
  if (inspection.crs?.status === 'ok') {
    parts.push(lang === 'zh' ? `坐标系 ${inspection.crs.name}` : `coordinates ${inspection.crs.name}`);
  }
  return parts.join(lang === 'zh' ? '，' : ', ');
}

/** `gridplan import`: reads a shapefile, table or GeoJSON as one layer and writes a GridPlan GeoJSON. */
export function runImport(command: ImportCommand, host: TransferHost): TransferResult {
  const { lang } = command;
  const cannot = text(`无法导入 ${command.path}：`, `Cannot import ${command.path}:`);
  const paths = inputPaths(command.path, host);
  const sizes = paths.map((p) => host.fileSize(p));
  if (sizes.some((s) => s === undefined)) {
    return failed(
      cannot,
      [{ kind: 'not-found', message: text('文件不存在。', 'The file does not exist.') }],
      lang,
    );
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
  const read = readImport(files, {
    ...(command.encoding ? { encoding: command.encoding } : {}),
    ...(command.zoneEpsg !== undefined ? { zoneEpsg: command.zoneEpsg } : {}),
    ...(command.shapefileLayer ? { shapefileLayer: command.shapefileLayer } : {}),
  });
  if (!read.ok) {
    const needsZone = read.problems.some((p) => p.kind === 'missing-prj' || p.kind === 'unknown-prj');
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
    return failed(cannot, [...read.problems, ...hint], lang);
  }
  const source = read.value;
  if (source.kind === 'division') {
    return failed(
      cannot,
      [
        {
          kind: 'division',
          message: text(
            '这已是 GridPlan 划分文件，无需导入：直接用 gridplan validate/export 处理它。',
            'This is already a GridPlan division file: use gridplan validate/export on it directly.',
          ),
        },
      ],
      lang,
    );
  }
  const mapping = { ...source.inspection.proposals[command.layer], ...command.mapping };
  const converted = convertImport(source, {
    layer: command.layer,
    mapping,
    pointSystem: command.pointSystem,
  });
  if (!converted.ok) return failed(cannot, converted.problems, lang);
  const imported = converted.value;
  let warnings = '';
  if (imported.errors.length > 0) {
    const listed = rowErrorProblems(imported.errors);
    if (!command.skipBadRows) {
      return failed(
        text(
          `${command.path} 中有 ${imported.errors.length} 行有误，未导入任何内容（加 --skip-bad-rows 只导入正确的 ${imported.entities.length} 行）：`,
          `${command.path} has ${imported.errors.length} rows with errors; nothing was imported (add --skip-bad-rows to import the ${imported.entities.length} good rows):`,
        ),
        listed,
        lang,
      );
    }
    warnings = `${text(`跳过了 ${imported.errors.length} 行有误的数据：`, `Skipped ${imported.errors.length} rows with errors:`)[lang]}\n${listed.map((p) => p.message[lang]).join('\n')}\n`;
  }
  if (source.inspection.crs?.status === 'ok' && source.inspection.crs.warning) {
    warnings += `${source.inspection.crs.warning.message[lang]}\n`;
  }
  let base: Division = emptyDivision({ name: source.inspection.name });
  if (command.into) {
    // Through the one reader of divisions, so a filing package works here too.
    const into = readDivisionFile(host, command.into, lang);
    if ('failure' in into) return into.failure;
    base = into.division;
    // A file with a header and no rows would replace the layer with nothing: never silently.
    const existing = base[command.layer].size;
    if (imported.entities.length === 0 && existing > 0) {
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
  const changed = applyChange(base, replaceLayerChange(base, imported, note)).division;
  // The zone the data came in, for `export --crs source`; a later import in longitude/latitude keeps it.
  const division: Division =
    imported.sourceZoneEpsg === undefined
      ? changed
      : { ...changed, meta: { ...changed.meta, sourceZoneEpsg: imported.sourceZoneEpsg } };
  const written = host.writeBytes(command.out, encodeText(stringifyDivision(division), 'utf-8').bytes);
  if (!written.ok)
    return failed(text(`无法写入 ${command.out}：`, `Cannot write ${command.out}:`), written.problems, lang);
  const details = describe(source.inspection, lang);
  const layerName = LAYER_NAMES[command.layer][lang];
  const stdout =
    lang === 'zh'
      ? `已导入 ${imported.entities.length} 个${layerName}${details ? `（${details}）` : ''} → ${command.out}\n`
      : `Imported ${imported.entities.length} ${layerName}${details ? ` (${details})` : ''} → ${command.out}\n`;
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
        ? exportShapefileZip(division, command.layer, { crs: crs.value, encoding: command.encoding })
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
