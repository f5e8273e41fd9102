import { parseExportCrs } from '../formats/coordinate-systems';
import type { FieldMapping, MappedAttribute } from '../formats/field-mapping';
import { MAPPED_ATTRIBUTES } from '../formats/field-mapping';
import type { PointSystem } from '../formats/import-layer';
import { POINT_SYSTEMS } from '../formats/import-layer';
import type { TextEncodingName, TextFileEncodingChoice } from '../formats/text-encoding';
import { TEXT_FILE_ENCODINGS } from '../formats/text-encoding';
import type { Language, Layer, LocalText } from '../model';
import { text } from '../model';

/** Formats of `gridplan export --to`. */
export const EXPORT_FORMATS = ['geojson', 'shapefile', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `gridplan export FILE --to FORMAT --out PATH ...` */
export interface ExportCommand {
  readonly command: 'export';
  readonly file: string;
  readonly to: ExportFormat;
  readonly out: string;
  /** Shapefile only: which layer (default grid). */
  readonly layer: Layer;
  /**
   * Shapefile only: `--crs` as given (cgcs2000/4490, wgs84/4326, EPSG:4491–4554, or `source`, the zone
   * the division's data came in, which only the file can tell: see parseExportCrs).
   */
  readonly crs: string;
  readonly encoding: TextEncodingName;
  /** GeoJSON only: census points in the same file (`--with-census`). */
  readonly withCensus: boolean;
  /** GeoJSON only: residents' personal fields of those points (`--with-personal-fields`). */
  readonly withPersonalFields: boolean;
  readonly lang: Language;
}

/** `gridplan import PATH --as LAYER --out FILE ...` */
export interface ImportCommand {
  readonly command: 'import';
  readonly path: string;
  readonly layer: Layer;
  readonly out: string;
  /** A GridPlan GeoJSON whose other layers are kept; default: a new division. */
  readonly into: string | undefined;
  /** The text encoding chosen with `--encoding` (UTF-16: CSV and GeoJSON only); else detected. */
  readonly encoding: TextFileEncodingChoice | undefined;
  readonly zoneEpsg: number | undefined;
  /** Which shapefile of a zip holding several. */
  readonly shapefileLayer: string | undefined;
  /** The planner's field choices; the rest is proposed from the field names. */
  readonly mapping: FieldMapping;
  readonly pointSystem: PointSystem;
  /** Census tables: import the good rows when some have errors (they are listed on stderr). */
  readonly skipBadRows: boolean;
  readonly lang: Language;
}

/** An import/export command line that could not be understood. */
export interface TransferUsageError {
  readonly command: 'usage-error';
  readonly lang: Language;
  readonly message: LocalText;
}

/** Options taking a value, of `import` and `export` together. */
export const TRANSFER_OPTIONS = new Set([
  '--to',
  '--out',
  '--layer',
  '--crs',
  '--encoding',
  '--as',
  '--into',
  '--zone',
  '--shapefile-layer',
  '--field',
  '--from',
  '--lang',
]);
// `--include-personal` is the older spelling of `--with-census --with-personal-fields`, kept for scripts.
const EXPORT_FLAGS = ['--with-census', '--with-personal-fields', '--include-personal'];
const TRANSFER_FLAGS = new Set([...EXPORT_FLAGS, '--skip-bad-rows']);

/** `--as` values: the plural words planners type, and the profile's layer names. */
const LAYER_WORDS: Record<string, Layer> = {
  township: 'township',
  townships: 'township',
  community: 'community',
  communities: 'community',
  grid: 'grid',
  grids: 'grid',
  microgrid: 'microgrid',
  microgrids: 'microgrid',
  census: 'census',
};

/** `--encoding` as typed, in the spelling GridPlan uses (`UTF8`, `utf16` and `GBK` are understood). */
export function encodingChoiceOf(value: string | undefined): string | undefined {
  return value
    ?.toLowerCase()
    .replace(/^utf-?8$/, 'utf-8')
    .replace(/^utf-?16$/, 'utf-16');
}

/**
 * The command word when the line is `import` or `export`, found by skipping options and their values
 * (so `gridplan --lang en export ...` is recognised too).
 */
export function transferCommandOf(args: readonly string[]): 'import' | 'export' | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      if (
        !arg.includes('=') &&
        (TRANSFER_OPTIONS.has(arg) || ['--rules', '--min-area', '--format'].includes(arg))
      )
        i++;
      continue;
    }
    return arg === 'import' || arg === 'export' ? arg : undefined;
  }
  return undefined;
}

/** Parses `gridplan import ...` and `gridplan export ...` (see the help text in run-cli.ts). */
export function parseTransferArgs(
  args: readonly string[],
  lang: Language,
): ExportCommand | ImportCommand | TransferUsageError {
  const error = (zh: string, en: string): TransferUsageError => ({
    command: 'usage-error',
    lang,
    message: text(zh, en),
  });
  const positional: string[] = [];
  const options = new Map<string, string>();
  const fields: string[] = [];
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (TRANSFER_FLAGS.has(name)) {
      flags.add(name);
      continue;
    }
    if (!TRANSFER_OPTIONS.has(name)) {
      return error(
        `无法识别的选项 ${name}。运行 gridplan --help 查看用法。`,
        `Unknown option ${name}. Run gridplan --help for usage.`,
      );
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    // `--field --lang en`: the next option is not this one's value.
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
      return error(`选项 ${name} 需要一个值。`, `Option ${name} needs a value.`);
    if (name === '--field') fields.push(value);
    else if (options.has(name) && name !== '--lang')
      return error(`选项 ${name} 只能给一次。`, `Option ${name} may be given only once.`);
    else options.set(name, value);
  }
  const [command, path, ...rest] = positional;
  if (rest.length > 0)
    return error(`多余的参数：${rest.join(' ')}`, `Unexpected arguments: ${rest.join(' ')}`);
  const out = options.get('--out');
  const encodingOption = encodingChoiceOf(options.get('--encoding'));
  if (encodingOption !== undefined && !(TEXT_FILE_ENCODINGS as readonly string[]).includes(encodingOption)) {
    return error(
      `--encoding 只能是 utf-8、gbk 或 utf-16（utf-16 仅用于导入），而不是 ${encodingOption}。`,
      `--encoding must be utf-8, gbk or utf-16 (utf-16 for import only), not ${encodingOption}.`,
    );
  }
  const encoding = encodingOption as TextFileEncodingChoice | undefined;

  if (command === 'export') {
    if (path === undefined)
      return error(
        '缺少文件：gridplan export 划分.geojson --to 格式 --out 路径',
        'Missing file: gridplan export FILE.geojson --to FORMAT --out PATH',
      );
    for (const name of ['--as', '--into', '--zone', '--shapefile-layer', '--field', '--from']) {
      if (options.has(name) || (name === '--field' && fields.length > 0))
        return error(`export 不使用 ${name}。`, `export does not take ${name}.`);
    }
    if (flags.has('--skip-bad-rows'))
      return error('export 不使用 --skip-bad-rows。', 'export does not take --skip-bad-rows.');
    if (encoding === 'utf-16')
      return error(
        'export 的 --encoding 只能是 utf-8 或 gbk（Shapefile 的 .dbf 不用 UTF-16）。',
        'export takes --encoding utf-8 or gbk (a shapefile’s .dbf is never UTF-16).',
      );
    const to = options.get('--to');
    if (!to || !(EXPORT_FORMATS as readonly string[]).includes(to)) {
      return error(
        `--to 应为 geojson、shapefile、xlsx 或 csv${to ? `，而不是 ${to}` : ''}。`,
        `--to must be geojson, shapefile, xlsx or csv${to ? `, not ${to}` : ''}.`,
      );
    }
    if (!out) return error('缺少 --out 输出路径。', 'Missing --out PATH.');
    const shapefileOnly = ['--layer', '--crs', '--encoding'].filter((name) => options.has(name));
    if (to !== 'shapefile' && shapefileOnly.length > 0) {
      // Taken without a word before: `--to csv --layer census` still wrote the grid table.
      return error(
        `${shapefileOnly.join(' ')} 只用于 --to shapefile：GeoJSON 导出整个划分（CGCS2000 经纬度、UTF-8），xlsx/csv 导出网格表。`,
        `${shapefileOnly.join(' ')} go with --to shapefile only: GeoJSON is the whole division (CGCS2000 longitude/latitude, UTF-8), xlsx/csv the grid table.`,
      );
    }
    const layerWord = options.get('--layer') ?? 'grid';
    const layer = LAYER_WORDS[layerWord];
    if (!layer)
      return error(
        `--layer 应为 township、communities、grids、microgrids 或 census，而不是 ${layerWord}。`,
        `--layer must be township, communities, grids, microgrids or census, not ${layerWord}.`,
      );
    const crs = options.get('--crs') ?? 'cgcs2000';
    const crsChecked = parseExportCrs(crs, undefined);
    if (!crsChecked.ok && crs.trim().toLowerCase() !== 'source')
      return { command: 'usage-error', lang, message: crsChecked.problems[0]!.message };
    const withPersonalFields = flags.has('--with-personal-fields') || flags.has('--include-personal');
    const withCensus = flags.has('--with-census') || flags.has('--include-personal');
    const used = EXPORT_FLAGS.filter((flag) => flags.has(flag));
    if (to !== 'geojson' && used.length > 0) {
      return error(
        `${used.join(' ')} 只用于 --to geojson。Shapefile 的人口点用 --layer census 导出，且从不含居民个人信息。`,
        `${used.join(' ')} go with --to geojson only. A shapefile of census points is --layer census, and never holds residents' personal fields.`,
      );
    }
    if (withPersonalFields && !withCensus) {
      return error(
        '--with-personal-fields 需要同时使用 --with-census：居民个人信息只在人口点上。',
        "--with-personal-fields needs --with-census: residents' personal fields are on census points only.",
      );
    }
    return {
      command,
      file: path,
      to: to as ExportFormat,
      out,
      layer,
      crs,
      encoding: encoding ?? 'utf-8',
      withCensus,
      withPersonalFields,
      lang,
    };
  }

  if (path === undefined)
    return error(
      '缺少文件：gridplan import 路径 --as 图层 --out 划分.geojson',
      'Missing file: gridplan import PATH --as LAYER --out FILE.geojson',
    );
  for (const name of ['--to', '--crs', '--layer']) {
    if (options.has(name)) return error(`import 不使用 ${name}。`, `import does not take ${name}.`);
  }
  const exportFlags = EXPORT_FLAGS.filter((flag) => flags.has(flag));
  if (exportFlags.length > 0)
    return error(`import 不使用 ${exportFlags[0]}。`, `import does not take ${exportFlags[0]}.`);
  const asWord = options.get('--as');
  const layer = asWord === undefined ? undefined : LAYER_WORDS[asWord];
  if (!layer) {
    return error(
      `--as 应为 township、communities、grids、microgrids 或 census${asWord ? `，而不是 ${asWord}` : ''}。`,
      `--as must be township, communities, grids, microgrids or census${asWord ? `, not ${asWord}` : ''}.`,
    );
  }
  if (!out)
    return error(
      '缺少 --out 输出的划分文件（GeoJSON）。',
      'Missing --out FILE (the division GeoJSON to write).',
    );
  const zoneText = options.get('--zone')?.replace(/^EPSG:/i, '');
  const zoneEpsg = zoneText === undefined ? undefined : Number(zoneText);
  if (zoneEpsg !== undefined && !(Number.isInteger(zoneEpsg) && zoneEpsg >= 4491 && zoneEpsg <= 4554)) {
    return error(
      `--zone 应为 CGCS2000 高斯-克吕格投影带的 EPSG 代码（4491–4554），而不是 ${zoneText}。`,
      `--zone must be the EPSG code of a CGCS2000 Gauss-Kruger zone (4491–4554), not ${zoneText}.`,
    );
  }
  const mapping: FieldMapping = {};
  for (const field of fields) {
    const eq = field.indexOf('=');
    const attribute = field.slice(0, eq) as MappedAttribute;
    if (eq < 1 || !MAPPED_ATTRIBUTES.includes(attribute) || eq === field.length - 1) {
      return error(
        `--field 的格式为 属性=字段名，属性为 ${MAPPED_ATTRIBUTES.join('、')}，而不是 ${field}。`,
        `--field takes ATTRIBUTE=FIELD with ATTRIBUTE one of ${MAPPED_ATTRIBUTES.join(', ')}, not ${field}.`,
      );
    }
    mapping[attribute] = field.slice(eq + 1);
  }
  const from = options.get('--from') ?? 'wgs84';
  if (!(POINT_SYSTEMS as readonly string[]).includes(from)) {
    return error(
      `--from 应为 wgs84、gcj02 或 bd09，而不是 ${from}。`,
      `--from must be wgs84, gcj02 or bd09, not ${from}.`,
    );
  }
  return {
    command: 'import',
    path,
    layer,
    out,
    into: options.get('--into'),
    encoding,
    zoneEpsg,
    shapefileLayer: options.get('--shapefile-layer'),
    mapping,
    pointSystem: from as PointSystem,
    skipBadRows: flags.has('--skip-bad-rows'),
    lang,
  };
}
