import type { LocalText } from './local-text';
import { text } from './local-text';
import type { TargetStatus } from './rule-set';
import type { ExclusiveCategory, GridStatus, GridType, StaffRole } from './types';

/**
 * The words of the domain's closed vocabularies (domain.md, ui.md), in one place for the UI (its i18n
 * tables are built from these), the CLI reports and the exports, so a term is changed once.
 */

/** Grid types as the UI names them in full (属性 panel, tree tooltips). */
export const GRID_TYPE_NAMES: Readonly<Record<GridType, LocalText>> = {
  urban: text('城市社区网格', 'Urban community grid'),
  rural: text('农村网格', 'Rural grid'),
  exclusive: text('专属网格', 'Exclusive grid'),
};

/** Grid types in tables and reports (the CLI's reports, the exported attribute tables). */
export const GRID_TYPE_LABELS: Readonly<Record<GridType | 'unknown', LocalText>> = {
  urban: text('城市社区', 'urban'),
  rural: text('农村', 'rural'),
  exclusive: text('专属', 'exclusive'),
  unknown: text('未填', 'not given'),
};

/** Grid types in the narrow tree rows. */
export const GRID_TYPE_SHORT: Readonly<Record<GridType, LocalText>> = {
  urban: text('城市', 'urban'),
  rural: text('农村', 'rural'),
  exclusive: text('专属', 'exclusive'),
};

/** Filing statuses of a grid. */
export const GRID_STATUS_LABELS: Readonly<Record<GridStatus, LocalText>> = {
  draft: text('草稿', 'Draft'),
  pending: text('待审', 'Pending review'),
  filed: text('已备案', 'Filed'),
  retired: text('注销', 'Retired'),
};

/** Categories of exclusive grids (专属网格类别). */
export const CATEGORY_LABELS: Readonly<Record<ExclusiveCategory, LocalText>> = {
  government: text('党政机关', 'Party and government bodies'),
  institution: text('企事业单位', 'Enterprises and institutions'),
  'office-building': text('商务楼宇', 'Office buildings'),
  'industrial-park': text('产业园区', 'Industrial parks'),
  market: text('商圈市场', 'Shopping districts and markets'),
  school: text('学校', 'School'),
  hospital: text('医院', 'Hospital'),
  transport: text('交通场站', 'Transport hubs'),
  park: text('景区/公园', 'Scenic areas/parks'),
  other: text('其他', 'Other'),
};

/** Roles of grid staff. */
export const ROLE_LABELS: Readonly<Record<StaffRole, LocalText>> = {
  leader: text('网格长', 'Grid leader'),
  'full-time': text('专职网格员', 'Full-time grid worker'),
  'part-time': text('兼职网格员', 'Part-time grid worker'),
  instructor: text('网格指导员', 'Grid instructor'),
  'micro-leader': text('微网格长', 'Micro-grid leader'),
};

/** Target status words of reports (ui.md colours: under blue, ok green, over orange, none purple). */
export const TARGET_LABELS: Readonly<Record<TargetStatus, LocalText>> = {
  under: text('不足', 'under'),
  ok: text('达标', 'ok'),
  over: text('超出', 'over'),
  none: text('不设目标', 'no target'),
};

/** One language of a vocabulary, as a plain table (for i18n resources and exports). */
export function wordsIn<K extends string>(
  vocabulary: Readonly<Record<K, LocalText>>,
  language: 'zh' | 'en',
): Record<K, string> {
  const words = {} as Record<K, string>;
  for (const key of Object.keys(vocabulary) as K[]) words[key] = vocabulary[key][language];
  return words;
}

/** The English word in the middle of a sentence ("grid leader 王芳"). */
export function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

/**
 * The smallest area, in m², that counts as a piece: smaller overlaps, gaps and slivers are not
 * reported (`--min-area` overrides it), and the editing commands drop them rather than make them.
 */
export const MIN_PIECE_AREA_M2 = 1;

/**
 * The narrowest average width, in metres, of a piece that counts (1 cm, finer than any survey a grid
 * is drawn from): a 1e-9° misfit along kilometres of shared edges makes a sliver of a few m² but under a
 * millimetre wide.
 */
export const MIN_PIECE_WIDTH_M = 0.01;
