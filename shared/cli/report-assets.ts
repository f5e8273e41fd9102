import type { Feature, FeatureCollection } from 'geojson';
import type { Language, ReferenceGeometry, ReferenceLayer, Result } from '../model';
import { appendAll, fail, ok, text } from '../model';
import type { ReportFonts } from '../report/pdf-document';
import type { CliHost } from './cli-host';
import type { CommandResult } from './command-result';
import { unreadableResult } from './read-division-file';

/** Asset names a host resolves with `readAsset`: the OFL Noto Sans SC faces the PDFs embed. */
export const FONT_ASSETS = {
  regular: 'NotoSansSC-Regular.ttf',
  bold: 'NotoSansSC-Bold.ttf',
} as const;

/** The fonts for a PDF from the host, or the exit-2 answer saying why they cannot be had. */
export function loadReportFonts(
  host: CliHost,
  lang: Language,
): { fonts: ReportFonts } | { failure: CommandResult } {
  if (!host.readAsset) {
    return {
      failure: unreadableResult(
        text('此环境没有中文字体，不能生成 PDF。', 'This host has no Chinese font: no PDF can be made.'),
        [],
        lang,
      ),
    };
  }
  const regular = host.readAsset(FONT_ASSETS.regular);
  if (!regular.ok) {
    return {
      failure: unreadableResult(
        text(
          `无法读取字体 ${FONT_ASSETS.regular}（安装不完整？）：`,
          `Cannot read the font ${FONT_ASSETS.regular} (incomplete installation?):`,
        ),
        regular.problems,
        lang,
      ),
    };
  }
  const bold = host.readAsset(FONT_ASSETS.bold);
  // Without the bold face headings use the regular one: a PDF is still made.
  return { fonts: bold.ok ? { regular: regular.value, bold: bold.value } : { regular: regular.value } };
}

const LINE_TYPES = new Set(['LineString', 'MultiLineString']);
const AREA_TYPES = new Set(['Polygon', 'MultiPolygon']);

/**
 * Reads a GeoJSON file of streets (lines with a `name`) or compounds (polygons) as reference layers for the
 * maps and the four boundaries: its lines as a road layer, its polygons as a compound layer.
 */
export function parseReferenceGeoJson(source: string, name: string): Result<ReferenceLayer[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return fail({ kind: 'json', message: text('不是有效的 JSON。', 'Not valid JSON.') });
  }
  const collection = parsed as Partial<FeatureCollection>;
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    collection.type !== 'FeatureCollection' ||
    !Array.isArray(collection.features)
  ) {
    return fail({
      kind: 'not-feature-collection',
      message: text('不是 GeoJSON FeatureCollection。', 'Not a GeoJSON FeatureCollection.'),
    });
  }
  const lines: Feature<ReferenceGeometry>[] = [];
  const areas: Feature<ReferenceGeometry>[] = [];
  for (const feature of collection.features as unknown[]) {
    const type = (feature as Partial<Feature>).geometry?.type;
    if (type && LINE_TYPES.has(type)) lines.push(feature as Feature<ReferenceGeometry>);
    else if (type && AREA_TYPES.has(type)) areas.push(feature as Feature<ReferenceGeometry>);
  }
  const layers: ReferenceLayer[] = [];
  if (lines.length > 0)
    layers.push({ id: `${name}#roads`, name, role: 'road', visible: true, features: lines });
  if (areas.length > 0)
    layers.push({ id: `${name}#areas`, name, role: 'compound', visible: true, features: areas });
  return ok(layers);
}

/** Reads every `--reference` file, or the exit-2 answer naming the file that cannot be read. */
export function readReferenceFiles(
  host: CliHost,
  paths: readonly string[],
  lang: Language,
): { layers: ReferenceLayer[] } | { failure: CommandResult } {
  const layers: ReferenceLayer[] = [];
  for (const path of paths) {
    const source = host.readText(path);
    const parsed = source.ok ? parseReferenceGeoJson(source.value, path) : source;
    if (!parsed.ok) {
      return {
        failure: unreadableResult(
          text(`无法读取参考图层 ${path}：`, `Cannot read the reference layer ${path}:`),
          parsed.problems,
          lang,
        ),
      };
    }
    appendAll(layers, parsed.value);
  }
  return { layers };
}

/**
 * The date of `--date` (today when not given) as a UTC date, or why it is not one: not written
 * YYYY-MM-DD, or written so but no such day (2024-02-30).
 */
export function dateOption(value: string | undefined): Result<Date> {
  if (value === undefined) return ok(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    return fail({
      kind: 'bad-date',
      message: text(`日期 ${value} 应为 YYYY-MM-DD。`, `The date ${value} should be YYYY-MM-DD.`),
    });
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    return fail({
      kind: 'bad-date',
      message: text(`没有 ${value} 这一天。`, `There is no day ${value}.`),
    });
  return ok(date);
}
