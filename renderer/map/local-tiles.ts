import type { Header, RangeResponse, Source } from 'pmtiles';
import { PMTiles, TileType } from 'pmtiles';
import type { LocalText, Result } from '../../shared/model';
import { errorDetail, fail, ok, text } from '../../shared/model';

/**
 * Raster tiles from the planner's own disk: a folder of z/x/y images or one PMTiles file. MapLibre
 * reaches them through custom protocols (basemap-protocols.ts) that call {@link LocalTileSet.read};
 * nothing here touches the network, and nothing here imports MapLibre, so it runs in unit tests.
 *
 * The File objects (or File System Access handles) live only in this module's registry, keyed by a
 * random id that the project setting keeps. A browser cannot reopen a File after a reload; a handle
 * can be stored in IndexedDB and reconnected once the user grants read access again.
 */

/** URL scheme of tiles from a local folder: `gp-folder://<id>/{z}/{x}/{y}`. */
export const FOLDER_PROTOCOL = 'gp-folder';
/** URL scheme of tiles from a local PMTiles file: `pmtiles://<id>/{z}/{x}/{y}`. */
export const PMTILES_PROTOCOL = 'pmtiles';

/** Where the rows of a tile folder count from: the top (XYZ, most tools) or the bottom (TMS, gdal2tiles). */
export type TileScheme = 'xyz' | 'tms';

/** A set of raster tiles on the planner's disk, readable one tile at a time. */
export interface LocalTileSet {
  /** `geotiff`: an orthophoto rendered to tiles on demand (geotiff-tiles.ts), reached like PMTiles. */
  readonly kind: 'folder' | 'pmtiles' | 'geotiff';
  /** The folder's or file's name, for the dialog. */
  readonly name: string;
  /** Tiles found; null when the folder is read lazily through a handle and was not counted. */
  readonly tileCount: number | null;
  readonly minZoom: number;
  readonly maxZoom: number;
  /** Image format as a file extension (png, jpg, webp, avif). */
  readonly format: string;
  /** West, south, east, north in degrees when known: MapLibre then requests nothing outside. */
  readonly bounds: readonly [number, number, number, number] | null;
  /** For folders: TMS when gdal2tiles' tilemapresource.xml is there (its default), else XYZ. */
  readonly suggestedScheme: TileScheme;
  /** The tile's bytes, or null when the set has no such tile (the map then shows nothing there). */
  read(z: number, x: number, y: number, signal?: AbortSignal): Promise<ArrayBuffer | null>;
}

const registry = new Map<string, LocalTileSet>();

/** Makes a tile set reachable by the map under `id` (replacing one registered before). */
export function registerLocalTiles(id: string, set: LocalTileSet): void {
  registry.set(id, set);
}

/** The tile set registered under `id`, if this page still has it. */
export function localTiles(id: string): LocalTileSet | undefined {
  return registry.get(id);
}

/** Forgets a tile set (tests, and a planner choosing another folder). */
export function unregisterLocalTiles(id: string): void {
  registry.delete(id);
}

/** A fresh id for a chosen folder or file; random so that two projects never share one by accident. */
export function newLocalId(): string {
  return crypto.randomUUID();
}

/** The tile URL template MapLibre gets for a registered set. */
export function localTileUrl(kind: LocalTileSet['kind'], id: string): string {
  return `${kind === 'folder' ? FOLDER_PROTOCOL : PMTILES_PROTOCOL}://${id}/{z}/{x}/{y}`;
}

/** Parses a URL made by {@link localTileUrl} once MapLibre has filled in z, x and y. */
export function parseLocalTileUrl(
  url: string,
): { kind: LocalTileSet['kind']; id: string; z: number; x: number; y: number } | null {
  const match = /^(gp-folder|pmtiles):\/\/([A-Za-z0-9-]+)\/(\d{1,2})\/(\d{1,9})\/(\d{1,9})$/.exec(url);
  if (!match) return null;
  const [, protocol, id, z, x, y] = match;
  return {
    kind: protocol === FOLDER_PROTOCOL ? 'folder' : 'pmtiles',
    id: id!,
    z: Number(z),
    x: Number(x),
    y: Number(y),
  };
}

const IMAGE_FILE = /^(\d{1,9})\.(png|jpe?g|webp|avif)$/i;
const NUMBER = /^\d{1,9}$/;
const MAX_ZOOM = 24;

function noTiles(name: string): LocalText {
  return text(
    `文件夹“${name}”中没有找到瓦片：需要 {z}/{x}/{y}.png（或 .jpg、.webp）的目录结构，例如 14/13321/6789.png。`,
    `No tiles found in the folder “${name}”: it needs a {z}/{x}/{y}.png (or .jpg, .webp) layout, e.g. 14/13321/6789.png.`,
  );
}

/**
 * A folder of tiles chosen with `<input type="file" webkitdirectory>`: every file with its path
 * relative to the chosen folder. Tiles are recognised by their last three path parts (z/x/y.ext), so
 * a folder that holds the tiles one level down (e.g. `tiles/14/…`) works too.
 */
export function folderFromFiles(files: Iterable<File>, folderName?: string): Result<LocalTileSet> {
  const tiles = new Map<string, File>();
  let minZoom = Infinity;
  let maxZoom = -Infinity;
  let format = '';
  let tms = false;
  let name = folderName ?? '';
  for (const file of files) {
    // webkitRelativePath is "chosen-folder/14/13321/6789.png"; plain file inputs leave it empty.
    const parts = (file.webkitRelativePath || file.name).split('/');
    if (!name && parts.length > 1) name = parts[0]!;
    if (parts[parts.length - 1]?.toLowerCase() === 'tilemapresource.xml') tms = true;
    if (parts.length < 3) continue;
    const [z, x, y] = parts.slice(-3) as [string, string, string];
    const image = IMAGE_FILE.exec(y);
    if (!image || !NUMBER.test(z) || !NUMBER.test(x) || Number(z) > MAX_ZOOM) continue;
    const zoom = Number(z);
    tiles.set(`${zoom}/${Number(x)}/${Number(image[1])}`, file);
    minZoom = Math.min(minZoom, zoom);
    maxZoom = Math.max(maxZoom, zoom);
    format ||= image[2]!.toLowerCase();
  }
  if (tiles.size === 0) return fail({ kind: 'no-tiles', message: noTiles(name) });
  return ok({
    kind: 'folder',
    name,
    tileCount: tiles.size,
    minZoom,
    maxZoom,
    format,
    bounds: null,
    suggestedScheme: tms ? 'tms' : 'xyz',
    read: async (z, x, y) => {
      const file = tiles.get(`${z}/${x}/${y}`);
      return file ? file.arrayBuffer() : null;
    },
  });
}

/**
 * The part of the File System Access API we use. Declared here because TypeScript's DOM library
 * lacks the async iteration and permission methods that Chromium has.
 */
export interface FileHandleLike {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<File>;
  queryPermission?(options: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(options: { mode: 'read' }): Promise<PermissionState>;
}

/** A directory handle (see {@link FileHandleLike}). */
export interface DirectoryHandleLike {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<FileHandleLike | DirectoryHandleLike>;
  getDirectoryHandle(name: string): Promise<DirectoryHandleLike>;
  getFileHandle(name: string): Promise<FileHandleLike>;
  queryPermission?(options: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(options: { mode: 'read' }): Promise<PermissionState>;
}

async function childrenOf(directory: DirectoryHandleLike): Promise<(FileHandleLike | DirectoryHandleLike)[]> {
  const children: (FileHandleLike | DirectoryHandleLike)[] = [];
  for await (const child of directory.values()) children.push(child);
  return children;
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError')
  );
}

/**
 * A folder of tiles chosen with `showDirectoryPicker()`. Only the zoom folders and one sample tile are
 * listed now; tiles are looked up when the map asks, because a national tile set can hold millions of
 * files and listing them all would take minutes.
 */
export async function folderFromHandle(handle: DirectoryHandleLike): Promise<Result<LocalTileSet>> {
  let root = handle;
  let children = await childrenOf(root);
  const zoomsOf = (list: typeof children): number[] =>
    list
      .filter(
        (child) => child.kind === 'directory' && NUMBER.test(child.name) && Number(child.name) <= MAX_ZOOM,
      )
      .map((child) => Number(child.name))
      .sort((a, b) => a - b);
  let zooms = zoomsOf(children);
  const directories = children.filter((child) => child.kind === 'directory');
  if (zooms.length === 0 && directories.length === 1) {
    // Tools often write the tiles one folder down (e.g. "tiles/"): look there once.
    root = directories[0] as DirectoryHandleLike;
    children = await childrenOf(root);
    zooms = zoomsOf(children);
  }
  const tms = children.some(
    (child) => child.kind === 'file' && child.name.toLowerCase() === 'tilemapresource.xml',
  );
  let format = '';
  for (const zoom of zooms) {
    const zoomDir = await root.getDirectoryHandle(String(zoom));
    for (const column of await childrenOf(zoomDir)) {
      if (column.kind !== 'directory' || !NUMBER.test(column.name)) continue;
      for (const tile of await childrenOf(column)) {
        const image = tile.kind === 'file' ? IMAGE_FILE.exec(tile.name) : null;
        if (image) {
          format = image[2]!.toLowerCase();
          break;
        }
      }
      if (format) break;
    }
    if (format) break;
  }
  if (!format) return fail({ kind: 'no-tiles', message: noTiles(handle.name) });
  const columns = new Map<string, Promise<DirectoryHandleLike | null>>();
  const column = (z: number, x: number): Promise<DirectoryHandleLike | null> => {
    const key = `${z}/${x}`;
    let found = columns.get(key);
    if (!found) {
      found = root
        .getDirectoryHandle(String(z))
        .then((zoomDir) => zoomDir.getDirectoryHandle(String(x)))
        .catch((error: unknown) => {
          if (isNotFound(error)) return null;
          throw error;
        });
      columns.set(key, found);
    }
    return found;
  };
  return ok({
    kind: 'folder',
    name: handle.name,
    tileCount: null,
    minZoom: zooms[0]!,
    maxZoom: zooms[zooms.length - 1]!,
    format,
    bounds: null,
    suggestedScheme: tms ? 'tms' : 'xyz',
    read: async (z, x, y) => {
      const dir = await column(z, x);
      if (!dir) return null;
      try {
        const file = await (await dir.getFileHandle(`${y}.${format}`)).getFile();
        return await file.arrayBuffer();
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  });
}

/**
 * A pmtiles Source that reads byte ranges of a local File by slicing it: nothing is loaded whole, so a
 * multi-gigabyte archive costs only the directory and the tiles on screen. (file:// fetches ignore
 * Range headers, which is why the archive is not opened by URL.)
 */
export class FileSliceSource implements Source {
  readonly #file: Blob;
  readonly #key: string;

  constructor(file: Blob, key: string) {
    this.#file = file;
    this.#key = key;
  }

  getKey(): string {
    return this.#key;
  }

  async getBytes(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse> {
    signal?.throwIfAborted();
    return { data: await this.#file.slice(offset, offset + length).arrayBuffer() };
  }
}

const RASTER_TYPES: ReadonlyMap<TileType, string> = new Map([
  [TileType.Png, 'png'],
  [TileType.Jpeg, 'jpg'],
  [TileType.Webp, 'webp'],
  [TileType.Avif, 'avif'],
]);

/** Opens a local PMTiles archive of raster tiles; vector archives are refused with a reason. */
export async function pmtilesFromFile(file: Blob, name: string): Promise<Result<LocalTileSet>> {
  const archive = new PMTiles(new FileSliceSource(file, `${name}:${file.size}`));
  let header: Header;
  try {
    header = await archive.getHeader();
  } catch (error) {
    const detail = errorDetail(error);
    return fail({
      kind: 'pmtiles-unreadable',
      message: text(
        `无法读取 PMTiles 文件“${name}”（${detail}）。请选择 PMTiles 第 3 版文件（.pmtiles）。`,
        `Cannot read the PMTiles file “${name}” (${detail}). Choose a PMTiles version 3 file (.pmtiles).`,
      ),
    });
  }
  const format = RASTER_TYPES.get(header.tileType);
  if (!format) {
    const vector = header.tileType === TileType.Mvt || header.tileType === TileType.Mlt;
    return fail({
      kind: 'pmtiles-not-raster',
      message: vector
        ? text(
            `“${name}”是矢量瓦片 PMTiles：目前只能显示栅格瓦片（PNG、JPEG、WebP）作为底图。`,
            `“${name}” holds vector tiles: only raster tiles (PNG, JPEG, WebP) can be shown as a basemap for now.`,
          )
        : text(
            `“${name}”中的瓦片类型未知：只能显示栅格瓦片（PNG、JPEG、WebP）。`,
            `“${name}” holds tiles of an unknown type: only raster tiles (PNG, JPEG, WebP) can be shown.`,
          ),
    });
  }
  const bounds: [number, number, number, number] | null =
    header.minLon < header.maxLon && header.minLat < header.maxLat
      ? [header.minLon, header.minLat, header.maxLon, header.maxLat]
      : null;
  return ok({
    kind: 'pmtiles',
    name,
    tileCount: header.numAddressedTiles || null,
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    format,
    bounds,
    suggestedScheme: 'xyz',
    read: async (z, x, y, signal) => (await archive.getZxy(z, x, y, signal))?.data ?? null,
  });
}

/** Begins the error of a tile whose local set is gone (basemap-status.ts says it in words). */
export const LOCAL_TILES_GONE = 'No local tiles';

/**
 * Answers a MapLibre request for a `gp-folder://` or `pmtiles://` tile URL. A tile the set lacks is
 * an empty buffer, which MapLibre draws as a transparent tile: sets often cover only the township.
 */
export async function readLocalTile(url: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const parsed = parseLocalTileUrl(url);
  const set = parsed && localTiles(parsed.id);
  if (!parsed || !set) throw new Error(`${LOCAL_TILES_GONE}: ${url}`);
  return (await set.read(parsed.z, parsed.x, parsed.y, signal)) ?? new ArrayBuffer(0);
}
