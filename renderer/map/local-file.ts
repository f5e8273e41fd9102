import type { Result } from '../../shared/model';
import { geotiffFromFile, looksLikeTiff } from './geotiff-tiles';
import type { LocalTileSet } from './local-tiles';
import { pmtilesFromFile } from './local-tiles';

/**
 * A local basemap file: a PMTiles archive of tiles, or an orthophoto GeoTIFF (影像) made into tiles on
 * demand. Told apart by their first bytes, not the name, so a `.tiff` or `.TIF` or a renamed file works.
 */
export async function openLocalFile(file: Blob, name: string): Promise<Result<LocalTileSet>> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return looksLikeTiff(head) ? geotiffFromFile(file, name) : pmtilesFromFile(file, name);
}

/** What the file choosers accept for a local basemap file. */
export const LOCAL_FILE_ACCEPT = '.pmtiles,.tif,.tiff';
