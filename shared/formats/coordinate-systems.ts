import proj4 from 'proj4';
import type { Result } from '../model';
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
  | { readonly kind: 'geographic'; readonly name: string }
  | { readonly kind: 'projected'; readonly name: string; readonly unproject: Unproject };

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
  if (/^GEOGC(S|RS)/i.test(wkt)) return ok({ kind: 'geographic', name });
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

/** The export systems: CGCS2000 (EPSG:4490) or WGS84 (EPSG:4326), both longitude/latitude. */
export const EXPORT_CRS = ['cgcs2000', 'wgs84'] as const;
export type ExportCrs = (typeof EXPORT_CRS)[number];

/** The .prj text GDAL writes for each export system (ESRI WKT; GDAL and ArcGIS identify both). */
export function prjText(crs: ExportCrs): string {
  return crs === 'cgcs2000'
    ? 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
    : 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
}
