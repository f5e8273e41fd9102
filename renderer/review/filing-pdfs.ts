import regularFontUrl from '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url';
import boldFontUrl from '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf?url';
import type { FilingPdfInput, FilingPdfMakers } from '../../shared/cli/build-filing-package';
import type { Result } from '../../shared/model';
import { fail, ok, text } from '../../shared/model';
import type { ReportFonts } from '../../shared/report';
import { noticePdf, reviewReportPdf } from '../../shared/report';

let fonts: Promise<ReportFonts> | null = null;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The fonts the app ships (Noto Sans SC, SIL Open Font License, which allows embedding), fetched once
 * from the app's own files: nothing comes from the internet, and the PDF embeds a subset.
 */
function loadFonts(): Promise<ReportFonts> {
  fonts ??= Promise.all([fetchBytes(regularFontUrl), fetchBytes(boldFontUrl)]).then(([regular, bold]) => ({
    regular,
    bold,
  }));
  // A failed fetch is not remembered: the next package tries again.
  fonts.catch(() => (fonts = null));
  return fonts;
}

async function made(
  what: 'report' | 'notices',
  make: () => Promise<Uint8Array>,
): Promise<Result<Uint8Array>> {
  try {
    return ok(await make());
  } catch {
    return fail({
      kind: 'pdf-failed',
      message:
        what === 'report'
          ? text(
              '无法生成审核报告 PDF（report.pdf）：字体文件读取失败或数据异常。',
              'The review report PDF (report.pdf) could not be made: the font could not be read or the data is unusual.',
            )
          : text(
              '无法生成公示 PDF（notices.pdf）：字体文件读取失败或数据异常。',
              'The public notice PDF (notices.pdf) could not be made: the font could not be read or the data is unusual.',
            ),
    });
  }
}

/** The PDFs of a filing package made in the app, with the same drawing code as the command line. */
export const FILING_PDFS: FilingPdfMakers = {
  report: (input: FilingPdfInput) =>
    made('report', async () =>
      reviewReportPdf(input.division, input.report, {
        fonts: await loadFonts(),
        ruleSetName: input.ruleSet.name[input.lang],
        version: String(input.version),
        date: new Date(input.createdAt),
        lang: input.lang,
      }),
    ),
  notices: (input: FilingPdfInput) =>
    made('notices', async () =>
      noticePdf(input.division, {
        fonts: await loadFonts(),
        date: new Date(input.createdAt),
        lang: input.lang,
      }),
    ),
};
