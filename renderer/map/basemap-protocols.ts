import maplibregl from 'maplibre-gl';
import { FOLDER_PROTOCOL, PMTILES_PROTOCOL, readLocalTile } from './local-tiles';

let installed = false;

/**
 * Lets MapLibre load `gp-folder://` and `pmtiles://` tiles from the files the planner chose. Raster
 * tiles are requested on the main thread, where these handlers run, so the File objects never have
 * to be sent to a worker. Installing twice is harmless.
 */
export function installLocalTileProtocols(): void {
  if (installed) return;
  installed = true;
  const load = async (params: { url: string }, abortController: AbortController) => ({
    data: await readLocalTile(params.url, abortController.signal),
  });
  maplibregl.addProtocol(FOLDER_PROTOCOL, load);
  maplibregl.addProtocol(PMTILES_PROTOCOL, load);
}
