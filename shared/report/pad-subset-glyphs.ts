import type { PDFFont } from 'pdf-lib';

/** The parts of @pdf-lib/fontkit's TrueType subset that the workaround touches. */
interface GlyphBuffer {
  readonly length: number;
  copy(target: GlyphBuffer, targetStart: number): number;
}
interface TrueTypeSubset {
  glyf?: GlyphBuffer[];
  offset?: number;
  _addGlyph?: (gid: number) => number;
}

/**
 * Works around a bug of @pdf-lib/fontkit 1.1 (pdf-lib issue 1232; fixed upstream in fontkit 1.8,
 * foliojs/fontkit#191): a TrueType subset under 64 KiB of outlines is written with the short `loca`
 * format, which stores offsets halved, without padding glyph records to an even length; after the first
 * odd-length glyph every offset is off by a byte and poppler/Acrobat draw many CJK characters blank
 * (pdftotext still finds them). Padding each copied glyph record to an even length with a zero byte (the
 * record's length in `loca` grows by one; the glyph's own data says where it ends) makes the halved
 * offsets exact. Patched on this font's subset instance only, never on the library.
 */
export function padSubsetGlyphs(font: PDFFont): void {
  // `embedder` is private in the typings; it is a plain property at run time.
  const embedder = (font as unknown as { embedder: { subset?: TrueTypeSubset } }).embedder;
  const subset = embedder.subset;
  const original = subset?._addGlyph;
  if (!subset || typeof original !== 'function') return;
  subset._addGlyph = function padded(this: TrueTypeSubset, gid: number): number {
    const index = original.call(this, gid);
    const glyf = this.glyf;
    const buffer = glyf?.[index];
    if (glyf && buffer && buffer.length % 2 === 1 && this.offset !== undefined) {
      const Constructor = buffer.constructor as unknown as { alloc(size: number): GlyphBuffer };
      const even = Constructor.alloc(buffer.length + 1);
      buffer.copy(even, 0);
      glyf[index] = even;
      this.offset += 1;
    }
    return index;
  };
}
