import type { Feature, Geometry, Position } from 'geojson';
import { roundPosition } from '../geometry/lattice';
import type { LocalText, ReferenceGeometry, ReferenceLayer, ReferenceRole, Result } from '../model';
import { fail, isLineRole, ok, text } from '../model';
import type { FeatureRecord, RowError } from './import-layer';
import { RowErrors } from './row-errors';

/**
 * Turns the records of a shapefile or GeoJSON (already read and reprojected to longitude/latitude by
 * the import pipeline) into a reference layer (参考图层): streets, rivers and railways as lines,
 * compounds (小区) and buildings as polygons. Coordinates are rounded to the editor's 1e-9° lattice so
 * that a traced or snapped boundary is bit-identical to the line it follows.
 */

/** What the planner chose for a reference layer. */
export interface ReferenceRequest {
  /** The new layer's id (the caller makes it unique within the project). */
  readonly id: string;
  readonly name: string;
  readonly role: ReferenceRole;
  /** The attribute that labels features on the map; none when undefined. */
  readonly labelField?: string;
  /** The file name shown in the panel. */
  readonly source?: string;
}

/** A converted reference layer and the records that could not be used. */
export interface ReferenceImport {
  readonly layer: ReferenceLayer;
  /** The first records that could not be used (see `MAX_KEPT_ROW_ERRORS`). */
  readonly errors: readonly RowError[];
  /** How many records could not be used. */
  readonly errorCount: number;
  /** Records read in total (good and bad). */
  readonly total: number;
}

/** Role names as ui.md writes them, for messages. */
export const ROLE_NAMES: Readonly<Record<ReferenceRole, LocalText>> = {
  road: text('道路', 'road'),
  river: text('河流', 'river'),
  railway: text('铁路', 'railway'),
  compound: text('小区', 'compound'),
  building: text('建筑', 'building'),
  neighbour: text('相邻网格', "neighbours' grids"),
  other: text('其他', 'other'),
};

const ROLE_WORDS: readonly (readonly [ReferenceRole, RegExp])[] = [
  ['railway', /铁路|铁道|高铁|轨道|rail/i],
  ['river', /河|江|溪|渠|湖|水系|水域|river|stream|canal|water|hyd/i],
  ['road', /路|街|道|巷|胡同|公路|road|street|highway|fclass|lane|avenue|rd\b|st\b/i],
  ['building', /建筑|楼|房屋|幢|栋|building|bldg|house|jz/i],
  ['compound', /小区|院|苑|园|花园|compound|residential|estate|xq/i],
  ['neighbour', /网格|wgbm|wgmc|grid/i],
];

/**
 * Guesses the role from the geometry and the words in the file name, field names and first values:
 * a line file is a road unless it speaks of rivers or railways; a polygon file is a compound unless it
 * speaks of buildings or grids. The planner can always change it.
 */
export function guessReferenceRole(
  geometryKind: string | undefined,
  words: readonly string[],
): ReferenceRole {
  const line = geometryKind === 'polyline' || geometryKind === 'linestring';
  const polygon = geometryKind === 'polygon';
  const all = words.join(' ');
  for (const [role, pattern] of ROLE_WORDS) {
    if (!pattern.test(all)) continue;
    if (line && isLineRole(role)) return role;
    if (polygon && !isLineRole(role)) return role;
  }
  if (polygon) return 'compound';
  return line ? 'road' : 'other';
}

const LABEL_FIELDS =
  /^(name|名称|道路名称|路名|街道名|河流名称|小区名称|mc|dlmc|xqmc|jzmc|fullname|name_zh|name_cn|name:zh)$/i;

/** The field most likely to hold a feature's name, for labels; undefined when none looks like one. */
export function proposeLabelField(fields: readonly string[]): string | undefined {
  return fields.find((f) => LABEL_FIELDS.test(f.trim())) ?? fields.find((f) => /name|名称|mc$/i.test(f));
}

function validPosition(p: Position): boolean {
  const [x, y] = p;
  return (
    typeof x === 'number' &&
    typeof y === 'number' &&
    Number.isFinite(x) &&
    Number.isFinite(y) &&
    Math.abs(x) <= 180 &&
    Math.abs(y) <= 90
  );
}

/** A line rounded to the lattice with rounding's consecutive duplicates dropped; null if < 2 points. */
function latticeLine(line: readonly Position[]): Position[] | null {
  const out: Position[] = [];
  for (const p of line) {
    const q = roundPosition(p);
    const last = out[out.length - 1];
    if (last && last[0] === q[0] && last[1] === q[1]) continue;
    out.push(q);
  }
  return out.length >= 2 ? out : null;
}

/** A ring rounded to the lattice, closed; null if it has fewer than 3 distinct points. */
function latticeRing(ring: readonly Position[]): Position[] | null {
  const line = latticeLine(ring);
  if (!line) return null;
  const first = line[0]!;
  const last = line[line.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) line.push(first);
  return line.length >= 4 ? line : null;
}

type Converted = { readonly geometry: ReferenceGeometry } | { readonly reason: LocalText };

function convertGeometry(geometry: Geometry | null, lines: boolean): Converted {
  if (!geometry) return { reason: text('没有几何图形。', 'It has no geometry.') };
  const positions: Position[] =
    geometry.type === 'LineString'
      ? geometry.coordinates
      : geometry.type === 'MultiLineString' || geometry.type === 'Polygon'
        ? geometry.coordinates.flat()
        : geometry.type === 'MultiPolygon'
          ? geometry.coordinates.flat(2)
          : [];
  if (!positions.every(validPosition)) {
    return {
      reason: text(
        '坐标不是经纬度（经度 −180…180，纬度 −90…90）。',
        'Coordinates are not longitude/latitude (−180…180, −90…90).',
      ),
    };
  }
  if (lines) {
    // A polygon's rings are lines too (a river drawn as an area still has banks to follow).
    const parts =
      geometry.type === 'LineString'
        ? [geometry.coordinates]
        : geometry.type === 'MultiLineString' || geometry.type === 'Polygon'
          ? geometry.coordinates
          : geometry.type === 'MultiPolygon'
            ? geometry.coordinates.flat()
            : null;
    if (!parts) return { reason: wrongKind(geometry.type, true) };
    const kept = parts.map(latticeLine).filter((l): l is Position[] => l !== null);
    if (kept.length === 0) return { reason: tooShort() };
    return kept.length === 1
      ? { geometry: { type: 'LineString', coordinates: kept[0]! } }
      : { geometry: { type: 'MultiLineString', coordinates: kept } };
  }
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : null;
  if (!polygons) return { reason: wrongKind(geometry.type, false) };
  const kept: Position[][][] = [];
  for (const rings of polygons) {
    const shell = rings[0] ? latticeRing(rings[0]) : null;
    if (!shell) continue;
    kept.push([
      shell,
      ...rings
        .slice(1)
        .map(latticeRing)
        .filter((r): r is Position[] => r !== null),
    ]);
  }
  if (kept.length === 0) return { reason: tooShort() };
  return kept.length === 1
    ? { geometry: { type: 'Polygon', coordinates: kept[0]! } }
    : { geometry: { type: 'MultiPolygon', coordinates: kept } };
}

function wrongKind(type: string, lines: boolean): LocalText {
  return lines
    ? text(`是 ${type}，线图层（道路/河流/铁路）需要线或面。`, `It is a ${type}; a line layer needs lines.`)
    : text(
        `是 ${type}，面图层（小区/建筑）需要面。`,
        `It is a ${type}; a polygon layer (compounds, buildings) needs polygons.`,
      );
}

function tooShort(): LocalText {
  return text('线少于 2 个点或面少于 3 个点。', 'A line has fewer than 2 points or a ring fewer than 3.');
}

/**
 * Converts read records to a reference layer of the requested role. Records that are not usable (no
 * geometry, points, polygons for a line role is fine — their rings become lines — lines for a polygon
 * role, coordinates that are not longitude/latitude) are listed with their numbers; the layer keeps the
 * rest. Refuses when no record is usable.
 */
export function recordsToReferenceLayer(
  records: readonly FeatureRecord[],
  request: ReferenceRequest,
): Result<ReferenceImport> {
  const lines = isLineRole(request.role);
  const features: Feature<ReferenceGeometry>[] = [];
  const errors = new RowErrors();
  for (const record of records) {
    const converted = convertGeometry(record.geometry, lines);
    if ('reason' in converted) {
      errors.add({ line: record.line ?? record.record, reason: converted.reason });
      continue;
    }
    features.push({
      type: 'Feature',
      id: record.record,
      geometry: converted.geometry,
      properties: { ...record.properties },
    });
  }
  if (features.length === 0) {
    const first = errors.kept[0];
    return fail({
      kind: 'no-usable-feature',
      message: text(
        `没有可用作「${ROLE_NAMES[request.role].zh}」参考图层的要素${first ? `（第 ${first.line} 条：${first.reason.zh}）` : ''}。`,
        `No feature can be used for a ${ROLE_NAMES[request.role].en} reference layer${first ? ` (record ${first.line}: ${first.reason.en})` : ''}.`,
      ),
    });
  }
  const layer: ReferenceLayer = {
    id: request.id,
    name: request.name,
    role: request.role,
    visible: true,
    features,
    ...(request.labelField !== undefined ? { labelField: request.labelField } : {}),
    ...(request.source !== undefined ? { source: request.source } : {}),
  };
  return ok({ layer, errors: errors.kept, errorCount: errors.count, total: records.length });
}

/** A feature's label text from the layer's label field, or undefined. */
export function labelOf(layer: ReferenceLayer, feature: Feature): string | undefined {
  if (!layer.labelField) return undefined;
  const value: unknown = feature.properties?.[layer.labelField];
  if (typeof value === 'string') return value.trim() || undefined;
  return typeof value === 'number' ? String(value) : undefined;
}
