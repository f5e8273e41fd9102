import type { LocalText, TargetStatus } from '../model';
import { text } from '../model';
import type { Hatch, Rgb } from './map-scene';
import { hex } from './map-scene';

/** How an area is painted: fill, outline and an optional hatch. */
export interface AreaStyle {
  readonly fill?: Rgb;
  readonly stroke: Rgb;
  readonly strokeWidth: number;
  readonly dash?: readonly number[];
  readonly hatch?: Hatch;
}

/**
 * The colour meaning of ui.md, for paper: under blue, within green, over orange, no target purple outline
 * with a hatched fill. Red-green colour-blind readers tell them apart by lightness (under is the palest,
 * over the darkest) and by hatching (over: lines rising to the right; no target: falling), not by hue.
 */
export const TARGET_STYLES: Readonly<Record<TargetStatus, AreaStyle>> = {
  under: { fill: hex('#dbe8f7'), stroke: hex('#1d5fb4'), strokeWidth: 0.8 },
  ok: { fill: hex('#92c99b'), stroke: hex('#2b7a3d'), strokeWidth: 0.8 },
  over: {
    fill: hex('#efa561'),
    stroke: hex('#8f4500'),
    strokeWidth: 0.8,
    hatch: { colour: hex('#8f4500'), spacing: 4, angle: 45, width: 0.6 },
  },
  none: {
    fill: hex('#ffffff'),
    stroke: hex('#6b3fa0'),
    strokeWidth: 1,
    hatch: { colour: hex('#6b3fa0'), spacing: 4, angle: -45, width: 0.5 },
  },
};

/** Legend words of the target styles. */
export const TARGET_LEGEND: Readonly<Record<TargetStatus, LocalText>> = {
  under: text('户数不足', 'Under the household band'),
  ok: text('户数达标', 'Within the band'),
  over: text('户数超出', 'Over the band'),
  none: text('不设户数目标（如专属网格）', 'No household target (e.g. exclusive grid)'),
};

// Pale fills for telling communities apart on the public overview, alternating lightness so that
// neighbours differ without hue too.
const COMMUNITY_FILLS = [
  '#cfe3f3',
  '#f6dcb4',
  '#d5ecd0',
  '#ead5ee',
  '#f3efb8',
  '#c9e8e6',
  '#f2cfcf',
  '#dedede',
].map(hex);

/** The fill of the `index`-th community on the public overview. */
export function communityFill(index: number): Rgb {
  return COMMUNITY_FILLS[
    ((index % COMMUNITY_FILLS.length) + COMMUNITY_FILLS.length) % COMMUNITY_FILLS.length
  ]!;
}

/** Hatch of exclusive grids on the community-coloured maps (the purple of "no target"). */
export const EXCLUSIVE_HATCH: Hatch = { colour: hex('#6b3fa0'), spacing: 4, angle: -45, width: 0.5 };

/** Ink of the map: outlines, text, streets. */
export const INK = {
  text: hex('#1b1b1b'),
  muted: hex('#5a5a5a'),
  gridLine: hex('#4a4a4a'),
  community: hex('#222222'),
  township: hex('#000000'),
  focus: hex('#111111'),
  context: hex('#f0f0ee'),
  contextLine: hex('#9a9a9a'),
  paper: hex('#ffffff'),
  halo: hex('#ffffff'),
  road: hex('#8c8c8c'),
  roadInner: hex('#ffffff'),
  river: hex('#6fa8dc'),
  railway: hex('#555555'),
  compound: hex('#b9a88f'),
  problem: hex('#b3261e'),
  microgrid: hex('#333333'),
} as const;
