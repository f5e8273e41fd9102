import type { TFunction } from 'i18next';

/** Formats an area the Chinese way: 平方米 below one hectare, 公顷 above. */
export function formatArea(t: TFunction, areaM2: number): string {
  if (areaM2 < 10_000) return t('units.areaM2', { value: Math.round(areaM2).toLocaleString('zh-CN') });
  return t('units.areaHa', { value: (areaM2 / 10_000).toFixed(2) });
}

/** Formats a count with grouping. */
export function formatCount(value: number): string {
  return value.toLocaleString('zh-CN');
}
