import type { FilingPdfInput, FilingPdfMakers } from '../../shared/cli/build-filing-package';
import { fontUrls } from '../print/font-urls';
import { makePdf } from '../print/print-client';

/**
 * The PDFs of a filing package made in the app: the same worker, fonts (Noto Sans SC the app ships) and
 * drawing code as 公示/审核报告 (renderer/print), so a package's report.pdf and notices.pdf are what the
 * planner can print and what `gridplan package` writes, and the map stays responsive meanwhile.
 */
export const FILING_PDFS: FilingPdfMakers = {
  report: (input: FilingPdfInput) =>
    makePdf({
      type: 'report',
      division: input.division,
      ruleSet: input.ruleSet,
      version: String(input.version),
      lang: input.lang,
      date: input.createdAt,
      fonts: fontUrls(),
    }),
  notices: (input: FilingPdfInput) =>
    makePdf({
      type: 'notice',
      division: input.division,
      communities: [],
      lang: input.lang,
      date: input.createdAt,
      fonts: fontUrls(),
    }),
};
