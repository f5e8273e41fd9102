import type { Problem } from '../model';
import { fail, text } from '../model';
import type { FilingPdfMakers } from './build-filing-package';

// Interim: the PDFs of a package (reviewer's report, public notices) are drawn by shared/report, built on
// another branch. Until it is merged here, `gridplan package` says so and writes nothing, rather than
// writing a package without its PDFs (a reader would refuse it: both are required files).
const notYet: Problem = {
  kind: 'unavailable',
  message: text(
    '此版本尚不能生成 PDF（审核报告、公示），因此不能制作报审包。',
    'This build cannot draw the PDFs yet (reviewer’s report, public notices), so it cannot make a filing package.',
  ),
};

/** The PDF makers `gridplan package` uses in this build. */
export const FILING_PDF_MAKERS: FilingPdfMakers = {
  report: () => fail(notYet),
  notices: () => fail(notYet),
};
