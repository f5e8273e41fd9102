import type { MeasureText } from './map-scene';
import { wrapText } from './wrap-text';

/** A title laid out to a width: its size and its lines. */
export interface FittedTitle {
  readonly size: number;
  readonly lines: readonly string[];
}

/**
 * Fits a bold title to `width`: one line, shrunk from `maxSize` as far as `minSize`; a longer title is
 * wrapped at `minSize` on at most `maxLines` lines, the last cut with "…". A title of any length stays
 * on the page and readable (shrinking alone drew a 1,000-character name at half a point).
 */
export function fitTitle(
  value: string,
  width: number,
  measure: MeasureText,
  { maxSize, minSize, maxLines }: { maxSize: number; minSize: number; maxLines: number },
): FittedTitle {
  const size = Math.min(maxSize, (maxSize * width) / Math.max(1, measure(value, maxSize, true)));
  if (size >= minSize) return { size, lines: [value] };
  const lines = wrapText(value, width, minSize, measure, true);
  if (lines.length <= maxLines) return { size: minSize, lines };
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1]!}…`;
  while ([...last].length > 1 && measure(last, minSize, true) > width) {
    last = `${[...last].slice(0, -2).join('')}…`;
  }
  kept[maxLines - 1] = last;
  return { size: minSize, lines: kept };
}
