import { DIFF_COLOURS } from '../map/diff-colours';
import {
  MEASURE_COLOUR,
  OVER_HATCH_COLOUR,
  PROBLEM_COLOUR,
  SELECTION_COLOUR,
  STATUS_COLOURS,
  UNTARGETED_COLOUR,
} from '../map/colours';

/** How one legend entry is drawn: the same paint the map layer uses, in a small square. */
export type LegendSwatch =
  | { readonly kind: 'fill'; readonly colour: string; readonly opacity: number; readonly outline?: string }
  | {
      readonly kind: 'hatch';
      readonly colour: string;
      /** Lines "/" , "\" or both ("x"), as the map's hatch images. */
      readonly direction: '/' | '\\' | 'x';
      readonly outline?: string;
      /** A fill under the lines (a grid over its target: its status fill, hatched). */
      readonly fill?: { readonly colour: string; readonly opacity: number };
    }
  | {
      readonly kind: 'line';
      readonly colour: string;
      readonly width: number;
      readonly dash?: readonly number[];
    }
  | { readonly kind: 'circle'; readonly colour: string; readonly stroke: string; readonly radius: number };

/** One row of the 图例 tab; `label` is a key under `legend.items`. */
export interface LegendEntry {
  readonly label: string;
  readonly swatch: LegendSwatch;
}

/** A group of rows; `title` is a key under `legend.groups`. */
export interface LegendGroup {
  readonly title: string;
  readonly entries: readonly LegendEntry[];
}

/**
 * Every colour and symbol the map draws, grouped as the planner meets them. The colours are taken from
 * the constants the map layers use (colours.ts, diff-colours.ts) or, where a layer writes its colour
 * inline (map-layers.ts, reference-overlay.ts), copied from it — keep the two in step.
 */
export const LEGEND_GROUPS: readonly LegendGroup[] = [
  {
    title: 'grids',
    entries: [
      {
        label: 'under',
        swatch: { kind: 'fill', colour: STATUS_COLOURS.under, opacity: 0.45, outline: '#3b3b3b' },
      },
      { label: 'ok', swatch: { kind: 'fill', colour: STATUS_COLOURS.ok, opacity: 0.45, outline: '#3b3b3b' } },
      {
        label: 'over',
        swatch: {
          kind: 'hatch',
          colour: OVER_HATCH_COLOUR,
          direction: '\\',
          outline: '#3b3b3b',
          fill: { colour: STATUS_COLOURS.over, opacity: 0.45 },
        },
      },
      {
        label: 'untargeted',
        swatch: { kind: 'fill', colour: UNTARGETED_COLOUR, opacity: 0.45, outline: '#3b3b3b' },
      },
      {
        label: 'exclusive',
        swatch: { kind: 'hatch', colour: STATUS_COLOURS.none, direction: '/', outline: STATUS_COLOURS.none },
      },
      { label: 'microgrid', swatch: { kind: 'line', colour: '#555555', width: 1, dash: [3, 2] } },
      { label: 'community', swatch: { kind: 'line', colour: '#8a5a00', width: 2.2 } },
      { label: 'township', swatch: { kind: 'line', colour: '#4a2c00', width: 3.5, dash: [4, 2] } },
      { label: 'selected', swatch: { kind: 'line', colour: SELECTION_COLOUR, width: 4 } },
      { label: 'locked', swatch: { kind: 'line', colour: '#8a6d00', width: 3, dash: [2, 1.5] } },
    ],
  },
  {
    title: 'problems',
    entries: [
      { label: 'gap', swatch: { kind: 'hatch', colour: PROBLEM_COLOUR, direction: '/' } },
      { label: 'overlap', swatch: { kind: 'fill', colour: PROBLEM_COLOUR, opacity: 0.75 } },
      {
        label: 'outside',
        swatch: { kind: 'fill', colour: PROBLEM_COLOUR, opacity: 0.12, outline: PROBLEM_COLOUR },
      },
      {
        label: 'unassigned',
        swatch: { kind: 'circle', colour: PROBLEM_COLOUR, stroke: '#ffffff', radius: 3.5 },
      },
      {
        label: 'issueError',
        swatch: { kind: 'circle', colour: PROBLEM_COLOUR, stroke: '#ffffff', radius: 6 },
      },
      {
        label: 'issueWarning',
        swatch: { kind: 'circle', colour: '#ffffff', stroke: STATUS_COLOURS.over, radius: 6 },
      },
    ],
  },
  {
    title: 'references',
    entries: [
      { label: 'road', swatch: { kind: 'line', colour: '#9a9a9a', width: 4 } },
      { label: 'river', swatch: { kind: 'line', colour: '#4a90d9', width: 4 } },
      { label: 'railway', swatch: { kind: 'line', colour: '#444444', width: 2.5, dash: [3, 3] } },
      { label: 'compound', swatch: { kind: 'fill', colour: '#c9b8e8', opacity: 0.35, outline: '#7b5ea7' } },
    ],
  },
  {
    title: 'review',
    entries: [
      { label: 'added', swatch: { kind: 'hatch', colour: DIFF_COLOURS.added, direction: '/' } },
      { label: 'removed', swatch: { kind: 'hatch', colour: DIFF_COLOURS.removed, direction: '\\' } },
      { label: 'changed', swatch: { kind: 'hatch', colour: DIFF_COLOURS.changed, direction: 'x' } },
    ],
  },
  {
    title: 'measure',
    entries: [
      { label: 'measured', swatch: { kind: 'line', colour: MEASURE_COLOUR, width: 2.5, dash: [3, 1.5] } },
    ],
  },
  {
    title: 'census',
    entries: [
      { label: 'cluster', swatch: { kind: 'circle', colour: '#6b6b6b', stroke: '#ffffff', radius: 8 } },
      { label: 'point', swatch: { kind: 'circle', colour: '#444444', stroke: '#444444', radius: 2.5 } },
    ],
  },
];
