import type { StyleSpecification } from 'maplibre-gl';

/**
 * The default basemap: a plain paper-coloured background and nothing fetched from anywhere. There is
 * no `glyphs` URL on purpose: MapLibre then draws label text with the system's local fonts, so Chinese
 * labels work offline. Basemaps with tiles are added later as extra sources, never by setStyle (it would
 * drop the editing layers).
 */
export function offlineBasemapStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'GridPlan offline',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1eb' } }],
  };
}
