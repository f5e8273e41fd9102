import type { Feature, FeatureCollection } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import { labelOf } from '../../../shared/formats/reference-layer-import';
import type { ReferenceLayer } from '../../../shared/model';
import type { MapOverlay } from '../map-overlay';

/** The source of the visible reference layers' (参考图层) features. */
export const REFERENCE_SOURCE = 'gp-references';
/** The source of their labels (the same features: labels go higher up, under the division's labels). */
export const REFERENCE_LABEL_SOURCE = 'gp-reference-labels';

// One collection per list of layers (the list is a new array whenever a layer changes), so the map is
// sent features only when they changed.
const collections = new WeakMap<readonly ReferenceLayer[], FeatureCollection>();

/**
 * The features of the visible layers, each tagged with its layer's role and id and a `label` from the
 * layer's label field, as one collection: showing or hiding a layer is one setData.
 */
export function referenceCollection(layers: readonly ReferenceLayer[]): FeatureCollection {
  const cached = collections.get(layers);
  if (cached) return cached;
  const collection = buildCollection(layers);
  collections.set(layers, collection);
  return collection;
}

function buildCollection(layers: readonly ReferenceLayer[]): FeatureCollection {
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

type Paint = Record<string, unknown>;

/** A line layer of the reference features; `round` gives streets and rivers round caps and joins. */
function referenceLine(id: string, filter: unknown[], paint: Paint, round = false): LayerSpecification {
  return {
    id,
    type: 'line',
    source: REFERENCE_SOURCE,
    filter: filter as never,
    ...(round ? { layout: { 'line-cap': 'round', 'line-join': 'round' } } : {}),
    paint,
  };
}

/** A label of the reference features from `minzoom` on, dark text on a white halo. */
function referenceLabel(
  id: string,
  minzoom: number,
  filter: unknown[],
  color: string,
  layout: Record<string, unknown> = {},
): LayerSpecification {
  return {
    id,
    type: 'symbol',
    source: REFERENCE_LABEL_SOURCE,
    minzoom,
    filter: filter as never,
    layout: { 'text-field': ['get', 'label'], 'text-size': 12, ...layout } as never,
    paint: { 'text-color': color, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  };
}

/**
 * How each role is drawn: roads grey with a white casing (as on a street map), rivers blue, railways
 * dashed, compounds lightly filled and outlined, buildings and neighbours' grids outlined. Widths grow
 * with the zoom so streets read as streets when a planner draws along them.
 */
function referenceLayerSpecs(): { features: LayerSpecification[]; labels: LayerSpecification[] } {
  const width = (at12: number, at18: number) => ['interpolate', ['linear'], ['zoom'], 12, at12, 18, at18];
  const features: LayerSpecification[] = [
    {
      id: 'ref-compound-fill',
      type: 'fill',
      source: REFERENCE_SOURCE,
      filter: ['all', polygons, isRole('compound')] as never,
      paint: { 'fill-color': '#c9b8e8', 'fill-opacity': 0.35 },
    },
    referenceLine('ref-polygon-line', ['all', polygons], {
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
      ],
      'line-width': width(0.8, 1.6),
      'line-dasharray': [
        'case',
        ['==', ['get', 'role'], 'neighbour'],
        ['literal', [3, 2]],
        ['literal', [1, 0]],
      ],
    }),
    referenceLine(
      'ref-road-casing',
      ['all', lines, isRole('road')],
      { 'line-color': '#ffffff', 'line-width': width(3, 12) },
      true,
    ),
    referenceLine(
      'ref-road',
      ['all', lines, isRole('road')],
      { 'line-color': '#9a9a9a', 'line-width': width(1.5, 8) },
      true,
    ),
    referenceLine(
      'ref-river',
      ['all', lines, isRole('river')],
      { 'line-color': '#4a90d9', 'line-width': width(2, 8) },
      true,
    ),
    referenceLine('ref-railway', ['all', lines, isRole('railway')], {
      'line-color': '#444444',
      'line-width': width(1.5, 4),
      'line-dasharray': [3, 3],
    }),
    referenceLine('ref-other-line', ['all', lines, ['!', isRole('road', 'river', 'railway')]], {
      'line-color': '#777777',
      'line-width': width(1, 3),
    }),
  ];
  const labels: LayerSpecification[] = [
    referenceLabel('ref-line-label', 14, ['all', lines, ['has', 'label']], '#333333', {
      'symbol-placement': 'line',
    }),
    referenceLabel(
      'ref-polygon-label',
      15,
      ['all', polygons, ['has', 'label'], isRole('compound')],
      '#5b3f8a',
    ),
  ];
  return { features, labels };
}

const specs = referenceLayerSpecs();

/** Reference features go right under the grids: above the community fill, below the grid colours. */
export const REFERENCES_OVERLAY: MapOverlay = {
  id: REFERENCE_SOURCE,
  beforeLayer: 'grid-fill',
  layers: specs.features,
};

/** Their labels go under the division's own labels. */
export const REFERENCE_LABELS_OVERLAY: MapOverlay = {
  id: REFERENCE_LABEL_SOURCE,
  beforeLayer: 'community-label',
  layers: specs.labels,
};

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
