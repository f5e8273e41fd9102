import { PROBLEM_COLOUR } from '../colours';
import type { MapOverlay } from '../map-overlay';

/**
 * Gaps red hatched, overlaps red solid, parts outside the village a red outline (ui.md); drawn from the
 * validator's own trapezoids (renderer/derive/problem-shapes.ts), so they show exactly what was
 * measured. Under the outline of the grids of the chosen issue.
 */
export const PROBLEMS_OVERLAY: MapOverlay = {
  id: 'gp-problems',
  beforeLayer: 'grid-highlight',
  layers: [
    {
      id: 'problem-gap',
      type: 'fill',
      source: 'gp-problems',
      filter: ['==', ['get', 'kind'], 'gap'],
      paint: { 'fill-pattern': 'gp-hatch-problem' },
    },
    {
      id: 'problem-overlap',
      type: 'fill',
      source: 'gp-problems',
      filter: ['==', ['get', 'kind'], 'overlap'],
      paint: { 'fill-color': PROBLEM_COLOUR, 'fill-opacity': 0.75, 'fill-antialias': false },
    },
    {
      id: 'problem-outside',
      type: 'fill',
      source: 'gp-problems',
      filter: ['==', ['get', 'kind'], 'outside'],
      // Faint: the outline below says it; the fill only shows which side is outside.
      paint: { 'fill-color': PROBLEM_COLOUR, 'fill-opacity': 0.12, 'fill-antialias': false },
    },
    {
      id: 'problem-outside-outline',
      type: 'line',
      source: 'gp-problems',
      filter: ['==', ['get', 'kind'], 'outside-outline'],
      paint: { 'line-color': PROBLEM_COLOUR, 'line-width': 2.5 },
    },
  ],
};
