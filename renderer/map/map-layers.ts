import type { FeatureCollection } from 'geojson';
import type { GeoJSONSourceSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { CENSUS_TILE_MAX_ZOOM } from '../workers/census-pyramid';
import { CENSUS_TILE_LAYER } from '../workers/census-tile-protocol';
import { censusTileUrl } from './census-tile-url';
import {
  OVER_HATCH_COLOUR,
  PROBLEM_COLOUR,
  SELECTION_COLOUR,
  STATUS_COLOURS,
  UNTARGETED_COLOUR,
} from './colours';

/** Source ids of the division layers drawn on the map. */
export const SOURCES = {
  township: 'gp-township',
  community: 'gp-community',
  grid: 'gp-grid',
  microgrid: 'gp-microgrid',
  census: 'gp-census',
  issues: 'gp-issues',
} as const;

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Red, green and blue of a `#rrggbb` colour. */
function rgbOf(hex: string): [number, number, number] {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
}

/**
 * A diagonal hatch drawn in code (no image files to fetch): exclusive grids and gaps rising to the right
 * ("/"), grids over their target falling ("\\").
 */
function hatchImage(
  rgba: [number, number, number, number],
  direction: '/' | '\\' = '/',
): {
  width: number;
  height: number;
  data: Uint8Array;
} {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const along = direction === '/' ? x + y : x - y + size;
      if (along % size === 0 || (along + 1) % size === 0) data.set(rgba, (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

/**
 * A grid's fill by its target status. Untargeted grids share the layer of the others (exclusive ones are
 * hatched instead): one fill layer, one WebGL program to compile as the map opens (hundreds of
 * milliseconds each with a software renderer), where two layers of different paint kinds needed two.
 */
const statusColour: unknown[] = [
  'match',
  ['get', 'status'],
  'under',
  STATUS_COLOURS.under,
  'ok',
  STATUS_COLOURS.ok,
  'over',
  STATUS_COLOURS.over,
  'none',
  UNTARGETED_COLOUR,
  STATUS_COLOURS.none,
];

/** Fill layers a click on a grid can hit. */
export const GRID_FILL_LAYERS = ['grid-fill', 'grid-exclusive-fill'];

/** The census layers: clusters and single points. */
export const CENSUS_LAYERS = ['census-cluster', 'census-point'];

/** Adds the division's sources and layers to a map whose style has loaded. */
export function addDivisionLayers(map: MapLibreMap): void {
  map.addImage('gp-hatch-exclusive', hatchImage([123, 78, 163, 200]));
  map.addImage('gp-hatch-over', hatchImage([...rgbOf(OVER_HATCH_COLOUR), 220], '\\'));
  const geojson = (extra: Partial<GeoJSONSourceSpecification> = {}): GeoJSONSourceSpecification => ({
    type: 'geojson',
    data: empty,
    ...extra,
  });
  map.addSource(SOURCES.township, geojson());
  map.addSource(SOURCES.community, geojson());
  // Grids are identified by their id, so a change of their figures is sent as a diff (grid-source.ts).
  map.addSource(SOURCES.grid, geojson({ promoteId: 'id' }));
  map.addSource(SOURCES.microgrid, geojson());
  map.addSource(SOURCES.issues, geojson());
  // The problems overlay (overlays/problems-overlay.ts) hatches gaps with it.
  map.addImage('gp-hatch-problem', hatchImage([214, 39, 40, 230]));
  // Clustering keeps a million points readable at township zoom; the sum of households is shown per
  // cluster. The tiles are made by our worker (use-census-source.ts); until a census is binned, none.
  map.addSource(SOURCES.census, {
    type: 'vector',
    tiles: [censusTileUrl(0, 0)],
    maxzoom: CENSUS_TILE_MAX_ZOOM,
  });

  const layers: LayerSpecification[] = [
    {
      id: 'community-fill',
      type: 'fill',
      source: SOURCES.community,
      paint: { 'fill-color': ['case', ['get', 'divided'], '#ffffff', '#fff7d6'], 'fill-opacity': 0.6 },
    },
    {
      id: 'grid-fill',
      type: 'fill',
      source: SOURCES.grid,
      // Every grid but an exclusive one without a target, which grid-exclusive-fill hatches.
      filter: ['any', ['!=', ['get', 'status'], 'none'], ['!', ['get', 'exclusive']]],
      paint: { 'fill-color': statusColour as never, 'fill-opacity': 0.45 },
    },
    {
      // Over the target: hatched too, so it is told from within the target without its hue (ui.md).
      id: 'grid-over-hatch',
      type: 'fill',
      source: SOURCES.grid,
      filter: ['==', ['get', 'status'], 'over'],
      paint: { 'fill-pattern': 'gp-hatch-over' },
    },
    {
      id: 'grid-exclusive-fill',
      type: 'fill',
      source: SOURCES.grid,
      filter: ['get', 'exclusive'],
      paint: { 'fill-pattern': 'gp-hatch-exclusive' },
    },
    {
      id: 'grid-line',
      type: 'line',
      source: SOURCES.grid,
      paint: {
        'line-color': ['case', ['get', 'exclusive'], STATUS_COLOURS.none, '#3b3b3b'],
        'line-width': ['case', ['get', 'exclusive'], 2.2, 1],
      },
    },
    {
      // 锁定: a locked grid has a dashed dark-gold inner outline (and ［锁定］ in its label).
      id: 'grid-locked-line',
      type: 'line',
      source: SOURCES.grid,
      filter: ['==', ['get', 'locked'], true],
      paint: { 'line-color': '#8a6d00', 'line-width': 3, 'line-dasharray': [2, 1.5], 'line-offset': 2 },
    },
    {
      id: 'microgrid-line',
      type: 'line',
      source: SOURCES.microgrid,
      paint: { 'line-color': '#555', 'line-width': 0.8, 'line-dasharray': [3, 2] },
    },
    {
      // Micro-grids picked for merging, outlined like a selected grid.
      id: 'microgrid-selected',
      type: 'line',
      source: SOURCES.microgrid,
      filter: ['in', ['get', 'id'], ['literal', []]],
      paint: { 'line-color': SELECTION_COLOUR, 'line-width': 3 },
    },
    {
      id: 'community-line',
      type: 'line',
      source: SOURCES.community,
      paint: { 'line-color': '#8a5a00', 'line-width': 2.2 },
    },
    {
      id: 'township-line',
      type: 'line',
      source: SOURCES.township,
      paint: { 'line-color': '#4a2c00', 'line-width': 3.5, 'line-dasharray': [4, 2] },
    },
    {
      id: 'grid-selected',
      type: 'line',
      source: SOURCES.grid,
      filter: ['in', ['get', 'id'], ['literal', []]],
      paint: { 'line-color': SELECTION_COLOUR, 'line-width': 4 },
    },
    {
      // Grids concerned by the issue chosen in the 问题 tab.
      id: 'grid-highlight',
      type: 'line',
      source: SOURCES.grid,
      filter: ['in', ['get', 'id'], ['literal', []]],
      paint: { 'line-color': PROBLEM_COLOUR, 'line-width': 3.5, 'line-dasharray': [2, 1] },
    },
    {
      id: 'census-cluster',
      type: 'circle',
      source: SOURCES.census,
      'source-layer': CENSUS_TILE_LAYER,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#6b6b6b',
        'circle-opacity': 0.55,
        'circle-radius': ['interpolate', ['linear'], ['get', 'households'], 10, 6, 500, 14, 5000, 24],
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'census-point',
      type: 'circle',
      source: SOURCES.census,
      'source-layer': CENSUS_TILE_LAYER,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': '#444',
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 1.5, 17, 4],
        'circle-opacity': 0.7,
      },
    },
    {
      // Where each overlap, gap or part outside the village is: solid red for errors, orange ring for
      // warnings, larger for the selected one.
      id: 'issue-point',
      type: 'circle',
      source: SOURCES.issues,
      paint: {
        'circle-color': ['case', ['==', ['get', 'severity'], 'error'], PROBLEM_COLOUR, '#ffffff'],
        'circle-stroke-color': ['case', ['==', ['get', 'severity'], 'error'], '#ffffff', STATUS_COLOURS.over],
        'circle-stroke-width': 2,
        'circle-radius': ['case', ['get', 'selected'], 10, 6],
      },
    },
    {
      id: 'community-label',
      type: 'symbol',
      source: SOURCES.community,
      maxzoom: 15,
      layout: { 'text-field': ['get', 'name'], 'text-size': 15, 'symbol-placement': 'point' },
      paint: { 'text-color': '#5a3a00', 'text-halo-color': '#fff', 'text-halo-width': 1.5 },
    },
    {
      id: 'grid-label',
      type: 'symbol',
      source: SOURCES.grid,
      minzoom: 13.5,
      layout: { 'text-field': ['get', 'label'], 'text-size': 12, 'text-allow-overlap': false },
      paint: { 'text-color': '#1e1e1e', 'text-halo-color': '#fff', 'text-halo-width': 1.2 },
    },
  ];
  for (const layer of layers) map.addLayer(layer);
}
