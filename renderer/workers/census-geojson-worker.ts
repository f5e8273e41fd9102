/// <reference lib="webworker" />
// The census layer's GeoJSON, written here from the points' columns. Built in the window, a million
// point features (objects, then a structured clone into MapLibre's worker) held the window's thread for
// most of the time it took to open a city-sized project (bench/app-open-bench.ts). The text goes back as
// bytes (transferred, not copied); the map hands MapLibre a blob URL of it, which MapLibre reads and
// clusters in its own worker.
import type { CensusGeoJsonReply, CensusGeoJsonRequest } from './census-geojson-protocol';
import { censusGeoJsonText } from './census-geojson-text';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<CensusGeoJsonRequest>) => {
  const { seq, lon, lat, households } = event.data;
  const bytes = new TextEncoder().encode(censusGeoJsonText(lon, lat, households));
  const reply: CensusGeoJsonReply = { seq, bytes };
  self.postMessage(reply, [bytes.buffer]);
};
