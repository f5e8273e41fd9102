import type { Feature, FeatureCollection } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import { labelOf } from '../../shared/formats/reference-layer-import';
import type { ReferenceLayer } from '../../shared/model';

/** The one GeoJSON source all visible reference layers (参考图层) are drawn from. */
export const REFERENCE_SOURCE = 'gp-references';

/** Reference features go right under the grids: above the community fill, below the grid colours. */
export const REFERENCE_BELOW_LAYER = 'grid-fill';
/** Their labels go under the division's own labels. */
export const REFERENCE_LABELS_BELOW_LAYER = 'community-label';

/**
 * The features of the visible layers, each tagged with its layer's role and id and a `label` from the
 * layer's label field, as one collection: one source, so showing or hiding a layer is one setData.
 */
export function referenceCollection(layers: readonly ReferenceLayer[]): FeatureCollection {
  const features: Feature[] = [];
  for (const layer of layers) {
    if (!layer.visible) continue;
    for (const feature of layer.features) {
      const label = labelOf(layer, feature);
      features.push({
        type: 'Feature',
        geometry: feature.geometry,
        properties: { layer: layer.id, role: layer.role, ...(label ? { label } : {}) },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

const isRole = (...roles: string[]): unknown[] => ['in', ['get', 'role'], ['literal', roles]];
const lines: unknown[] = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]];
const polygons: unknown[] = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];

/**
 * How each role is drawn: roads grey with a white casing (as on a street map), rivers blue, railways
 * dashed, compounds lightly filled and outlined, buildings and neighbours' grids outlined. Widths grow
 * with the zoom so streets read as streets when a planner draws along them.
 */
export function referenceLayerSpecs(): { features: LayerSpecification[]; labels: LayerSpecification[] } {
  const source = REFERENCE_SOURCE;
  const width = (at12: number, at18: number) =>
    ['interpolate', ['linear'], ['zoom'], 12, at12, 18, at18] as unknown as number;
  const features: LayerSpecification[] = [
    {
      id: 'ref-compound-fill',
      type: 'fill',
      source,
      filter: ['all', polygons, isRole('compound')] as never,
      paint: { 'fill-color': '#c9b8e8', 'fill-opacity': 0.35 },
    },
    {
      id: 'ref-polygon-line',
      type: 'line',
      source,
      filter: ['all', polygons] as never,
      paint: {
        'line-color': [
          'match',
          ['get', 'role'],
          'compound',
          '#7b5ea7',
          'building',
          '#8c6d4f',
          'neighbour',
          '#d95f02',
          '#666666',
        ] as never,
        'line-width': width(0.8, 1.6),
        'line-dasharray': [
          'case',
          ['==', ['get', 'role'], 'neighbour'],
          ['literal', [3, 2]],
          ['literal', [1, 0]],
        ] as never,
      },
    },
    {
      id: 'ref-road-casing',
      type: 'line',
      source,
      filter: ['all', lines, isRole('road')] as never,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': width(3, 12) },
    },
    {
      id: 'ref-road',
      type: 'line',
      source,
      filter: ['all', lines, isRole('road')] as never,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#9a9a9a', 'line-width': width(1.5, 8) },
    },
    {
      id: 'ref-river',
      type: 'line',
      source,
      filter: ['all', lines, isRole('river')] as never,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#4a90d9', 'line-width': width(2, 8) },
    },
    {
      id: 'ref-railway',
      type: 'line',
      source,
      filter: ['all', lines, isRole('railway')] as never,
      paint: { 'line-color': '#444444', 'line-width': width(1.5, 4), 'line-dasharray': [3, 3] },
    },
    {
      id: 'ref-other-line',
      type: 'line',
      source,
      filter: ['all', lines, ['!', isRole('road', 'river', 'railway')]] as never,
      paint: { 'line-color': '#777777', 'line-width': width(1, 3) },
    },
  ];
  const labels: LayerSpecification[] = [
    {
      id: 'ref-line-label',
      type: 'symbol',
      source,
      minzoom: 14,
      filter: ['all', lines, ['has', 'label']] as never,
      layout: { 'text-field': ['get', 'label'], 'text-size': 12, 'symbol-placement': 'line' },
      paint: { 'text-color': '#333333', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: 'ref-polygon-label',
      type: 'symbol',
      source,
      minzoom: 15,
      filter: ['all', polygons, ['has', 'label'], isRole('compound')] as never,
      layout: { 'text-field': ['get', 'label'], 'text-size': 12 },
      paint: { 'text-color': '#5b3f8a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
  return { features, labels };
}

/** The box [minX, minY, maxX, maxY] of a layer's features, or null when it has none. */
export function referenceBounds(layer: ReferenceLayer): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [x, y] = value as [number, number];
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    } else value.forEach(visit);
  };
  for (const feature of layer.features) visit(feature.geometry.coordinates);
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}
