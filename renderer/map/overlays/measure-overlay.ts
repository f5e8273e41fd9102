import { MEASURE_COLOUR } from '../colours';
import type { MapOverlay } from '../map-overlay';

/**
 * The shape the measure tools (测距, 测面积) measured, with its figures beside its last vertex: a dark
 * blue dashed line (and a light fill for an area), on top of everything so it is never hidden.
 */
export const MEASURE_OVERLAY: MapOverlay = {
  id: 'gp-measure',
  layers: [
    {
      id: 'measure-fill',
      type: 'fill',
      source: 'gp-measure',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': MEASURE_COLOUR, 'fill-opacity': 0.12 },
    },
    {
      id: 'measure-line',
      type: 'line',
      source: 'gp-measure',
      filter: ['==', ['get', 'kind'], 'shape'],
      paint: { 'line-color': MEASURE_COLOUR, 'line-width': 2.5, 'line-dasharray': [3, 1.5] },
    },
    {
      id: 'measure-label',
      type: 'symbol',
      source: 'gp-measure',
      filter: ['==', ['get', 'kind'], 'label'],
      layout: {
        'text-field': ['get', 'text'],
        'text-size': 13,
        'text-anchor': 'bottom-left',
        'text-offset': [0.6, -0.4],
        'text-allow-overlap': true,
        'text-max-width': 30,
      },
      paint: { 'text-color': MEASURE_COLOUR, 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
  ],
};
