import { text } from '../../model';
import { overviewMapSvg } from '../../report/overview-map-svg';
import { encodeText } from '../../formats/text-encoding';
import { validateDivision } from '../../validate/validate-division';
import type { CommandModule } from '../command-module';
import type { CommandResult } from '../command-result';
import { formatHtmlReport } from '../format-html-report';
import { usageResult } from '../command-output';
import { oneFile, optionValue, parseOptions } from '../parse-options';
import { readDivisionFile } from '../read-division-file';
import { resolveRuleSet } from '../resolve-rule-set';
import { nothingToCheck } from '../nothing-to-check';
import { dateOption, loadReportFonts, readReferenceFiles } from '../report-assets';

function usage(message: string): CommandResult {
  return { stdout: '', stderr: `${message}\n`, exitCode: 2 };
}

/**
 * `gridplan report FILE --format pdf --out PDF`: the reviewer's report (审核报告) as a PDF, or as printable
 * HTML with the same overview map (`--format html`).
 */
export const reportCommand: CommandModule = {
  name: 'report',
  summary: text(
    '生成审核报告（PDF 或含总览图的 HTML）',
    "Reviewer's report (PDF, or HTML with the overview map)",
  ),
  help: text(
    `用法：gridplan report 划分.geojson --format pdf|html --out 报告.pdf [--rules 规则集] [--min-area 平方米]
                     [--version 版本] [--reference 道路.geojson]... [--date YYYY-MM-DD] [--lang zh|en]

生成审核报告：封面（乡镇、版本、规则集、日期、结论）、各社区（村）汇总（网格数、户数、户数达标、
问题数）、按户数目标着色的总览图、逐条问题（定位图、说明、情况说明）和审核意见签字栏。
--format html 输出可打印的 HTML 报告（含同一总览图），不给 --out 时写到标准输出。

退出码：0 已生成且没有错误；1 已生成，划分有错误；2 文件无法读取或参数有误；3 内部错误。
`,
    `Usage: gridplan report FILE.geojson --format pdf|html --out REPORT.pdf [--rules RULES] [--min-area M2]
                     [--version N] [--reference ROADS.geojson]... [--date YYYY-MM-DD] [--lang zh|en]

Writes the reviewer's report: cover (township, version, rule set, date, verdict), summary per community
(grids, households, within band, issues), an overview map coloured by household target, every issue with
a locator map, its message and justification, and a sign-off block. --format html writes the printable
HTML report with the same overview map (to standard output without --out).

Exit status: 0 written, no errors; 1 written, the division has errors; 2 unreadable input or wrong
arguments; 3 internal error.
`,
  ),
  async run(args, host, lang) {
    const parsed = parseOptions(args, {
      '--format': 'value',
      '--out': 'value',
      '--rules': 'value',
      '--min-area': 'value',
      '--version': 'value',
      '--reference': 'values',
      '--date': 'value',
    });
    if (!parsed.ok) return usageResult('report', parsed.problems[0]!.message, lang);
    const options = parsed.value;
    const one = oneFile(options);
    if (!one.ok) return usage(one.problems[0]!.message[lang]);
    const file = one.value;
    const format = optionValue(options, '--format') ?? 'pdf';
    if (format !== 'pdf' && format !== 'html') {
      return usage(
        text(`--format 应为 pdf 或 html，而不是 ${format}。`, `--format must be pdf or html, not ${format}.`)[
          lang
        ],
      );
    }
    const out = optionValue(options, '--out');
    if (format === 'pdf' && !out)
      return usage(text('缺少 --out 报告.pdf。', 'Missing --out REPORT.pdf.')[lang]);
    if (out && !host.writeBytes)
      return usage(text('此环境不能写文件。', 'This host cannot write files.')[lang]);
    const minAreaValue = optionValue(options, '--min-area');
    const minAreaM2 = minAreaValue === undefined ? 1 : Number(minAreaValue);
    if (!(minAreaM2 >= 0)) {
      return usage(
        text(
          `--min-area 应为不小于 0 的数，而不是 ${minAreaValue}。`,
          `--min-area must be a number ≥ 0, not ${minAreaValue}.`,
        )[lang],
      );
    }
    const dated = dateOption(optionValue(options, '--date'));
    if (!dated.ok) return usage(dated.problems[0]!.message[lang]);
    const date = dated.value;

    const read = readDivisionFile(host, file, lang);
    if ('failure' in read) return read.failure;
    const division = read.division;
    const empty = nothingToCheck(division, file, lang);
    if (empty) return empty;
    const rules = resolveRuleSet(optionValue(options, '--rules'), division.meta.ruleSetId, host, lang);
    if ('failure' in rules) return rules.failure;
    const references = readReferenceFiles(host, options.values.get('--reference') ?? [], lang);
    if ('failure' in references) return references.failure;
    const report = validateDivision(division, rules.ruleSet, { minAreaM2, lang });
    const exitCode = report.summary.errors > 0 ? 1 : 0;

    let bytes: Uint8Array;
    if (format === 'html') {
      const map = overviewMapSvg(division, report, { referenceLayers: references.layers, lang });
      const html = formatHtmlReport(report, rules.ruleSet, file, lang, map);
      if (!out) return { stdout: html, stderr: '', exitCode };
      bytes = encodeText(html, 'utf-8').bytes;
    } else {
      const fonts = loadReportFonts(host, lang);
      if ('failure' in fonts) return fonts.failure;
      // Loaded when a PDF is made (pdf-lib and fontkit are slow to start; see notice.ts).
      const { reviewReportPdf } = await import('../../report/review-report-pdf');
      bytes = await reviewReportPdf(division, report, {
        fonts: fonts.fonts,
        ruleSetName: rules.ruleSet.name[lang],
        // A package's own version unless told otherwise (its report.pdf says it too).
        version: optionValue(options, '--version') ?? read.filingPackage?.manifest.version.toString(),
        referenceLayers: references.layers,
        date,
        lang,
      });
    }
    const written = host.writeBytes!(out!, bytes);
    if (!written.ok) {
      return {
        stdout: '',
        stderr: `${text(`无法写入 ${out}：`, `Cannot write ${out}:`)[lang]}\n${written.problems.map((p) => p.message[lang]).join('\n')}\n`,
        exitCode: 2,
      };
    }
    return {
      stdout: `${
        text(
          `已生成 ${out}：${report.summary.errors} 个错误，${report.summary.warnings} 个警告。`,
          `Wrote ${out}: ${report.summary.errors} error(s), ${report.summary.warnings} warning(s).`,
        )[lang]
      }\n`,
      stderr: '',
      exitCode,
    };
  },
};
