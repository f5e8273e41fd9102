import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import { fromBlob } from 'geotiff';
import proj4 from 'proj4';
import { gaussKrugerZone, zoneProj4 } from '../../shared/formats/coordinate-systems';
import type { LocalText, Result } from '../../shared/model';
import { errorDetail, fail, ok, text } from '../../shared/model';
import type { LocalTileSet } from './local-tiles';

/**
 * A local orthophoto GeoTIFF (影像) as a basemap: web-mercator tiles made on demand from the file's own
 * pixels. geotiff.js reads only the byte ranges of the strips or tiles a map tile needs (a File is a
 * Blob: slices come from the disk), from the overview whose resolution suits the zoom, so a file is
 * limited by the disk, not by memory. CGCS2000/WGS84 longitude/latitude files are sampled directly;
 * CGCS2000 Gauss-Kruger zones (EPSG:4491–4554) and web mercator (EPSG:3857) through proj4.
 *
 * Nothing here imports MapLibre; MapLibre reaches the tiles through the local tile protocol
 * (basemap-protocols.ts) like a PMTiles file's.
 */

/** Pixels of a web-mercator tile. */
export const TILE_SIZE = 256;

/** A rendered tile: RGBA, {@link TILE_SIZE}² pixels, transparent outside the image. */
export interface TilePixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
}

/** Longitude/latitude to the file's coordinates, and its name. */
interface FileCrs {
  readonly name: string;
  readonly forward: (lon: number, lat: number) => [number, number];
  readonly inverse: (x: number, y: number) => [number, number];
}

/** One resolution level of the file: the full image or an overview. */
interface Level {
  readonly image: GeoTIFFImage;
  readonly width: number;
  readonly height: number;
  /** How many full-resolution pixels one of its pixels covers. */
  readonly factor: number;
}

function refuse<T>(kind: string, message: LocalText): Result<T> {
  return fail({ kind, message });
}

const MERCATOR = '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +no_defs';

/** The file's coordinate system from its GeoKeys, or why it is not one GridPlan can show. */
export function crsOfGeoKeys(keys: Readonly<Record<string, unknown>> | null, name: string): Result<FileCrs> {
  const projected = typeof keys?.ProjectedCSTypeGeoKey === 'number' ? keys.ProjectedCSTypeGeoKey : undefined;
  const geographic = typeof keys?.GeographicTypeGeoKey === 'number' ? keys.GeographicTypeGeoKey : undefined;
  const model = typeof keys?.GTModelTypeGeoKey === 'number' ? keys.GTModelTypeGeoKey : undefined;
  if (projected !== undefined && projected !== 32767) {
    const zone = gaussKrugerZone(projected);
    const definition = zone ? zoneProj4(zone) : projected === 3857 || projected === 900913 ? MERCATOR : null;
    if (!definition) {
      return refuse(
        'geotiff-crs',
        text(
          `影像“${name}”的坐标系 EPSG:${projected} 不受支持：请使用 CGCS2000/WGS84 经纬度（EPSG:4490/4326）、CGCS2000 高斯-克吕格投影（EPSG:4491–4554）或网络墨卡托（EPSG:3857），可用 gdalwarp 转换。`,
          `The orthophoto “${name}” is in EPSG:${projected}, which is not supported: use CGCS2000/WGS84 longitude/latitude (EPSG:4490/4326), a CGCS2000 Gauss-Kruger zone (EPSG:4491–4554) or web mercator (EPSG:3857); gdalwarp converts.`,
        ),
      );
    }
    const transform = proj4('WGS84', definition);
    return ok({
      name: `EPSG:${projected}`,
      forward: (lon, lat) => transform.forward<[number, number]>([lon, lat]),
      inverse: (x, y) => transform.inverse<[number, number]>([x, y]),
    });
  }
  if (model === 2 || geographic !== undefined) {
    return ok({
      name: `EPSG:${geographic ?? 4326}`,
      forward: (lon, lat) => [lon, lat],
      inverse: (x, y) => [x, y],
    });
  }
  return refuse(
    'geotiff-no-crs',
    text(
      `影像“${name}”没有地理参考（GeoTIFF 坐标信息）：请用带坐标的 GeoTIFF，或用 gdal_translate -a_srs 指定坐标系。`,
      `The orthophoto “${name}” has no georeferencing (GeoTIFF keys): use a georeferenced GeoTIFF, or set one with gdal_translate -a_srs.`,
    ),
  );
}

/** Web-mercator tile pixel centre to longitude/latitude. */
function tilePixelLonLat(z: number, x: number, y: number, px: number, py: number): [number, number] {
  const n = 2 ** z;
  const lon = ((x + (px + 0.5) / TILE_SIZE) / n) * 360 - 180;
  const my = Math.PI * (1 - (2 * (y + (py + 0.5) / TILE_SIZE)) / n);
  const lat = (Math.atan(Math.sinh(my)) * 180) / Math.PI;
  return [lon, lat];
}

function lonLatTile(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = ((lon + 180) / 360) * n;
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n;
  return [x, y];
}

/** A GeoTIFF opened for tiles. */
export class GeoTiffTiles {
  private constructor(
    readonly name: string,
    readonly crs: FileCrs,
    private readonly levels: readonly Level[],
    private readonly origin: readonly [number, number],
    private readonly resolution: readonly [number, number],
    /** West, south, east, north in degrees. */
    readonly bounds: readonly [number, number, number, number],
  ) {}

  /** Opens a GeoTIFF (reading only its headers), or says why it cannot be a basemap. */
  static async open(tiff: GeoTIFF, name: string): Promise<Result<GeoTiffTiles>> {
    const count = await tiff.getImageCount();
    const first = await tiff.getImage(0);
    const crs = crsOfGeoKeys(first.getGeoKeys() as Record<string, unknown> | null, name);
    if (!crs.ok) return crs;
    let origin: number[];
    let resolution: number[];
    try {
      origin = first.getOrigin();
      resolution = first.getResolution();
    } catch {
      return refuse(
        'geotiff-no-transform',
        text(
          `影像“${name}”没有像素到坐标的对应关系（仿射变换）。`,
          `The orthophoto “${name}” has no pixel-to-coordinate transform.`,
        ),
      );
    }
    const width = first.getWidth();
    const height = first.getHeight();
    const levels: Level[] = [{ image: first, width, height, factor: 1 }];
    for (let i = 1; i < count; i++) {
      const image = await tiff.getImage(i);
      // Overviews are smaller images of the same bands; masks and thumbnails of other shapes are not.
      if (image.getSamplesPerPixel() !== first.getSamplesPerPixel() || image.getWidth() >= width) continue;
      levels.push({
        image,
        width: image.getWidth(),
        height: image.getHeight(),
        factor: width / image.getWidth(),
      });
    }
    levels.sort((a, b) => a.factor - b.factor);
    const [ox, oy] = origin as [number, number];
    const [rx, ry] = resolution as [number, number];
    // Bounds in degrees from points along the edges (a Gauss-Kruger rectangle is not one in degrees).
    let west = Infinity;
    let south = Infinity;
    let east = -Infinity;
    let north = -Infinity;
    for (let i = 0; i <= 16; i++) {
      for (const [u, v] of [
        [i / 16, 0],
        [i / 16, 1],
        [0, i / 16],
        [1, i / 16],
      ] as const) {
        const [lon, lat] = crs.value.inverse(ox + u * width * rx, oy + v * height * ry);
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
    if (
      ![west, south, east, north].every(Number.isFinite) ||
      west < -180 ||
      east > 180 ||
      south < -90 ||
      north > 90
    ) {
      return refuse(
        'geotiff-outside',
        text(
          `影像“${name}”的坐标超出经纬度范围，坐标系可能标错了（${crs.value.name}）。`,
          `The orthophoto “${name}” lies outside longitude/latitude range; its coordinate system may be wrong (${crs.value.name}).`,
        ),
      );
    }
    return ok(new GeoTiffTiles(name, crs.value, levels, [ox, oy], [rx, ry], [west, south, east, north]));
  }

  /** Zoom levels worth asking for: to the full resolution (plus two), from where it is a few pixels. */
  get zoomRange(): { min: number; max: number } {
    const [west, , east] = this.bounds;
    const degreesPerPixel = (east - west) / this.levels[0]!.width;
    const max = Math.min(24, Math.ceil(Math.log2(360 / (TILE_SIZE * degreesPerPixel))) + 2);
    return { min: 0, max: Math.max(0, max) };
  }

  /** The tile's pixels, or null when the tile does not touch the image. */
  async render(z: number, x: number, y: number, signal?: AbortSignal): Promise<TilePixels | null> {
    const [west, south, east, north] = this.bounds;
    const [x0, y0] = lonLatTile(west, north, z);
    const [x1, y1] = lonLatTile(east, south, z);
    if (x + 1 <= x0 || x >= x1 || y + 1 <= y0 || y >= y1) return null;
    // Full-resolution pixel coordinates of every tile pixel centre.
    const cols = new Float64Array(TILE_SIZE * TILE_SIZE);
    const rows = new Float64Array(TILE_SIZE * TILE_SIZE);
    let minC = Infinity;
    let minR = Infinity;
    let maxC = -Infinity;
    let maxR = -Infinity;
    const [ox, oy] = this.origin;
    const [rx, ry] = this.resolution;
    for (let py = 0; py < TILE_SIZE; py++) {
      for (let px = 0; px < TILE_SIZE; px++) {
        const [lon, lat] = tilePixelLonLat(z, x, y, px, py);
        const [fx, fy] = this.crs.forward(lon, lat);
        const c = (fx - ox) / rx;
        const r = (fy - oy) / ry;
        const i = py * TILE_SIZE + px;
        cols[i] = c;
        rows[i] = r;
        if (c < minC) minC = c;
        if (c > maxC) maxC = c;
        if (r < minR) minR = r;
        if (r > maxR) maxR = r;
      }
    }
    const full = this.levels[0]!;
    if (maxC < 0 || maxR < 0 || minC >= full.width || minR >= full.height) return null;
    // The coarsest level still at least as fine as one tile pixel.
    const perPixel = Math.max(maxC - minC, maxR - minR) / TILE_SIZE;
    let level = full;
    for (const candidate of this.levels) if (candidate.factor <= perPixel) level = candidate;
    const f = level.factor;
    const left = Math.max(0, Math.floor(minC / f));
    const top = Math.max(0, Math.floor(minR / f));
    const right = Math.min(level.width, Math.ceil(maxC / f) + 1);
    const bottom = Math.min(level.height, Math.ceil(maxR / f) + 1);
    if (right <= left || bottom <= top) return null;
    const raster = await level.image.readRGB({
      window: [left, top, right, bottom],
      interleave: true,
      enableAlpha: true,
      ...(signal && { signal }),
    });
    const windowWidth = right - left;
    const channels = Math.round(raster.length / (windowWidth * (bottom - top)));
    const scale = raster instanceof Uint16Array ? 1 / 257 : 1;
    const rgba = new Uint8ClampedArray(TILE_SIZE * TILE_SIZE * 4);
    for (let i = 0; i < TILE_SIZE * TILE_SIZE; i++) {
      const c = Math.floor(cols[i]! / f) - left;
      const r = Math.floor(rows[i]! / f) - top;
      if (c < 0 || r < 0 || c >= windowWidth || r >= bottom - top) continue;
      const at = (r * windowWidth + c) * channels;
      rgba[i * 4] = raster[at]! * scale;
      rgba[i * 4 + 1] = raster[at + 1]! * scale;
      rgba[i * 4 + 2] = raster[at + 2]! * scale;
      rgba[i * 4 + 3] = channels >= 4 ? raster[at + 3]! * scale : 255;
    }
    return { width: TILE_SIZE, height: TILE_SIZE, rgba };
  }
}

/** Whether bytes start like a TIFF (classic or BigTIFF, either byte order). */
export function looksLikeTiff(head: Uint8Array): boolean {
  const [a, b, c, d] = head;
  return (
    (a === 0x49 && b === 0x49 && (c === 42 || c === 43) && d === 0) ||
    (a === 0x4d && b === 0x4d && c === 0 && (d === 42 || d === 43))
  );
}

/** A tile's pixels as PNG bytes for MapLibre (a canvas does the encoding). */
async function encodePng(pixels: TilePixels): Promise<ArrayBuffer> {
  const canvas = new OffscreenCanvas(pixels.width, pixels.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.putImageData(new ImageData(new Uint8ClampedArray(pixels.rgba), pixels.width, pixels.height), 0, 0);
  return (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer();
}

/** A GeoTIFF file as a local tile set (kind `geotiff`, reached like a PMTiles file's tiles). */
export async function geotiffFromFile(file: Blob, name: string): Promise<Result<LocalTileSet>> {
  let tiles: Result<GeoTiffTiles>;
  try {
    tiles = await GeoTiffTiles.open(await fromBlob(file), name);
  } catch (error) {
    const detail = errorDetail(error);
    return refuse(
      'geotiff-unreadable',
      text(`无法读取影像“${name}”（${detail}）。`, `Cannot read the orthophoto “${name}” (${detail}).`),
    );
  }
  if (!tiles.ok) return tiles;
  const opened = tiles.value;
  const { min, max } = opened.zoomRange;
  return ok({
    kind: 'geotiff',
    name,
    tileCount: null,
    minZoom: min,
    maxZoom: max,
    format: `GeoTIFF ${opened.crs.name}`,
    bounds: opened.bounds,
    suggestedScheme: 'xyz',
    read: async (z, x, y, signal) => {
      const pixels = await opened.render(z, x, y, signal);
      return pixels ? encodePng(pixels) : null;
    },
  });
}
