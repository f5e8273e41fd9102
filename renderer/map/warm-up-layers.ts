import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { SOURCES } from './map-layers';
import { sendGeoJson } from './send-geojson';

// Why: MapLibre compiles a layer's WebGL program the first time the layer draws, and asks at once whether
// the compile worked. That question waits until the GPU has finished every frame before it. Without a
// GPU (SwiftShader) each frame of a freshly opened project takes 100-650 ms, so the window stood 0.5 s in
// those waits while the project's grids appeared (bench/app-open-bench.ts --trace: GetShaderiv).
// While the project is still being read, the GPU has nothing to do: the division's layers are drawn then,
// once, with one small feature each, so their programs are compiled before the project's frames start.
// The map's canvas is hidden meanwhile (the `data-warming` attribute, styles.css): nothing of it is seen.

/**
 * A square of a few hundred metres around a position (tens of pixels at the map's first zoom): a smaller
 * one is simplified away when the source is tiled, and its layers then draw nothing.
 */
function speck(lng: number, lat: number): Geometry {
  const d = 0.002;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng - d, lat - d],
        [lng + d, lat - d],
        [lng + d, lat + d],
        [lng - d, lat + d],
        [lng - d, lat - d],
      ],
    ],
  };
}

function collection(...features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

function feature(geometry: Geometry, properties: Record<string, unknown>): Feature {
  return { type: 'Feature', properties, geometry };
}

/**
 * Features for each division source with the properties that make each of its layers draw (map-layers.ts):
 * a divided community with a name, a grid with a target, an exclusive grid, a locked grid, a
 * micro-grid, an error marker. None has an id: a click meanwhile selects nothing.
 */
export function warmUpData(lng: number, lat: number): Record<string, FeatureCollection> {
  const at = speck(lng, lat);
  return {
    [SOURCES.township]: collection(feature(at, { name: '网' })),
    [SOURCES.community]: collection(feature(at, { name: '网', code: '', divided: true })),
    [SOURCES.grid]: collection(
      feature(at, { status: 'ok', exclusive: false, locked: true, label: '网' }),
      feature(at, { status: 'none', exclusive: true, locked: false, label: '网' }),
    ),
    [SOURCES.microgrid]: collection(feature(at, { name: '网' })),
    [SOURCES.issues]: collection(
      feature({ type: 'Point', coordinates: [lng, lat] }, { severity: 'error', selected: false }),
    ),
  };
}

/**
 * Draws the division's layers (already added) once with a feature each, hidden, so their programs are
 * compiled while the GPU is idle. {@link endWarmUp} takes the features away before a project is shown.
 */
export function warmUpLayers(map: MapLibreMap): void {
  map.getContainer().dataset.warming = 'true';
  const { lng, lat } = map.getCenter();
  for (const [id, data] of Object.entries(warmUpData(lng, lat)))
    sendGeoJson(map.getSource<GeoJSONSource>(id), data);
  // Drawn once, the programs are made: the canvas comes back even if no project ever opens.
  void map.once('idle', () => endWarmUp(map));
}

/** Takes the warm-up features away and shows the map's canvas again. */
export function endWarmUp(map: MapLibreMap): void {
  const container = map.getContainer();
  if (container.dataset.warming === undefined) return;
  delete container.dataset.warming;
  for (const id of Object.keys(warmUpData(0, 0))) sendGeoJson(map.getSource<GeoJSONSource>(id), collection());
}
