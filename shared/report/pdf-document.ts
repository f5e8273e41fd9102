import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import type { MeasureText, PageBox, Rgb, SceneItem, SceneText } from './map-scene';
import { INK } from './map-styles';
import { padSubsetGlyphs } from './pad-subset-glyphs';
import { drawSceneOnPdf } from './pdf-scene';
import type { PdfFaces } from './pdf-scene';

/**
 * The font files a PDF embeds, given by the host (the CLI reads them from the installed package, the app
 * fetches its bundled asset): Noto Sans SC (SIL Open Font License, which allows embedding). Only the
 * glyphs used are embedded (subset). Without a bold face the regular one is used for headings.
 */
export interface ReportFonts {
  readonly regular: Uint8Array;
  readonly bold?: Uint8Array;
}

/** Paper sizes in points (1/72 inch), portrait width × height. */
export const PAPER = {
  a4: [595.28, 841.89],
  a3: [841.89, 1190.55],
} as const;

/** A PDF being written: the document, its faces and a text measure from the real font metrics. */
export interface PdfBuilder {
  readonly doc: PDFDocument;
  readonly faces: PdfFaces;
  readonly measure: MeasureText;
  addPage(size: readonly [number, number]): PDFPage;
  save(): Promise<Uint8Array>;
}

// pdffonts and other readers recognise a subset by a six-letter tag before the name (ISO 32000 9.6.4).
// The tag is derived from the document title so that two documents' subsets have different names.
function subsetTag(seed: string, salt: number): string {
  let hash = 2166136261 ^ salt;
  for (const char of seed) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + ((hash >>> 0) % 26));
    hash = Math.imul(hash ^ (i + 1), 16777619);
  }
  return tag;
}

/**
 * Encoding or measuring a text lays it out with fontkit (milliseconds for CJK text; a notice prints
 * thousands of labels). Our texts are Chinese, digits and plain Latin, which this font neither ligates
 * nor kerns, so a text's glyphs and width are those of its characters one by one: each character is laid
 * out once and the results are joined. The encoding of a character never changes (the subset only grows).
 */
function perCharacter(font: PDFFont): (value: string, size: number) => number {
  const encode = font.encodeText.bind(font);
  const codes = new Map<string, string>();
  const hexOf = (char: string) => {
    let hex = codes.get(char);
    if (hex === undefined) {
      // `<0A1B>` → `0A1B`
      hex = encode(char).toString().slice(1, -1);
      codes.set(char, hex);
    }
    return hex;
  };
  font.encodeText = (value: string) => PDFHexString.of(Array.from(value, hexOf).join(''));
  const widths = new Map<string, number>();
  return (value, size) => {
    let unit = 0;
    for (const char of value) {
      let width = widths.get(char);
      if (width === undefined) {
        width = font.widthOfTextAtSize(char, 1);
        widths.set(char, width);
      }
      unit += width;
    }
    return unit * size;
  };
}

/**
 * Starts a PDF with the fonts embedded as subsets and the document information set (title, creator,
 * dates from `date`, so that the same input at the same date gives the same file).
 */
export async function createPdf(
  fonts: ReportFonts,
  info: { readonly title: string; readonly subject?: string; readonly date: Date },
): Promise<PdfBuilder> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular, {
    subset: true,
    customName: `${subsetTag(info.title, 1)}+NotoSansSC-Regular`,
  });
  const bold = fonts.bold
    ? await doc.embedFont(fonts.bold, {
        subset: true,
        customName: `${subsetTag(info.title, 2)}+NotoSansSC-Bold`,
      })
    : regular;
  padSubsetGlyphs(regular);
  const regularWidth = perCharacter(regular);
  if (bold !== regular) padSubsetGlyphs(bold);
  const boldWidth = bold === regular ? regularWidth : perCharacter(bold);
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.subject) doc.setSubject(info.subject);
  doc.setCreator('GridPlan 网格规划');
  doc.setProducer('GridPlan (pdf-lib)');
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  doc.setLanguage('zh-CN');
  const measure: MeasureText = (value, size, isBold) => (isBold ? boldWidth : regularWidth)(value, size);
  const faces: PdfFaces = { regular, bold, measure };
  return {
    doc,
    faces,
    measure,
    addPage: (size) => doc.addPage([size[0], size[1]]),
    save: () => doc.save({ useObjectStreams: true }),
  };
}

/** Draws loose scene items (texts, rules, boxes) on a whole page, unclipped. */
export function drawItems(page: PDFPage, items: readonly SceneItem[], faces: PdfFaces): void {
  const clip: PageBox = { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() };
  drawSceneOnPdf(page, { clip, items }, faces);
}

/** A text item with defaults: ink colour, start anchor, regular. */
export function label(
  x: number,
  y: number,
  value: string,
  size: number,
  more: Partial<Omit<SceneText, 'kind' | 'x' | 'y' | 'text' | 'size'>> = {},
): SceneText {
  return { kind: 'text', x, y, text: value, size, colour: INK.text, anchor: 'start', ...more };
}

/** A horizontal rule. */
export function rule(x0: number, x1: number, y: number, width = 0.6, colour: Rgb = INK.muted): SceneItem {
  return {
    kind: 'line',
    lines: [
      [
        [x0, y],
        [x1, y],
      ],
    ],
    stroke: colour,
    strokeWidth: width,
  };
}

/** A rectangle, filled and/or outlined. */
export function box(b: PageBox, fill?: Rgb, stroke?: Rgb, strokeWidth = 0.6): SceneItem {
  return {
    kind: 'area',
    rings: [
      [
        [b.x, b.y],
        [b.x + b.width, b.y],
        [b.x + b.width, b.y + b.height],
        [b.x, b.y + b.height],
      ],
    ],
    fill,
    stroke,
    strokeWidth,
  };
}

// Kept here too for the PDF writers that import it with the rest; legend.ts imports it from its own
// file so that the SVG overview (gridplan validate --format html) does not load pdf-lib and fontkit.
import { wrapText } from './wrap-text';
import { appendAll } from '../model';
export { wrapText };

/** One column of a {@link tableItems} table. */
export interface TableColumn {
  readonly title: string;
  readonly width: number;
  readonly align?: 'start' | 'end';
}

/**
 * A ruled table with a shaded header: items to draw and the y below it. Cells wrap; `maxY` stops it
 * before the page's bottom (rows that do not fit are returned in `rest` for the next page).
 */
export function tableItems(
  x: number,
  y: number,
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  measure: MeasureText,
  options: { readonly size?: number; readonly maxY?: number; readonly header?: boolean } = {},
): { readonly items: SceneItem[]; readonly y: number; readonly rest: readonly (readonly string[])[] } {
  const size = options.size ?? 9;
  const pad = 3;
  const lineHeight = size * 1.35;
  const width = columns.reduce((sum, column) => sum + column.width, 0);
  const items: SceneItem[] = [];
  const rowsToDraw: (readonly string[])[] = options.header === false ? [] : [columns.map((c) => c.title)];
  appendAll(rowsToDraw, rows);
  let top = y;
  let index = 0;
  for (const row of rowsToDraw) {
    const header = options.header !== false && index === 0;
    const cells = columns.map((column, i) =>
      wrapText(row[i] ?? '', column.width - 2 * pad, size, measure, header),
    );
    const height = Math.max(...cells.map((cell) => cell.length)) * lineHeight + 2 * pad;
    if (
      options.maxY !== undefined &&
      top + height > options.maxY &&
      index > (options.header === false ? 0 : 1)
    ) {
      const firstLeft = index - (options.header === false ? 0 : 1);
      return { items, y: top, rest: rows.slice(firstLeft) };
    }
    if (header) items.push(box({ x, y: top, width, height }, { r: 0.92, g: 0.92, b: 0.92 }));
    let left = x;
    columns.forEach((column, i) => {
      cells[i]!.forEach((line, k) => {
        const ty = top + pad + lineHeight * (k + 0.5);
        items.push(
          column.align === 'end'
            ? label(left + column.width - pad, ty, line, size, { anchor: 'end', bold: header })
            : label(left + pad, ty, line, size, { bold: header }),
        );
      });
      left += column.width;
    });
    items.push(box({ x, y: top, width, height }, undefined, INK.contextLine, 0.5));
    let divider = x;
    for (const column of columns.slice(0, -1)) {
      divider += column.width;
      items.push({
        kind: 'line',
        lines: [
          [
            [divider, top],
            [divider, top + height],
          ],
        ],
        stroke: INK.contextLine,
        strokeWidth: 0.5,
      });
    }
    top += height;
    index++;
  }
  return { items, y: top, rest: [] };
}

/** A date as the notice prints it: 2026年12月5日, or 2026-12-05 in English. */
export function formatDate(date: Date, lang: 'zh' | 'en'): string {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return lang === 'zh'
    ? `${y}年${m}月${d}日`
    : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
