import type { TargetStatus } from '../../shared/model';

/**
 * Colours of household-target status, the same in map, list and report (ui.md). They differ in lightness
 * as well as hue so that red-green colour-blind users can tell them apart; exclusive grids are hatched.
 */
export const STATUS_COLOURS: Record<TargetStatus, string> = {
  under: '#5b9bd5',
  ok: '#2e9e5b',
  over: '#e8791d',
  none: '#7b4ea3',
};

export const PROBLEM_COLOUR = '#d62728';
export const SELECTION_COLOUR = '#1b1b2f';
/** What the measure tools measured (测距, 测面积). */
export const MEASURE_COLOUR = '#0b5cad';
