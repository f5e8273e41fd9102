import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { sendGeoJson } from './send-geojson';

/**
 * A GeoJSON layer group drawn over (or between) the division's layers, declared as data: one source
 * named `id` and its layers. A new map layer (reference lines, review marks…) is one overlay file in
 * renderer/map/overlays/ and one entry in renderer/shell/map-overlay-items.ts that says where its data
 * comes from; `MapView` adds it once the style has loaded and re-sends its data only when it changes.
 */
export interface MapOverlay {
  /** The id of its GeoJSON source (`source` of every layer). */
  readonly id: string;
  /** Its layers, bottom to top. */
  readonly layers: readonly LayerSpecification[];
  /** The layer of the division the overlay goes under; on top of everything when absent. */
  readonly beforeLayer?: string;
}

/** An overlay with the features it shows now (the same object while they have not changed). */
export interface OverlayData {
  readonly overlay: MapOverlay;
  readonly data: FeatureCollection;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Adds an overlay's source (empty) and layers to a map whose style has loaded. */
export function addOverlay(map: MapLibreMap, overlay: MapOverlay): void {
  map.addSource(overlay.id, { type: 'geojson', data: EMPTY });
  const before = overlay.beforeLayer && map.getLayer(overlay.beforeLayer) ? overlay.beforeLayer : undefined;
  for (const layer of overlay.layers) map.addLayer(layer, before);
}

/** Sends an overlay's features to its source. */
export function setOverlayData(map: MapLibreMap, overlay: MapOverlay, data: FeatureCollection): void {
  sendGeoJson(map.getSource<GeoJSONSource>(overlay.id), data);
}
