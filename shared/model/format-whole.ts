/**
 * A count for people: rounded, with thousands separators (1,739), the same in Chinese and English text,
 * in every message and report alike.
 */
export function formatWhole(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
