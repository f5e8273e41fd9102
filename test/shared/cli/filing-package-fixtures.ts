import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { FilingPdfInput, FilingPdfMakers } from '../../../shared/cli/build-filing-package';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import type { Division } from '../../../shared/model';
import { ok } from '../../../shared/model';

/** The demo township shipped with the app (resources/demo). */
export const DEMO_PATH = path.resolve(import.meta.dirname, '../../../resources/demo/demo-township.geojson');

/** The demo township as a division. */
export function demoDivision(): Division {
  const parsed = parseDivisionGeoJson(readFileSync(DEMO_PATH, 'utf8'));
  if (!parsed.ok) throw new Error('the demo township does not parse');
  return parsed.value;
}

async function onePagePdf(title: string, input: FilingPdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText(`${title}: ${input.division.grid.size} grids, version ${input.version}`, {
    x: 50,
    y: 780,
    size: 14,
    font,
  });
  pdf.setCreationDate(new Date(input.createdAt));
  pdf.setModificationDate(new Date(input.createdAt));
  return pdf.save();
}

/**
 * Real (small) PDFs for packages made in tests, standing in for shared/report's report and notices, which
 * the builder takes as functions: what is tested here is the package, not the drawing.
 */
export const TEST_PDF_MAKERS: FilingPdfMakers = {
  report: async (input) => ok(await onePagePdf('report', input)),
  notices: async (input) => ok(await onePagePdf('notices', input)),
};
