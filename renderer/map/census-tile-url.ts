import maplibregl from 'maplibre-gl';
import type { CensusTileClient } from './census-tile-client';

const PROTOCOL = 'gp-census';
const clients = new Map<number, CensusTileClient>();
let lastKey = 0;
let installed = false;

/**
 * The census source's tile URL: which map's client (`key`) and which census (`revision`), so a new
 * census is a new URL and MapLibre drops the tiles of the old one. Key 0 has no client: empty tiles.
 */
export function censusTileUrl(key: number, revision: number): string {
  return `${PROTOCOL}://${key}/${revision}/{z}/{x}/{y}`;
}

/** A census tile URL, made once (it is matched for every tile MapLibre asks for). */
const TILE_URL = new RegExp(`^${PROTOCOL}://(\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+)$`);

/** Key, revision, z, x, y of a census tile URL; null for anything else. */
export function parseCensusTileUrl(url: string): [number, number, number, number, number] | null {
  const match = TILE_URL.exec(url);
  if (!match) return null;
  return match.slice(1).map(Number) as [number, number, number, number, number];
}

/**
 * Lets MapLibre load `gp-census://` tiles from the client registered under the URL's key (its worker
 * makes them). Returns the key for {@link censusTileUrl}; `unregister` when the map goes.
 */
export function registerCensusTiles(client: CensusTileClient): { key: number; unregister: () => void } {
  if (!installed) {
    installed = true;
    maplibregl.addProtocol(PROTOCOL, async (params, abortController) => {
      const parsed = parseCensusTileUrl(params.url);
      const owner = parsed ? clients.get(parsed[0]) : undefined;
      if (!parsed || !owner) return { data: new ArrayBuffer(0) };
      const [, revision, z, x, y] = parsed;
      const bytes = await owner.tile(revision, z, x, y, abortController.signal);
      // The worker's bytes are exactly one buffer (point-tile-writer copies its result out); a fresh one
      // each time, as MapLibre may hand it on to its worker.
      return { data: bytes.byteLength === 0 ? new ArrayBuffer(0) : bytes.buffer };
    });
  }
  const key = ++lastKey;
  clients.set(key, client);
  return { key, unregister: () => clients.delete(key) };
}
