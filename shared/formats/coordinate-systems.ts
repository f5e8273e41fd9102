import proj4 from 'proj4';
import type { Problem, Result } from '../model';
import { fail, ok, text } from '../model';

/**
 * Coordinate systems of Chinese planning data: CGCS2000 longitude/latitude (EPSG:4490, practically WGS84
 * at map scale) and its Gauss-Kruger zones. GridPlan stores and exports longitude/latitude only; projected
 * input is converted on import.
 */

/** A Gauss-Kruger zone of CGCS2000 that a planner can pick when a file has no usable .prj. */
export interface GaussKrugerZone {
  /** EPSG code: 4491–4512 (6°) or 4513–4554 (3°). */
  readonly epsg: number;
  /** 3 or 6 (degrees). */
  readonly width: 3 | 6;
  /** Central meridian in degrees east. */
  readonly centralMeridian: number;
  /** False easting in metres: 500,000 plus the zone number × 10⁶ when the zone prefix is part of x. */
  readonly falseEasting: number;
  /** The zone number written before the easting (39 in 39,500,000), or undefined for "no prefix". */
  readonly prefix: number | undefined;
  readonly label: { readonly zh: string; readonly en: string };
}

function zone(
  epsg: number,
  width: 3 | 6,
  centralMeridian: number,
  prefix: number | undefined,
): GaussKrugerZone {
  const falseEasting = (prefix ?? 0) * 1_000_000 + 500_000;
  const zh = prefix
    ? `CGCS2000 ${width}度带 第 ${prefix} 带（中央经线 ${centralMeridian}°E，带号前缀）EPSG:${epsg}`
    : `CGCS2000 ${width}度带 中央经线 ${centralMeridian}°E（无带号）EPSG:${epsg}`;
  const en = prefix
    ? `CGCS2000 ${width}° zone ${prefix} (central meridian ${centralMeridian}°E, zone prefix) EPSG:${epsg}`
    : `CGCS2000 ${width}° CM ${centralMeridian}°E (no zone prefix) EPSG:${epsg}`;
  return { epsg, width, centralMeridian, falseEasting, prefix, label: { zh, en } };
}

/**
 * Every CGCS2000 Gauss-Kruger zone with an EPSG code: 3° zones 25–45 with prefix (EPSG:4513–4533) and
 * without (4534–4554), 6° zones 13–23 with prefix (4491–4501) and without (4502–4512).
 */
export const GAUSS_KRUGER_ZONES: readonly GaussKrugerZone[] = [
  ...Array.from({ length: 21 }, (_, i) => zone(4513 + i, 3, 75 + 3 * i, 25 + i)),
  ...Array.from({ length: 21 }, (_, i) => zone(4534 + i, 3, 75 + 3 * i, undefined)),
  ...Array.from({ length: 11 }, (_, i) => zone(4491 + i, 6, 75 + 6 * i, 13 + i)),
  ...Array.from({ length: 11 }, (_, i) => zone(4502 + i, 6, 75 + 6 * i, undefined)),
];

/** Looks a zone up by EPSG code. */
export function gaussKrugerZone(epsg: number): GaussKrugerZone | undefined {
  return GAUSS_KRUGER_ZONES.find((z) => z.epsg === epsg);
}

/** The proj4 definition of a zone (GRS80 is CGCS2000's ellipsoid to well below a millimetre). */
export function zoneProj4(z: GaussKrugerZone): string {
  // proj4js needs x_0/y_0 spelled out, or it returns NaN.
  return `+proj=tmerc +lat_0=0 +lon_0=${z.centralMeridian} +k=1 +x_0=${z.falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

/** Converts projected x/y to longitude/latitude. */
export type Unproject = (x: number, y: number) => [number, number];

/** What a .prj (or the planner's choice) says about a file's coordinates. */
export type SourceCrs =
  | { readonly kind: 'geographic'; readonly name: string; readonly warning?: Problem }
  | {
      readonly kind: 'projected';
      readonly name: string;
      readonly unproject: Unproject;
      readonly warning?: Problem;
    };

/**
 * Datums that are not CGCS2000/WGS84: Beijing 1954 (Krassowsky) and Xi'an 1980 (IAG 1975) differ from
 * CGCS2000 by tens to over a hundred metres, and the shift is a regional 7-parameter transformation that
 * GridPlan cannot know. Their coordinates are read as they are, with this warning.
 */
function otherDatumWarning(wkt: string, name: string): Problem | undefined {
  const beijing = /beijing[_ ]?1954|krassowsky|krasovsky/i.test(wkt);
  const xian = /xian[_ ]?1980|xi'an[_ ]?1980|IAG[_ ]?1975|IAG[_ ]?75/i.test(wkt);
  if (!beijing && !xian) return undefined;
  const datum = beijing ? text('北京54', 'Beijing 1954') : text('西安80', "Xi'an 1980");
  return {
    kind: 'other-datum',
    message: text(
      `坐标系 ${name} 基于${datum.zh}坐标系，与 CGCS2000 相差可达数十至上百米；GridPlan 不做基准转换，按原坐标读取。请先用 GIS 软件（使用当地的七参数）转换为 CGCS2000 后再导入，否则网格会与其他数据错开。`,
      `The coordinate system ${name} is on the ${datum.en} datum, which differs from CGCS2000 by tens to over a hundred metres; GridPlan does not shift datums and reads the coordinates as they are. Convert the data to CGCS2000 in a GIS first (with the local seven parameters), or the grids will not line up with other data.`,
    ),
  };
}

/** Radians per unit of the GEOGCS's angular UNIT (0.0174532925… for degrees), if it says. */
function angularUnit(wkt: string): { name: string; radians: number } | undefined {
  const geographic = /GEOGC(?:S|RS)\s*\[([\s\S]*)$/i.exec(wkt)?.[1] ?? '';
  const units = [...geographic.matchAll(/(?:ANGLE)?UNIT\s*\[\s*"([^"]*)"\s*,\s*([0-9.eE+-]+)/gi)];
  const last = units.at(-1);
  return last ? { name: last[1]!, radians: Number(last[2]) } : undefined;
}

/** A bounding box: [minX, minY, maxX, maxY]. */
export type BBox = readonly [number, number, number, number];

/** True when every corner is a longitude/latitude. */
export function isLonLatBox(box: BBox): boolean {
  return (
    box.every((n) => Number.isFinite(n)) && box[0] >= -180 && box[2] <= 180 && box[1] >= -90 && box[3] <= 90
  );
}

function unprojectWith(definition: string): Unproject {
  const converter = proj4(definition, 'WGS84');
  return (x, y) => converter.forward<[number, number]>([x, y]);
}

/** The source system of a zone the planner picked. */
export function zoneCrs(z: GaussKrugerZone): SourceCrs {
  return { kind: 'projected', name: z.label.en, unproject: unprojectWith(zoneProj4(z)) };
}

/**
 * Reads a .prj (ESRI WKT, as ArcGIS and GDAL write it). Geographic systems on WGS84/CGCS2000-like datums
 * are taken as they are; projected ones are converted with proj4 (which reads ESRI `Gauss_Kruger`).
 * Refuses text proj4 cannot read, so that the caller asks the planner instead of guessing.
 */
export function readPrj(prj: string): Result<SourceCrs> {
  const wkt = prj.replace(/^\uFEFF/, '').trim();
  const nameMatch = /^(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\s*\[\s*"([^"]*)"/i.exec(wkt);
  const name = nameMatch?.[1] ?? wkt.slice(0, 60);
  const unknown = () =>
    fail<SourceCrs>({
      kind: 'unknown-prj',
      message: text(
        `无法识别 .prj 中的坐标系（${name}）。请选择数据所在的 CGCS2000 投影带，或先用 GIS 软件转换为 CGCS2000 经纬度（EPSG:4490）。`,
        `The coordinate system in the .prj (${name}) is not recognised. Choose the CGCS2000 zone the data is in, or convert it to CGCS2000 longitude/latitude (EPSG:4490) in a GIS first.`,
      ),
    });
  if (!/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS)\s*\[/i.test(wkt)) return unknown();
  const warning = otherDatumWarning(wkt, name);
  if (/^GEOGC(S|RS)/i.test(wkt)) {
    const unit = angularUnit(wkt);
    if (unit && Number.isFinite(unit.radians) && Math.abs(unit.radians - Math.PI / 180) > 1e-9) {
      return fail({
        kind: 'angular-unit',
        message: text(
          `.prj 中的经纬度单位是 ${unit.name}（每单位 ${unit.radians} 弧度），不是度。GridPlan 只读取以度为单位的经纬度：请先用 GIS 软件转换为 CGCS2000 经纬度（度，EPSG:4490）。`,
          `The .prj gives longitude/latitude in ${unit.name} (${unit.radians} radians each), not degrees. GridPlan reads longitude/latitude in degrees only: convert the data to CGCS2000 longitude/latitude (degrees, EPSG:4490) in a GIS first.`,
        ),
      });
    }
    return ok({ kind: 'geographic', name, ...(warning ? { warning } : {}) });
  }
  try {
    const converter = proj4(wkt, 'WGS84');
    // A definition proj4 half-understood gives NaN: check one point near the zone's centre.
    const probe = converter.forward<number[]>([500_000, 3_300_000]);
    const probe2 = converter.forward<number[]>([39_500_000, 3_300_000]);
    if (![...probe, ...probe2].some((n) => Number.isFinite(n))) return unknown();
    return ok({
      kind: 'projected',
      name,
      unproject: (x, y) => converter.forward<[number, number]>([x, y]),
      ...(warning ? { warning } : {}),
    });
  } catch {
    return unknown();
  }
}

/**
 * For projected coordinates with no usable .prj: the zone their eastings point to when they carry a zone
 * prefix (39,512,345 m → 3° zone 39), else undefined (the planner must say which central meridian).
 */
export function proposeZone(box: BBox): GaussKrugerZone | undefined {
  const prefix = Math.floor(box[0] / 1_000_000);
  if (prefix !== Math.floor(box[2] / 1_000_000)) return undefined;
  if (box[1] < 0 || box[3] > 10_000_000) return undefined;
  return GAUSS_KRUGER_ZONES.find((z) => z.prefix === prefix && (z.width === 3 ? prefix >= 25 : prefix <= 23));
}

/** True when a box looks like metres of a Gauss-Kruger zone (northings of China, 0.5–6 million m). */
export function looksProjected(box: BBox): boolean {
  return box.every((n) => Number.isFinite(n)) && box[1] > 1_000_000 && box[3] < 7_000_000 && box[0] > 1_000;
}

/** CGCS2000 longitude/latitude on its own ellipsoid, the side every zone is projected from. */
const CGCS2000_LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';

/** Converts longitude/latitude to projected x/y. */
export type Project = (lon: number, lat: number) => [number, number];

/** Longitude/latitude to the zone's metres (the inverse of {@link zoneCrs}'s unproject). */
export function projectToZone(z: GaussKrugerZone): Project {
  const converter = proj4(CGCS2000_LONLAT, zoneProj4(z));
  return (lon, lat) => converter.forward<[number, number]>([lon, lat]);
}

/** The name GDAL and ArcGIS give the zone in ESRI WKT (`CGCS2000_3_Degree_GK_Zone_35` ...). */
export function zoneEsriName(z: GaussKrugerZone): string {
  const width = z.width === 3 ? '3_Degree_' : '';
  return z.prefix === undefined
    ? `CGCS2000_${width}GK_CM_${z.centralMeridian}E`
    : `CGCS2000_${width}GK_Zone_${z.prefix}`;
}

const CGCS2000_GEOGCS =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** The .prj of a zone exactly as `gdalsrsinfo -o wkt_esri EPSG:45xx` prints it (on one line). */
export function zonePrjText(z: GaussKrugerZone): string {
  const number = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(n));
  return (
    `PROJCS["${zoneEsriName(z)}",${CGCS2000_GEOGCS},PROJECTION["Gauss_Kruger"],` +
    `PARAMETER["False_Easting",${number(z.falseEasting)}],PARAMETER["False_Northing",0.0],` +
    `PARAMETER["Central_Meridian",${number(z.centralMeridian)}],PARAMETER["Scale_Factor",1.0],` +
    `PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
  );
}

/** The value of a WKT `PARAMETER["name", value]`, the name matched without case, `_` or spaces. */
function wktParameter(wkt: string, ...names: string[]): number | undefined {
  const wanted = names.map((n) => n.toLowerCase().replace(/[_ ]/g, ''));
  for (const match of wkt.matchAll(/PARAMETER\s*\[\s*"([^"]*)"\s*,\s*([0-9.eE+-]+)/gi)) {
    if (wanted.includes(match[1]!.toLowerCase().replace(/[_ ]/g, ''))) return Number(match[2]);
  }
  return undefined;
}

/**
 * The CGCS2000 Gauss-Kruger zone a .prj describes, or undefined: another datum (Beijing 1954, Xi'an
 * 1980: the same numbers would be another place), another projection, or parameters of no zone. Read
 * from the EPSG code when the WKT carries one, else from the projection's parameters. A 3° and a 6°
 * zone without prefix on the same central meridian (EPSG:4544 and 4508) are one projection; the name
 * says which, 3° when it does not.
 */
export function zoneOfPrj(prj: string): GaussKrugerZone | undefined {
  const wkt = prj.replace(/^\uFEFF/, '').trim();
  if (!/^PROJC(S|RS)\s*\[/i.test(wkt)) return undefined;
  const name = /^PROJC(?:S|RS)\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? '';
  if (otherDatumWarning(wkt, name)) return undefined;
  // WKT1 puts the PROJCS's own AUTHORITY last; WKT2 an ID.
  const authorities = [...wkt.matchAll(/(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const byCode = gaussKrugerZone(Number(authorities.at(-1)?.[1]));
  if (byCode) return byCode;
  if (!/China[_ ]?2000|CGCS[_ ]?2000|China Geodetic Coordinate System 2000/i.test(wkt)) return undefined;
  if (!/Gauss|Transverse[_ ]?Mercator/i.test(wkt)) return undefined;
  const centralMeridian = wktParameter(wkt, 'central_meridian', 'longitude of natural origin');
  const falseEasting = wktParameter(wkt, 'false_easting');
  const scale = wktParameter(wkt, 'scale_factor', 'scale factor at natural origin') ?? 1;
  const origin = wktParameter(wkt, 'latitude_of_origin', 'latitude of natural origin') ?? 0;
  const falseNorthing = wktParameter(wkt, 'false_northing') ?? 0;
  const metres = /UNIT\s*\[\s*"(?:Meter|metre|m)"\s*,\s*1(?:\.0*)?\s*[,\]]/i.test(wkt);
  if (centralMeridian === undefined || falseEasting === undefined) return undefined;
  if (scale !== 1 || origin !== 0 || falseNorthing !== 0 || !metres) return undefined;
  const candidates = GAUSS_KRUGER_ZONES.filter(
    (z) => z.centralMeridian === centralMeridian && z.falseEasting === falseEasting,
  );
  const sixDegrees = /(^|[^0-9])6[_ -]?(degree|度)/i.test(name) || /^CGCS2000_GK_CM/i.test(name);
  return candidates.find((z) => z.width === (sixDegrees ? 6 : 3)) ?? candidates[0];
}

/** The export systems named by a word: CGCS2000 (EPSG:4490) or WGS84 (EPSG:4326), longitude/latitude. */
export const EXPORT_CRS = ['cgcs2000', 'wgs84'] as const;
/** What an export is written in: longitude/latitude, or the metres of a CGCS2000 Gauss-Kruger zone. */
export type ExportCrs = (typeof EXPORT_CRS)[number] | GaussKrugerZone;

/** The .prj text GDAL writes for each export system (ESRI WKT; GDAL and ArcGIS identify all). */
export function prjText(crs: ExportCrs): string {
  if (typeof crs === 'object') return zonePrjText(crs);
  return crs === 'cgcs2000'
    ? CGCS2000_GEOGCS
    : 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
}

/** The EPSG code of an export system (4490, 4326 or the zone's). */
export function exportCrsEpsg(crs: ExportCrs): number {
  return typeof crs === 'object' ? crs.epsg : crs === 'cgcs2000' ? 4490 : 4326;
}

/**
 * Reads an export system as a planner or a script names it: `cgcs2000`/`4490`/`EPSG:4490`,
 * `wgs84`/`4326`/`EPSG:4326`, a zone's EPSG code (`EPSG:4523`, 4491–4554), or `source`: the zone the
 * project's data came in (`sourceZoneEpsg`), refused when it came in longitude/latitude.
 */
export function parseExportCrs(word: string, sourceZoneEpsg: number | undefined): Result<ExportCrs> {
  const normal = word
    .trim()
    .toLowerCase()
    .replace(/^epsg:/, '');
  if (normal === 'cgcs2000' || normal === '4490') return ok('cgcs2000');
  if (normal === 'wgs84' || normal === '4326') return ok('wgs84');
  if (normal === 'source') {
    const zone = sourceZoneEpsg === undefined ? undefined : gaussKrugerZone(sourceZoneEpsg);
    if (zone) return ok(zone);
    return fail({
      kind: 'no-source-zone',
      message: text(
        '该划分不是从高斯-克吕格投影带的数据导入的（或未记录来源坐标系），没有“源坐标系”可用。请选择 4490（CGCS2000）、4326（WGS84）或投影带的 EPSG 代码（如 EPSG:4523）。',
        "This division was not imported from Gauss-Kruger zone data (or its source system was not recorded), so there is no source system. Choose 4490 (CGCS2000), 4326 (WGS84) or a zone's EPSG code (e.g. EPSG:4523).",
      ),
    });
  }
  const zone = /^\d+$/.test(normal) ? gaussKrugerZone(Number(normal)) : undefined;
  if (zone) return ok(zone);
  return fail({
    kind: 'bad-crs',
    message: text(
      `无法识别坐标系“${word}”。可用：source（源数据的投影带）、4490（CGCS2000）、4326（WGS84），或 CGCS2000 高斯-克吕格投影带的 EPSG 代码 4491–4554（如 EPSG:4523）。`,
      `Unknown coordinate system "${word}". Use source (the source data's zone), 4490 (CGCS2000), 4326 (WGS84), or the EPSG code of a CGCS2000 Gauss-Kruger zone, 4491–4554 (e.g. EPSG:4523).`,
    ),
  });
}
