import type { TargetStatus } from '../../shared/model';

/**
 * Colours of household-target status, the same in map, list and report (ui.md). Red-green colour-blind
 * users tell them apart by lightness and hatching, not hue: under is the palest (CIE L* 81), within
 * darker (58), over the darkest (51) and hatched as well (the map's `gp-hatch-over`, the tree's dot), as
 * the PDF reports do (shared/report/map-styles.ts); exclusive grids are hatched in purple.
 */
export const STATUS_COLOURS: Record<TargetStatus, string> = {
  under: '#a6cdf0',
  ok: '#2e9e5b',
  over: '#c45a00',
  none: '#7b4ea3',
};

/** The hatch over the fill of a grid over its target (STATUS_COLOURS.over, darker). */
export const OVER_HATCH_COLOUR = '#8c4000';

/** Grids with no household target that are not exclusive (e.g. rural grids under Zigong's rules). */
export const UNTARGETED_COLOUR = '#d9d4c7';

export const PROBLEM_COLOUR = '#d62728';
export const SELECTION_COLOUR = '#1b1b2f';
/** What the measure tools measured (测距, 测面积). */
export const MEASURE_COLOUR = '#0b5cad';
