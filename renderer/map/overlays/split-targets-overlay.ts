import type { MapOverlay } from '../map-overlay';

/** Dark red, apart from the problems' red by its dashes; the split line itself is drawn in red. */
const SPLIT_TARGET_COLOUR = '#7a1020';

/**
 * While a split line is drawn: the grids (or micro-grids) it would split, as the 拆分 tool will choose
 * them (renderer/tools/split-targets.ts), lightly filled with a thick dashed outline, so the planner sees
 * which grid is cut before finishing. On top of the division's layers, under Terra Draw's line.
 */
export const SPLIT_TARGETS_OVERLAY: MapOverlay = {
  id: 'gp-split-targets',
  layers: [
    {
      id: 'split-target-fill',
      type: 'fill',
      source: 'gp-split-targets',
      paint: { 'fill-color': SPLIT_TARGET_COLOUR, 'fill-opacity': 0.12 },
    },
    {
      id: 'split-target-line',
      type: 'line',
      source: 'gp-split-targets',
      paint: { 'line-color': SPLIT_TARGET_COLOUR, 'line-width': 3, 'line-dasharray': [2, 1] },
    },
  ],
};
