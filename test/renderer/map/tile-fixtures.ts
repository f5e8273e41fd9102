import { PNG } from 'pngjs';
import { Compression, TileType, zxyToTileId } from 'pmtiles';

/** A 256×256 PNG tile of one opaque colour. */
export function solidPng(rgb: readonly [number, number, number]): Uint8Array<ArrayBuffer> {
  const png = new PNG({ width: 256, height: 256 });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = rgb[0];
    png.data[i + 1] = rgb[1];
    png.data[i + 2] = rgb[2];
    png.data[i + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** The XYZ tile containing a longitude/latitude at zoom z. */
export function tileAt(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { x, y };
}

function varints(values: readonly number[]): number[] {
  const bytes: number[] = [];
  for (let value of values) {
    while (value >= 0x80) {
      bytes.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    bytes.push(value);
  }
  return bytes;
}

/**
 * A minimal PMTiles v3 archive (spec: github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): one root
 * directory, no compression, tiles in tile-id order. Enough to test reading by byte ranges; the
 * pmtiles package only reads archives.
 */
export function buildPmtiles(
  tiles: readonly { z: number; x: number; y: number; data: Uint8Array }[],
  options: { tileType?: TileType; bounds?: readonly [number, number, number, number] } = {},
): Uint8Array<ArrayBuffer> {
  const entries = tiles
    .map((tile) => ({ id: zxyToTileId(tile.z, tile.x, tile.y), tile }))
    .sort((a, b) => a.id - b.id);
  let offset = 0;
  const placed = entries.map((entry) => {
    const at = offset;
    offset += entry.tile.data.length;
    return { ...entry, offset: at, length: entry.tile.data.length };
  });
  const directory: number[] = varints([placed.length]);
  let last = 0;
  for (const entry of placed) {
    directory.push(...varints([entry.id - last]));
    last = entry.id;
  }
  directory.push(...varints(placed.map(() => 1)));
  directory.push(...varints(placed.map((entry) => entry.length)));
  placed.forEach((entry, index) => {
    const previous = placed[index - 1];
    const contiguous = previous && entry.offset === previous.offset + previous.length;
    directory.push(...varints([contiguous ? 0 : entry.offset + 1]));
  });
  const metadata = new TextEncoder().encode('{}');
  const headerLength = 127;
  const rootOffset = headerLength;
  const metadataOffset = rootOffset + directory.length;
  const dataOffset = metadataOffset + metadata.length;
  const out = new Uint8Array(dataOffset + offset);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode('PMTiles'), 0);
  out[7] = 3;
  const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  u64(8, rootOffset);
  u64(16, directory.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, dataOffset); // no leaf directories
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, offset);
  u64(72, placed.length);
  u64(80, placed.length);
  u64(88, placed.length);
  out[96] = 1; // clustered
  out[97] = Compression.None;
  out[98] = Compression.None;
  out[99] = options.tileType ?? TileType.Png;
  const zooms = tiles.map((tile) => tile.z);
  out[100] = Math.min(...zooms);
  out[101] = Math.max(...zooms);
  const [west, south, east, north] = options.bounds ?? [-180, -85, 180, 85];
  view.setInt32(102, Math.round(west * 1e7), true);
  view.setInt32(106, Math.round(south * 1e7), true);
  view.setInt32(110, Math.round(east * 1e7), true);
  view.setInt32(114, Math.round(north * 1e7), true);
  out[118] = Math.min(...zooms);
  view.setInt32(119, Math.round(((west + east) / 2) * 1e7), true);
  view.setInt32(123, Math.round(((south + north) / 2) * 1e7), true);
  out.set(directory, rootOffset);
  out.set(metadata, metadataOffset);
  for (const entry of placed) out.set(entry.tile.data, dataOffset + entry.offset);
  return out;
}
