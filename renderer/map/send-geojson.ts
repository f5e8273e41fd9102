import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';

/**
 * How many features each GeoJSON source was last given through {@link sendGeoJson}. A source not here
 * holds none: every GeoJSON source of ours is added empty.
 */
const featureCounts = new WeakMap<GeoJSONSource, number>();

/**
 * Gives a GeoJSON source its features, but not an empty collection to a source that holds none. Each
 * `setData` is a round trip through MapLibre's worker, a tile reload and a repaint. While a project is
 * read, every source used to be "cleared" of nothing, and those repaints ran beside the read (30–150 ms
 * each with a software renderer, which reads every frame back: bench/app-open-bench.ts --trace).
 */
export function sendGeoJson(source: GeoJSONSource | undefined, data: FeatureCollection): void {
  if (!source) return;
  if ((featureCounts.get(source) ?? 0) === 0 && data.features.length === 0) return;
  featureCounts.set(source, data.features.length);
  source.setData(data);
}

/** A source changed by other means (`updateData`): its features are no longer known, so none is skipped. */
export function sourceChanged(source: GeoJSONSource): void {
  featureCounts.set(source, Number.NaN);
}
