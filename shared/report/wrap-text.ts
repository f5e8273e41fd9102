import type { MeasureText } from './map-scene';

/**
 * Breaks a text into lines no wider than `width`: Chinese may break between any two characters, Latin
 * words at spaces (a word longer than the line is broken where it must).
 */
export function wrapText(
  value: string,
  width: number,
  size: number,
  measure: MeasureText,
  bold = false,
): string[] {
  const lines: string[] = [];
  for (const paragraph of value.split(/\r?\n/)) {
    const tokens = paragraph.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+/g) ?? [''];
    let line = '';
    for (const token of tokens) {
      const candidate = line + token;
      if (line === '' || measure(candidate, size, bold) <= width) {
        line = candidate;
        continue;
      }
      lines.push(line.trimEnd());
      line = token.trimStart();
      while (line !== '' && measure(line, size, bold) > width) {
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut), size, bold) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
