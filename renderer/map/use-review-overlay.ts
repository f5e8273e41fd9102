import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { RefObject } from 'react';
import { useEffect, useRef } from 'react';
import { DIFF_COLOURS } from './diff-colours';
import { sendGeoJson } from './send-geojson';

/** What the 审核 tab draws over the division: a diff, comment pins, and whether a click places a pin. */
export interface ReviewOverlay {
  /** Diff shapes (renderer/review/review-features.ts): `kind` added / removed / changed / before. */
  readonly diff: FeatureCollection | null;
  /** Comment pins: `label` (its number in the list) and `resolved`. */
  readonly pins: FeatureCollection;
  /** True while the reviewer is choosing a point for a comment: the next click goes to `onPick`. */
  readonly picking: boolean;
  readonly onPick: (at: readonly [number, number]) => void;
}

const DIFF_SOURCE = 'review-diff';
const PIN_SOURCE = 'review-pins';

type Rgba = readonly [number, number, number, number];

function rgba(hex: string, alpha: number): Rgba {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, alpha];
}

/** A 12-pixel square pattern: "/" lines, "\" lines or both, over a light wash of the same colour. */
export function diffPattern(
  hex: string,
  lines: 'rising' | 'falling' | 'cross',
): { width: number; height: number; data: Uint8Array } {
  const size = 12;
  const data = new Uint8Array(size * size * 4);
  const ink = rgba(hex, 235);
  const wash = rgba(hex, 50);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const rising = (x + y) % size < 2;
      const falling = (x - y + size) % size < 2;
      const on = lines === 'rising' ? rising : lines === 'falling' ? falling : rising || falling;
      data.set(on ? ink : wash, (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

function addLayers(map: MapLibreMap): void {
  if (map.getSource(DIFF_SOURCE)) return;
  map.addImage('review-added', diffPattern(DIFF_COLOURS.added, 'rising'));
  map.addImage('review-removed', diffPattern(DIFF_COLOURS.removed, 'falling'));
  map.addImage('review-changed', diffPattern(DIFF_COLOURS.changed, 'cross'));
  const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
  map.addSource(DIFF_SOURCE, { type: 'geojson', data: empty });
  map.addSource(PIN_SOURCE, { type: 'geojson', data: empty });
  for (const kind of ['added', 'removed', 'changed'] as const) {
    map.addLayer({
      id: `review-diff-${kind}`,
      type: 'fill',
      source: DIFF_SOURCE,
      filter: ['==', ['get', 'kind'], kind],
      paint: { 'fill-pattern': `review-${kind}` },
    });
    map.addLayer({
      id: `review-diff-${kind}-line`,
      type: 'line',
      source: DIFF_SOURCE,
      filter: ['==', ['get', 'kind'], kind],
      paint: { 'line-color': DIFF_COLOURS[kind], 'line-width': 2.5 },
    });
  }
  map.addLayer({
    id: 'review-diff-before',
    type: 'line',
    source: DIFF_SOURCE,
    filter: ['==', ['get', 'kind'], 'before'],
    paint: { 'line-color': '#333333', 'line-width': 1.5, 'line-dasharray': [2, 2] },
  });
  map.addLayer({
    id: 'review-pins',
    type: 'circle',
    source: PIN_SOURCE,
    paint: {
      'circle-radius': 11,
      'circle-color': ['case', ['get', 'resolved'], '#9e9e9e', '#1b1b2f'],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: 'review-pin-labels',
    type: 'symbol',
    source: PIN_SOURCE,
    layout: { 'text-field': ['get', 'label'], 'text-size': 12, 'text-allow-overlap': true },
    paint: { 'text-color': '#ffffff' },
  });
}

/**
 * Keeps the review overlay (diff hatching and comment pins) on the map, above the division, and turns
 * a map click into a comment's point while picking. The container gets `data-review-diff` (number of
 * diff shapes) and `data-review-pins` for the end-to-end tests.
 */
export function useReviewOverlay(
  mapRef: RefObject<MapLibreMap | null>,
  ready: boolean,
  overlay: ReviewOverlay | undefined,
): void {
  const latest = useRef(overlay);
  useEffect(() => {
    latest.current = overlay;
  });

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return undefined;
    addLayers(map);
    const onClick = (event: MapMouseEvent): void => {
      const current = latest.current;
      if (current?.picking) current.onPick([event.lngLat.lng, event.lngLat.lat]);
    };
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
    };
  }, [mapRef, ready]);

  const diff = overlay?.diff ?? null;
  const pins = overlay?.pins;
  const picking = overlay?.picking ?? false;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const data = diff ?? { type: 'FeatureCollection', features: [] };
    sendGeoJson(map.getSource<GeoJSONSource>(DIFF_SOURCE), data);
    map.getContainer().dataset.reviewDiff = String(data.features.length);
  }, [mapRef, ready, diff]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const data = pins ?? { type: 'FeatureCollection', features: [] };
    sendGeoJson(map.getSource<GeoJSONSource>(PIN_SOURCE), data);
    map.getContainer().dataset.reviewPins = String(data.features.length);
  }, [mapRef, ready, pins]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.getCanvas().style.cursor = picking ? 'crosshair' : '';
  }, [mapRef, ready, picking]);
}
