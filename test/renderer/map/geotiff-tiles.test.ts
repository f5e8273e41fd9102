import { fromArrayBuffer, writeArrayBuffer } from 'geotiff';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { gaussKrugerZone, zoneProj4 } from '../../../shared/formats/coordinate-systems';
import { crsOfGeoKeys, GeoTiffTiles, looksLikeTiff, TILE_SIZE } from '../../../renderer/map/geotiff-tiles';

const SIZE = 64;
const WEST = 104.75;
const NORTH = 29.37;
const STEP = 0.0001;

/** Four quadrants: north-west red, north-east green, south-west blue, south-east white. */
function quadrants(): number[][][] {
  const band = (pick: (row: number, col: number) => number) =>
    Array.from({ length: SIZE }, (_, row) => Array.from({ length: SIZE }, (_, col) => pick(row, col)));
  const colour = (row: number, col: number): [number, number, number] =>
    row < SIZE / 2
      ? col < SIZE / 2
        ? [255, 0, 0]
        : [0, 255, 0]
      : col < SIZE / 2
        ? [0, 0, 255]
        : [255, 255, 255];
  return [0, 1, 2].map((b) => band((row, col) => colour(row, col)[b]!));
}

async function geographicTiff() {
  const buffer = writeArrayBuffer(quadrants(), {
    GTModelTypeGeoKey: 2,
    GeographicTypeGeoKey: 4490,
    ModelPixelScale: [STEP, STEP, 0],
    ModelTiepoint: [0, 0, 0, WEST, NORTH, 0],
  });
  return fromArrayBuffer(buffer);
}

/** The same image in CGCS2000 Gauss-Kruger zone 35 (EPSG:4523), 10 m pixels around the same place. */
async function gaussKrugerTiff() {
  const zone = gaussKrugerZone(4523)!;
  const [x, y] = proj4('WGS84', zoneProj4(zone)).forward([WEST, NORTH]);
  const buffer = writeArrayBuffer(quadrants(), {
    GTModelTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: 4523,
    ModelPixelScale: [10, 10, 0],
    ModelTiepoint: [0, 0, 0, x, y, 0],
  });
  return { tiff: await fromArrayBuffer(buffer), corner: [x, y] as const };
}

/** The colour a tile shows at a longitude/latitude. */
async function colourAt(tiles: GeoTiffTiles, lon: number, lat: number, z = 17) {
  const n = 2 ** z;
  const fx = ((lon + 180) / 360) * n;
  const s = Math.sin((lat * Math.PI) / 180);
  const fy = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n;
  const x = Math.floor(fx);
  const y = Math.floor(fy);
  const pixels = await tiles.render(z, x, y);
  if (!pixels) return null;
  const px = Math.floor((fx - x) * TILE_SIZE);
  const py = Math.floor((fy - y) * TILE_SIZE);
  return [...pixels.rgba.slice((py * TILE_SIZE + px) * 4, (py * TILE_SIZE + px) * 4 + 4)];
}

describe('GeoTIFF orthophoto tiles', () => {
  it('renders a CGCS2000 longitude/latitude file in web-mercator tiles, each place in its colour', async () => {
    const opened = await GeoTiffTiles.open(await geographicTiff(), 'ortho.tif');
    if (!opened.ok) throw new Error(opened.problems[0]!.message.en);
    const tiles = opened.value;
    expect(tiles.bounds.map((v) => Number(v.toFixed(6)))).toEqual([
      WEST,
      NORTH - SIZE * STEP,
      WEST + SIZE * STEP,
      NORTH,
    ]);
    const quarter = (SIZE / 4) * STEP;
    expect(await colourAt(tiles, WEST + quarter, NORTH - quarter)).toEqual([255, 0, 0, 255]);
    expect(await colourAt(tiles, WEST + 3 * quarter, NORTH - quarter)).toEqual([0, 255, 0, 255]);
    expect(await colourAt(tiles, WEST + quarter, NORTH - 3 * quarter)).toEqual([0, 0, 255, 255]);
    expect(await colourAt(tiles, WEST + 3 * quarter, NORTH - 3 * quarter)).toEqual([255, 255, 255, 255]);
    // Far from the image: no tile at all; at a low zoom the whole image is inside one tile.
    expect(await colourAt(tiles, WEST + 1, NORTH)).toBeNull();
    expect(await colourAt(tiles, WEST + quarter, NORTH - quarter, 12)).toEqual([255, 0, 0, 255]);
    // 10 m pixels are full resolution at zoom 14; two more levels are allowed before MapLibre upscales.
    expect(tiles.zoomRange.max).toBe(16);
  });

  it('reprojects a Gauss-Kruger zone file: the same places keep their colours, outside stays clear', async () => {
    const { tiff, corner } = await gaussKrugerTiff();
    const opened = await GeoTiffTiles.open(tiff, 'gk.tif');
    if (!opened.ok) throw new Error(opened.problems[0]!.message.en);
    const toLonLat = proj4(zoneProj4(gaussKrugerZone(4523)!), 'WGS84');
    const at = (col: number, row: number) => toLonLat.forward([corner[0] + col * 10, corner[1] - row * 10]);
    const nw = at(16, 16);
    const se = at(48, 48);
    expect(await colourAt(opened.value, nw[0]!, nw[1]!)).toEqual([255, 0, 0, 255]);
    expect(await colourAt(opened.value, se[0]!, se[1]!)).toEqual([255, 255, 255, 255]);
    // Just west of the image's west edge: transparent.
    const outside = at(-3, 30);
    expect((await colourAt(opened.value, outside[0]!, outside[1]!))?.[3]).toBe(0);
  });

  it('refuses unsupported or missing coordinate systems with a bilingual reason', () => {
    const utm = crsOfGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32648 }, 'utm.tif');
    expect(utm.ok).toBe(false);
    if (!utm.ok) {
      expect(utm.problems[0]!.message.zh).toContain('EPSG:32648');
      expect(utm.problems[0]!.message.en).toContain('gdalwarp');
    }
    expect(crsOfGeoKeys(null, 'plain.tif').ok).toBe(false);
    expect(crsOfGeoKeys({ ProjectedCSTypeGeoKey: 3857 }, 'm.tif').ok).toBe(true);
  });

  it('recognises TIFF bytes', () => {
    expect(looksLikeTiff(new Uint8Array([0x49, 0x49, 42, 0]))).toBe(true);
    expect(looksLikeTiff(new Uint8Array([0x4d, 0x4d, 0, 43]))).toBe(true);
    expect(looksLikeTiff(new TextEncoder().encode('PMTiles'))).toBe(false);
  });
});
