import type { Division, Language, Result, RuleSet } from '../model';
import { fail, ok } from '../model';
import { diffDivisions } from '../diff/diff-divisions';
import { formatDiffHtml } from '../diff/format-diff-html';
import type { FilingManifest } from '../formats/filing-package';
import {
  DIVISION_PATH,
  divisionCounts,
  divisionTownship,
  writeFilingPackage,
} from '../formats/filing-package';
import { stringifyDivision } from '../formats/geojson';
import { sha256Hex } from '../formats/sha256';
import { validateDivision } from '../validate/validate-division';
import type { ValidationReport } from '../validate/validation-report';
import { overviewMapSvg } from '../report/overview-map-svg';
import { formatHtmlReport } from './format-html-report';
import type { DeflateRaw } from '../formats/zip-write';

/** What a PDF maker receives: the division being filed and its validation report. */
export interface FilingPdfInput {
  readonly division: Division;
  readonly report: ValidationReport;
  readonly ruleSet: RuleSet;
  readonly version: number;
  readonly createdAt: string;
  readonly lang: Language;
}

/**
 * The PDFs of a package, made by shared/report (the reviewer's report and the public notices). Passed in
 * so that this builder does not depend on how they are drawn, and so the app can make them in a worker.
 */
export interface FilingPdfMakers {
  /** `report.pdf`: the reviewer's report (`gridplan report --format pdf`). */
  report(input: FilingPdfInput): Promise<Result<Uint8Array>> | Result<Uint8Array>;
  /** `notices.pdf`: one public notice page per grid (`gridplan notice`). */
  notices(input: FilingPdfInput): Promise<Result<Uint8Array>> | Result<Uint8Array>;
}

/** Options of {@link buildFilingPackage}. */
export interface FilingPackageOptions {
  /**
   * The version this one is based on: its division and the SHA-256 of its division file as stored (for a
   * package, its manifest's `divisionSha256`). Adds `baseSha256`, `diff.json`, `diff.html` and
   * `base.geojson`. Without `sha256` (a base read from a plain file) it is the SHA-256 of `base.geojson`
   * as stored here: the `divisionSha256` a package of that division has, which the city office compares.
   */
  readonly base?: { readonly division: Division; readonly sha256?: string; readonly name?: string };
  /** Version number (BBH). */
  readonly version: number;
  readonly note?: string;
  /** ISO 8601 time written to the manifest (the caller's clock: shared/ has none). */
  readonly createdAt: string;
  readonly ruleSet: RuleSet;
  /** Overlaps, gaps and geometry changes under this many m² are not reported. Default 1. */
  readonly minAreaM2?: number;
  /** Language of report.html, diff.html and the PDFs. Default Chinese. */
  readonly lang?: Language;
  readonly pdfs: FilingPdfMakers;
  /**
   * The division's GeoJSON text to store as `division.geojson`, byte for byte (e.g. a frozen version, so
   * that `divisionSha256` is that version's hash). It must be the text `division` was read from; default
   * `stringifyDivision(division)` (residents' personal data left out).
   */
  readonly divisionText?: string;
  /** A native raw DEFLATE for the zip (the command line's zlib, CliHost); without it, fflate's. */
  readonly deflateRaw?: DeflateRaw;
}

/**
 * Builds a filing package (报审包/备案包, ../shared/spec/interchange.md `gridplan package`): the division
 * as `division.geojson` (residents' personal data left out), its validation report as `report.json` and
 * `report.html`, `report.pdf` and `notices.pdf` from the makers given, and against a base `diff.json`,
 * `diff.html` and `base.geojson`; `manifest.json` lists every file with its SHA-256. Returns the zip bytes
 * and the manifest, or the problem a PDF maker reported.
 */
export async function buildFilingPackage(
  division: Division,
  options: FilingPackageOptions,
): Promise<
  Result<{
    readonly bytes: Uint8Array;
    readonly manifest: FilingManifest;
    /** What `report.json` found: errors and warnings (the command says them and exits 1 on errors). */
    readonly summary: ValidationReport['summary'];
  }>
> {
  const lang = options.lang ?? 'zh';
  const minAreaM2 = options.minAreaM2 ?? 1;
  const report = validateDivision(division, options.ruleSet, { minAreaM2, lang });
  const pdfInput: FilingPdfInput = {
    division,
    report,
    ruleSet: options.ruleSet,
    version: options.version,
    createdAt: options.createdAt,
    lang,
  };
  const reportPdf = await options.pdfs.report(pdfInput);
  if (!reportPdf.ok) return fail(...reportPdf.problems);
  const noticesPdf = await options.pdfs.notices(pdfInput);
  if (!noticesPdf.ok) return fail(...noticesPdf.problems);

  const files: Record<string, Uint8Array | string> = {
    [DIVISION_PATH]: options.divisionText ?? stringifyDivision(division),
    'report.json': `${JSON.stringify(report, null, 2)}\n`,
    'report.html': formatHtmlReport(
      report,
      options.ruleSet,
      DIVISION_PATH,
      lang,
      overviewMapSvg(division, report, { lang }),
    ),
    'report.pdf': reportPdf.value,
    'notices.pdf': noticesPdf.value,
  };
  const base = options.base;
  if (base) {
    const diff = diffDivisions(base.division, division, { minAreaM2 });
    files['diff.json'] = `${JSON.stringify(diff, null, 2)}\n`;
    files['diff.html'] = formatDiffHtml(
      diff,
      base.division,
      division,
      { before: base.name ?? 'base.geojson', after: DIVISION_PATH },
      lang,
    );
    files['base.geojson'] = stringifyDivision(base.division);
  }
  const baseSha256 = base ? (base.sha256 ?? sha256Hex(files['base.geojson'] as string)) : undefined;
  return ok({
    ...writeFilingPackage({
      manifest: {
        township: divisionTownship(division),
        version: options.version,
        createdAt: options.createdAt,
        ruleSet: options.ruleSet.id,
        counts: divisionCounts(division),
        ...(baseSha256 !== undefined ? { baseSha256 } : {}),
        ...(options.note !== undefined ? { note: options.note } : {}),
      },
      files,
      ...(options.deflateRaw ? { deflateRaw: options.deflateRaw } : {}),
    }),
    summary: report.summary,
  });
}
