import type { MeasureText } from './map-scene';

/** Punctuation a Chinese line never starts with: it stays on the line before, a little over the width. */
const NO_LINE_START = /^[）)］】》」』〕〉，。、；：！？…,.;:!?%]+$/;
/** Punctuation a Chinese line never ends with: it goes on with the next line. */
const NO_LINE_END = /[（(［【《「『〔〈“‘]$/;

/**
 * Breaks a text into lines no wider than `width`: Chinese may break between any two characters, but a
 * line neither starts with a closing mark （，。）） nor ends with an opening one （（《）; Latin words
 * break at spaces (a word longer than the line is broken where it must).
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
      // A closing mark hangs past the width, one at most: the line must fit without it.
      const hangs = token.length === 1 && NO_LINE_START.test(token) && measure(line, size, bold) <= width;
      if (line === '' || measure(candidate, size, bold) <= width || hangs) {
        line = candidate;
        continue;
      }
      // Else the character before goes down with it (……, ）。), as does an opening mark at the end.
      const carried =
        line.length > 1 && (NO_LINE_END.test(line) || NO_LINE_START.test(token)) ? line.slice(-1) : '';
      lines.push(line.slice(0, line.length - carried.length).trimEnd());
      line = (carried + token).trimStart();
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
