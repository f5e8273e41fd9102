import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, MapSourceDataEvent, Map as MapLibreMap } from 'maplibre-gl';
import { SOURCES } from './map-layers';
import { sendGeoJson } from './send-geojson';

// Why: MapLibre compiles a layer's WebGL program the first time the layer draws, and asks at once whether
// the compile worked. That question waits until the GPU has finished every frame before it. Without a
// GPU (SwiftShader) each frame of a freshly opened project takes 100-650 ms, so the window stood 0.5 s in
// those waits while the project's grids appeared (bench/app-open-bench.ts --trace: GetShaderiv).
// While the project is still being read, the GPU has nothing to do: the division's GeoJSON layers are
// drawn then, once, with a feature each, so their programs are compiled before the project's frames start
// (the census layers, over a vector source of our worker's tiles, are not warmed). This costs a few cheap
// frames beside the read (send-geojson.ts avoids such frames otherwise): the read took 0.2-0.4 s longer,
// the waits were gone from the trace, and the map answered 0.91x and 0.98x the time without it in two
// nine- and eight-round runs, within the bench's noise (docs/benchmarks.md, seventh round).
// The map's canvas is hidden meanwhile (the `data-warming` attribute, styles.css), and shown again only
// after a frame without the warm-up features has been drawn (or 5 s after the warm-up ends at the latest).

/** The sources given a warm-up feature: the division's GeoJSON sources (map-layers.ts). */
export const WARMED_SOURCES = [
  SOURCES.township,
  SOURCES.community,
  SOURCES.grid,
  SOURCES.microgrid,
  SOURCES.issues,
] as const;

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
 * Features for each warmed source with the properties that make each of its layers draw (map-layers.ts):
 * a divided community with a name, a grid over its target (filled and hatched), an exclusive grid, a locked grid, a
 * micro-grid, an error marker. None has an id: a click meanwhile selects nothing.
 */
export function warmUpData(
  lng: number,
  lat: number,
): Record<(typeof WARMED_SOURCES)[number], FeatureCollection> {
  const at = speck(lng, lat);
  return {
    [SOURCES.township]: collection(feature(at, { name: '网' })),
    [SOURCES.community]: collection(feature(at, { name: '网', code: '', divided: true })),
    [SOURCES.grid]: collection(
      feature(at, { status: 'over', exclusive: false, locked: true, label: '网' }),
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
 * compiled while the GPU is idle. At the warm-up's first idle (the programs are made) the features are
 * taken away, unless {@link endWarmUp} came first.
 */
export function warmUpLayers(map: MapLibreMap): void {
  map.getContainer().dataset.warming = 'true';
  const { lng, lat } = map.getCenter();
  for (const [id, data] of Object.entries(warmUpData(lng, lat)))
    sendGeoJson(map.getSource<GeoJSONSource>(id), data);
  void map.once('idle', () => {
    if (map.getContainer().dataset.warming !== 'true') return;
    // Ended first, so that it sees these collections go to the worker.
    endWarmUp(map);
    for (const id of WARMED_SOURCES) sendGeoJson(map.getSource<GeoJSONSource>(id), collection());
  });
}

/** At most this long after the warm-up ends the canvas is shown, whatever the sources say. */
const SHOW_AT_LATEST_MS = 5000;

/**
 * Ends the warm-up: the canvas is shown again at the first frame drawn once every warmed source has been
 * sent new data (the project's, sent in the same commit; or the empty collections when no project came)
 * and has loaded it, so that frame holds none of the warm-up features (or after
 * {@link SHOW_AT_LATEST_MS} at the latest). Ending twice does nothing.
 */
export function endWarmUp(map: MapLibreMap): void {
  const container = map.getContainer();
  if (container.dataset.warming !== 'true') return;
  container.dataset.warming = 'ending';
  // A source's `sourcedataloading` after this point is new data going to its worker (MapLibre sends a
  // source's updates in order, so once it is loaded again the newest data is what it holds).
  const resent = new Set<string>();
  const onLoading = (event: MapSourceDataEvent): void => void resent.add(event.sourceId);
  const show = (): void => {
    map.off('sourcedataloading', onLoading);
    map.off('render', showWhenReplaced);
    clearTimeout(atLatest);
    delete container.dataset.warming;
  };
  const showWhenReplaced = (): void => {
    if (WARMED_SOURCES.every((id) => resent.has(id) && map.isSourceLoaded(id))) show();
  };
  const atLatest = setTimeout(show, SHOW_AT_LATEST_MS);
  map.on('sourcedataloading', onLoading);
  map.on('render', showWhenReplaced);
}
