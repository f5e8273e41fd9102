import { PROBLEM_COLOUR } from '../colours';
import type { MapOverlay } from '../map-overlay';

/**
 * Census points in no grid (问题: 未落格人口点): red dots with a white ring over the census clusters, so
 * that a planner sees where grids are missing; the issues panel lists them once per community.
 */
export const UNASSIGNED_OVERLAY: MapOverlay = {
  id: 'gp-unassigned',
  beforeLayer: 'issue-point',
  layers: [
    {
      id: 'unassigned-point',
      type: 'circle',
      source: 'gp-unassigned',
      paint: {
        'circle-color': PROBLEM_COLOUR,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 2, 14, 3.5, 17, 5],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
  ],
};
