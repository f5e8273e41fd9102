import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { RefObject } from 'react';
import { useEffect } from 'react';
import type { ReferenceLayer } from '../../shared/model';
import {
  REFERENCE_BELOW_LAYER,
  REFERENCE_LABELS_BELOW_LAYER,
  REFERENCE_SOURCE,
  referenceCollection,
  referenceLayerSpecs,
} from './reference-map-layers';

/**
 * Draws the project's visible reference layers (参考图层) under the division, adding the source and its
 * layers once and re-sending the features when a layer is added, shown, hidden or deleted. The map
 * container gets `data-reference-features` (how many features are drawn) for the end-to-end tests.
 */
export function useReferenceLayers(
  mapRef: RefObject<MapLibreMap | null>,
  ready: boolean,
  layers: readonly ReferenceLayer[] | undefined,
): void {
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const data = referenceCollection(layers ?? []);
    const source = map.getSource<GeoJSONSource>(REFERENCE_SOURCE);
    if (source) source.setData(data);
    else {
      map.addSource(REFERENCE_SOURCE, { type: 'geojson', data });
      const specs = referenceLayerSpecs();
      const below = map.getLayer(REFERENCE_BELOW_LAYER) ? REFERENCE_BELOW_LAYER : undefined;
      for (const layer of specs.features) map.addLayer(layer, below);
      const labelsBelow = map.getLayer(REFERENCE_LABELS_BELOW_LAYER)
        ? REFERENCE_LABELS_BELOW_LAYER
        : undefined;
      for (const layer of specs.labels) map.addLayer(layer, labelsBelow);
    }
    map.getContainer().dataset.referenceFeatures = String(data.features.length);
  }, [mapRef, ready, layers]);
}
