import type { Language } from '../model';
import { ok } from '../model';
import type { ReportFonts } from '../report/pdf-document';
import type { FilingPdfMakers } from './build-filing-package';
import type { CliHost } from './cli-host';
import type { CommandResult } from './command-result';
import { loadReportFonts } from './report-assets';

/**
 * The PDFs of a filing package drawn by shared/report with the given fonts: `report.pdf` is the reviewer's
 * report (as `gridplan report --format pdf`), `notices.pdf` the public notices with the township overview
 * (as `gridplan notice`), both dated with the package's `createdAt`. The app passes the fonts it ships.
 */
export function filingPdfMakersWithFonts(fonts: ReportFonts): FilingPdfMakers {
  return {
    // The PDF writers are loaded when a package is made: pdf-lib and fontkit are slow to start, which
    // every other command would otherwise pay (see commands/notice.ts).
    report: async (input) =>
      ok(
        await (
          await import('../report/review-report-pdf')
        ).reviewReportPdf(input.division, input.report, {
          fonts,
          ruleSetName: input.ruleSet.name[input.lang],
          version: String(input.version),
          date: new Date(input.createdAt),
          lang: input.lang,
        }),
      ),
    notices: async (input) =>
      ok(
        await (
          await import('../report/notice-pdf')
        ).noticePdf(input.division, { fonts, date: new Date(input.createdAt), lang: input.lang }),
      ),
  };
}

/** The PDF makers of `gridplan package`: the fonts from the host, or the exit-2 answer saying why not. */
export function filingPdfMakers(
  host: CliHost,
  lang: Language,
): { readonly pdfs: FilingPdfMakers } | { readonly failure: CommandResult } {
  const fonts = loadReportFonts(host, lang);
  if ('failure' in fonts) return fonts;
  return { pdfs: filingPdfMakersWithFonts(fonts.fonts) };
}
