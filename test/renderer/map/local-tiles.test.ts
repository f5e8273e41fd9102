import { TileType } from 'pmtiles';
import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryHandleLike, FileHandleLike } from '../../../renderer/map/local-tiles';
import {
  folderFromFiles,
  folderFromHandle,
  LOCAL_TILES_GONE,
  localTileUrl,
  parseLocalTileUrl,
  pmtilesFromFile,
  readLocalTile,
  registerLocalTiles,
  unregisterLocalTiles,
} from '../../../renderer/map/local-tiles';
import { tileErrorMessage } from '../../../renderer/map/basemap-status';
import { buildPmtiles, solidPng } from './tile-fixtures';

/** A File as `<input webkitdirectory>` gives it: with its path under the chosen folder. */
function fileAt(path: string, content: string | Uint8Array<ArrayBuffer> = 'x'): File {
  const file = new File([content], path.split('/').pop()!);
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

const text = (buffer: ArrayBuffer | null): string | null =>
  buffer ? new TextDecoder().decode(buffer) : null;

describe('local tile URLs', () => {
  it('round-trip through MapLibre’s z/x/y substitution', () => {
    const template = localTileUrl('folder', 'abc-123');
    expect(template).toBe('gp-folder://abc-123/{z}/{x}/{y}');
    expect(parseLocalTileUrl('gp-folder://abc-123/14/13321/6789')).toEqual({
      kind: 'folder',
      id: 'abc-123',
      z: 14,
      x: 13321,
      y: 6789,
    });
    expect(parseLocalTileUrl(localTileUrl('pmtiles', 'p').replace('{z}/{x}/{y}', '1/0/1'))).toMatchObject({
      kind: 'pmtiles',
    });
    for (const bad of [
      'gp-folder://a/1/2',
      'https://a/1/2/3',
      'gp-folder://a/../1/2/3',
      'gp-folder://a/1/2/3?x',
    ])
      expect(parseLocalTileUrl(bad), bad).toBeNull();
  });
});

describe('folderFromFiles', () => {
  const ids: string[] = [];
  afterEach(() => ids.splice(0).forEach(unregisterLocalTiles));

  it('finds z/x/y tiles (also one folder down) and reads them', async () => {
    const result = folderFromFiles([
      fileAt('影像/14/13321/6789.png', 'a'),
      fileAt('影像/15/26642/13578.png', 'b'),
      fileAt('影像/tiles/16/1/2.PNG', 'c'),
      fileAt('影像/readme.txt'),
      fileAt('影像/14/notes.txt'),
      fileAt('影像/14/x/1.png'),
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const set = result.value;
    expect(set).toMatchObject({
      kind: 'folder',
      name: '影像',
      tileCount: 3,
      minZoom: 14,
      maxZoom: 16,
      format: 'png',
    });
    expect(set.suggestedScheme).toBe('xyz');
    expect(text(await set.read(14, 13321, 6789))).toBe('a');
    expect(text(await set.read(16, 1, 2))).toBe('c');
    expect(await set.read(14, 0, 0)).toBeNull();
    registerLocalTiles('folder-1', set);
    ids.push('folder-1');
    expect(text(await readLocalTile('gp-folder://folder-1/15/26642/13578'))).toBe('b');
    // A tile the folder lacks is an empty buffer: MapLibre draws it transparent.
    expect((await readLocalTile('gp-folder://folder-1/15/0/0')).byteLength).toBe(0);
    const gone = await readLocalTile('gp-folder://unknown/1/0/0').then(
      () => undefined,
      (error: Error) => error,
    );
    expect(gone?.message.startsWith(LOCAL_TILES_GONE)).toBe(true);
    // The basemap's notice says it in both languages, not in the error's words.
    const said = tileErrorMessage(null, gone!.message);
    expect(said.zh).toContain('重新选择');
    expect(said.en).toContain('choose it again');
  });

  it('suggests TMS rows when gdal2tiles’ tilemapresource.xml is there', () => {
    const result = folderFromFiles([fileAt('t/tilemapresource.xml'), fileAt('t/3/1/2.jpg')]);
    expect(result.ok && result.value.suggestedScheme).toBe('tms');
    expect(result.ok && result.value.format).toBe('jpg');
  });

  it('says, in both languages, what layout it needs when there are no tiles', () => {
    const result = folderFromFiles([fileAt('docs/a.txt'), fileAt('docs/1/2/x.png')]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]!.message.zh).toContain('{z}/{x}/{y}.png');
    expect(result.problems[0]!.message.zh).toContain('docs');
    expect(result.problems[0]!.message.en).toContain('No tiles found');
  });
});

/** A File System Access directory tree in memory. */
function directory(name: string, tree: Record<string, unknown>): DirectoryHandleLike {
  const child = (entry: string): FileHandleLike | DirectoryHandleLike => {
    const value = tree[entry];
    if (typeof value === 'string') {
      return { kind: 'file', name: entry, getFile: () => Promise.resolve(new File([value], entry)) };
    }
    return directory(entry, value as Record<string, unknown>);
  };
  const notFound = (): Promise<never> => Promise.reject(new DOMException('missing', 'NotFoundError'));
  return {
    kind: 'directory',
    name,
    values: async function* () {
      for (const entry of Object.keys(tree)) yield await Promise.resolve(child(entry));
    },
    getDirectoryHandle: (entry) =>
      typeof tree[entry] === 'object' ? Promise.resolve(child(entry) as DirectoryHandleLike) : notFound(),
    getFileHandle: (entry) =>
      typeof tree[entry] === 'string' ? Promise.resolve(child(entry) as FileHandleLike) : notFound(),
  };
}

describe('folderFromHandle', () => {
  it('lists zoom folders, samples the format, and reads tiles when asked', async () => {
    const handle = directory('tiles', {
      '12': { '3300': { '1700.webp': 'w' } },
      '13': { '6600': { '3400.webp': 'v' } },
      'tilemapresource.xml': '<x/>',
    });
    const result = await folderFromHandle(handle);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      name: 'tiles',
      tileCount: null,
      minZoom: 12,
      maxZoom: 13,
      format: 'webp',
    });
    expect(result.value.suggestedScheme).toBe('tms');
    expect(text(await result.value.read(13, 6600, 3400))).toBe('v');
    expect(await result.value.read(13, 6600, 1)).toBeNull();
    expect(await result.value.read(13, 1, 1)).toBeNull();
    expect(await result.value.read(9, 1, 1)).toBeNull();
  });

  it('looks one folder down, and refuses a folder without tiles', async () => {
    const nested = await folderFromHandle(directory('export', { tiles: { '5': { '1': { '2.png': 'p' } } } }));
    expect(nested.ok && nested.value.maxZoom).toBe(5);
    const empty = await folderFromHandle(directory('empty', { 'a.txt': 'x' }));
    expect(empty.ok).toBe(false);
  });
});

describe('pmtilesFromFile', () => {
  const red = solidPng([255, 0, 0]);
  const archive = buildPmtiles(
    [
      { z: 0, x: 0, y: 0, data: red },
      { z: 1, x: 1, y: 0, data: solidPng([0, 0, 255]) },
    ],
    { bounds: [104.5, 29.1, 105.1, 29.6] },
  );

  it('reads header and tiles by slicing the file', async () => {
    let sliced = 0;
    const blob = new Blob([archive]);
    const original = blob.slice.bind(blob);
    blob.slice = (...args: Parameters<Blob['slice']>) => {
      sliced++;
      return original(...args);
    };
    const result = await pmtilesFromFile(blob, 'town.pmtiles');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      kind: 'pmtiles',
      name: 'town.pmtiles',
      minZoom: 0,
      maxZoom: 1,
      format: 'png',
    });
    expect(result.value.bounds).toEqual([104.5, 29.1, 105.1, 29.6]);
    const tile = await result.value.read(0, 0, 0);
    expect(new Uint8Array(tile!)).toEqual(red);
    expect(await result.value.read(1, 0, 0)).toBeNull();
    expect(sliced).toBeGreaterThan(0);
  });

  it('refuses vector archives and files that are not PMTiles, in both languages', async () => {
    const vector = await pmtilesFromFile(
      new Blob([buildPmtiles([{ z: 0, x: 0, y: 0, data: new Uint8Array([1]) }], { tileType: TileType.Mvt })]),
      'v.pmtiles',
    );
    expect(vector.ok).toBe(false);
    if (!vector.ok) {
      expect(vector.problems[0]!.kind).toBe('pmtiles-not-raster');
      expect(vector.problems[0]!.message.zh).toContain('矢量');
    }
    const junk = await pmtilesFromFile(new Blob([new Uint8Array(200)]), 'junk.pmtiles');
    expect(junk.ok).toBe(false);
    if (!junk.ok) {
      expect(junk.problems[0]!.kind).toBe('pmtiles-unreadable');
      expect(junk.problems[0]!.message.en).toContain('junk.pmtiles');
    }
  });
});
