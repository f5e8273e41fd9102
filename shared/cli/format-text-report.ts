import { appendAll, formatWhole, MIN_PIECE_AREA_M2 } from '../model';
import type { Language, RuleSet } from '../model';
import type { ReportIssue, ValidationReport } from '../validate/validation-report';
import { GRID_TYPE_LABELS, REPORT_WORDS, RULE_LABELS, TARGET_LABELS } from './report-words';
import { textTable } from './text-table';

/** Formats a number of square metres or households for a table: whole numbers, grouped. */
export function formatNumber(value: number): string {
  return formatWhole(value);
}

function issueLines(issues: readonly ReportIssue[], lang: Language): string[] {
  return issues.map((issue, i) => {
    const at = `${REPORT_WORDS.at[lang]} ${issue.at[0].toFixed(6)}, ${issue.at[1].toFixed(6)}`;
    return `  ${i + 1}. [${RULE_LABELS[issue.rule][lang]}] ${issue.message}\n     ${at}`;
  });
}

/**
 * The report as plain text for a reviewer reading a terminal or a mail: verdict first, then errors,
 * warnings (accepted exceptions marked), and the table of grids with counts, area and target status.
 */
export function formatTextReport(
  report: ValidationReport,
  ruleSet: RuleSet,
  file: string,
  lang: Language,
): string {
  const w = REPORT_WORDS;
  const lines: string[] = [];
  const accepted = report.summary.accepted ?? 0;
  lines.push(w.title[lang], '');
  const colon = lang === 'zh' ? '：' : ': ';
  lines.push(`${w.file[lang]}${colon}${file}`);
  lines.push(`${w.ruleSet[lang]}${colon}${ruleSet.name[lang]} — ${ruleSet.source[lang]}`);
  lines.push(w.areaNote(report.minAreaM2 ?? MIN_PIECE_AREA_M2)[lang], '');
  lines.push(report.summary.errors === 0 ? w.verdictPass[lang] : w.verdictFail[lang]);
  lines.push(
    w.counts(report.summary.errors, report.summary.warnings, accepted, report.summary.grids)[lang],
    '',
  );

  const errors = report.issues.filter((issue) => issue.severity === 'error');
  const warnings = report.issues.filter((issue) => issue.severity === 'warning' && !issue.accepted);
  const exceptions = report.issues.filter((issue) => issue.accepted);
  for (const [heading, list] of [
    [w.errors, errors],
    [w.warnings, warnings],
    [w.accepted, exceptions],
  ] as const) {
    if (list.length === 0) continue;
    lines.push(`${heading[lang]} (${list.length})`, ...issueLines(list, lang), '');
  }

  const c = w.columns;
  lines.push(`${w.grids[lang]} (${report.grids.length})`);
  if (report.grids.length === 0) lines.push(`  ${w.none[lang]}`);
  else {
    const rows = [
      [c.code, c.name, c.type, c.households, c.population, c.area, c.compactness, c.parts, c.target].map(
        (label) => label[lang],
      ),
      ...report.grids.map((grid) => [
        grid.code,
        grid.name,
        GRID_TYPE_LABELS[grid.gridType ?? 'unknown'][lang],
        formatNumber(grid.households),
        formatNumber(grid.population),
        formatNumber(grid.areaM2),
        grid.compactness === undefined ? '' : grid.compactness.toFixed(2),
        grid.parts === undefined ? '' : String(grid.parts),
        TARGET_LABELS[grid.target][lang] + (grid.justification ? ` (${w.acceptedTag[lang]})` : ''),
      ]),
    ];
    appendAll(
      lines,
      textTable(rows, new Set([3, 4, 5, 6, 7])).map((line) => `  ${line}`),
    );
  }
  if (report.microgrids && report.microgrids.length > 0) {
    lines.push('', `${w.microgrids[lang]} (${report.microgrids.length})`);
    const rows = [
      [c.code, c.name, c.parent, c.households, c.population, c.area, c.target].map((label) => label[lang]),
      ...report.microgrids.map((m) => [
        m.code,
        m.name,
        m.parentCode,
        formatNumber(m.households),
        formatNumber(m.population),
        formatNumber(m.areaM2),
        TARGET_LABELS[m.target][lang],
      ]),
    ];
    appendAll(
      lines,
      textTable(rows, new Set([3, 4, 5])).map((line) => `  ${line}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
