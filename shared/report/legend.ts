import type { Hatch, MeasureText, Rgb, SceneItem } from './map-scene';
import { INK } from './map-styles';
import { wrapText } from './wrap-text';

/** One line of a map legend: a swatch (area or line sample), its words and an optional note. */
export interface LegendEntry {
  readonly swatch: {
    readonly fill?: Rgb;
    readonly stroke?: Rgb;
    readonly strokeWidth?: number;
    readonly dash?: readonly number[];
    readonly hatch?: Hatch;
  };
  readonly text: string;
  readonly note?: string;
  /** Drawn as a line sample instead of a box. */
  readonly line?: boolean;
  /** A cased road sample (grey with a white core). */
  readonly road?: boolean;
}

/** Legend items from (x, y) downwards in a column `width` wide. */
export function legendItems(
  entries: readonly LegendEntry[],
  x: number,
  y: number,
  width: number,
  measure: MeasureText,
  size = 10,
): SceneItem[] {
  const items: SceneItem[] = [];
  let top = y;
  const swatchWidth = 26;
  const swatchHeight = 14;
  for (const entry of entries) {
    const middle = top + swatchHeight / 2;
    if (entry.line) {
      const lines = [
        [
          [x, middle],
          [x + swatchWidth, middle],
        ] as const,
      ];
      items.push({
        kind: 'line',
        lines,
        stroke: entry.swatch.stroke ?? INK.text,
        strokeWidth: entry.swatch.strokeWidth ?? 1,
        dash: entry.swatch.dash,
      });
      if (entry.road) items.push({ kind: 'line', lines, stroke: INK.roadInner, strokeWidth: 2 });
    } else {
      items.push({
        kind: 'area',
        rings: [
          [
            [x, top],
            [x + swatchWidth, top],
            [x + swatchWidth, top + swatchHeight],
            [x, top + swatchHeight],
          ],
        ],
        fill: entry.swatch.fill,
        stroke: entry.swatch.stroke,
        strokeWidth: entry.swatch.strokeWidth,
        dash: entry.swatch.dash,
        hatch: entry.swatch.hatch,
      });
    }
    const textX = x + swatchWidth + 8;
    const lines = wrapText(entry.text, width - swatchWidth - 8, size, measure);
    lines.forEach((line, i) => {
      items.push({
        kind: 'text',
        x: textX,
        y: middle + i * size * 1.3,
        text: line,
        size,
        colour: INK.text,
        anchor: 'start',
      });
    });
    top += Math.max(swatchHeight, lines.length * size * 1.3) + 2;
    if (entry.note) {
      items.push({
        kind: 'text',
        x: textX,
        y: top + size * 0.4,
        text: entry.note,
        size: size * 0.8,
        colour: INK.muted,
        anchor: 'start',
      });
      top += size * 1.1;
    }
    top += 6;
  }
  return items;
}
