import type { Layer, LocalText } from '../../model';
import { formatWhole, text } from '../../model';
import type { ValidationIssue } from '../validation-issue';

/** Names of the layers in both languages (ui.md words). */
export const LAYER_NAMES: Readonly<Record<Layer, LocalText>> = {
  township: text('乡镇/街道', 'township'),
  community: text('社区/行政村', 'community'),
  grid: text('网格', 'grid'),
  microgrid: text('微网格', 'micro-grid'),
  census: text('人口点', 'census point'),
};

/** The English plural of each layer's name ("communities", not "communitys"). */
export const LAYER_PLURALS_EN: Readonly<Record<Layer, string>> = {
  township: 'townships',
  community: 'communities',
  grid: 'grids',
  microgrid: 'micro-grids',
  census: 'census points',
};

/** What an entity is called in a message: layer, code and name. */
export function entityLabel(layer: Layer, code: string, name: string): LocalText {
  const layerName = LAYER_NAMES[layer];
  const zhCode = code === '' ? '（无编码）' : ` ${code}`;
  const enCode = code === '' ? ' (no code)' : ` ${code}`;
  const zhName = name === '' ? '' : `「${name}」`;
  const enName = name === '' ? '' : ` "${name}"`;
  return text(`${layerName.zh}${zhCode}${zhName}`, `${layerName.en}${enCode}${enName}`);
}

/** An area for people: one decimal below 100 m², whole square metres above. */
export function formatAreaM2(areaM2: number): LocalText {
  const value = areaM2 < 100 ? areaM2.toFixed(1) : formatWhole(areaM2);
  return text(`${value} 平方米`, `${value} m²`);
}

/** An English label at the start of a sentence. */
export function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** True for a missing or whitespace-only attribute. */
export function blank(value: string | undefined | null): boolean {
  return value === undefined || value === null || value.trim() === '';
}

/** What every issue about one entity shares: where it is and what it is. */
export type IssueBase = Pick<ValidationIssue, 'layer' | 'ids' | 'codes' | 'at'>;

/** `{ parentCode }` when there is one, to spread into an issue. */
export function withParent(parentCode: string | undefined): { parentCode?: string } {
  return parentCode ? { parentCode } : {};
}
