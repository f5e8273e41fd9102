import type { Language, RuleSet, TargetStatus } from '../model';
import type { ReportIssue, ValidationReport } from '../validate/validation-report';
import { formatNumber } from './format-text-report';
import { GRID_TYPE_LABELS, REPORT_WORDS, RULE_LABELS, TARGET_LABELS } from './report-words';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Colours of ui.md: under blue, within green, over orange, no target purple (hatched), problems red.
// Each status also has its word and a different lightness or pattern, so the table reads without hue.
const STYLE = `
:root { --under: #1d5fb4; --ok: #2b7a3d; --over: #c25e00; --none: #6b3fa0; --problem: #b3261e; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  color: #1b1b1b; margin: 24px; font-size: 13px; line-height: 1.5; }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 24px 0 8px; border-bottom: 2px solid #444; padding-bottom: 2px; }
.meta { color: #444; margin: 2px 0; }
.verdict { font-size: 15px; font-weight: bold; padding: 8px 12px; margin: 16px 0 4px; border: 2px solid; }
.verdict.pass { border-color: var(--ok); color: var(--ok); }
.verdict.fail { border-color: var(--problem); color: var(--problem); background: #fbeaea; }
table { border-collapse: collapse; width: 100%; margin-top: 4px; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; white-space: nowrap; }
.severity-error { color: var(--problem); font-weight: bold; }
.severity-warning { color: #7a5a00; }
tr.error td:first-child { border-left: 4px solid var(--problem); }
tr.accepted { color: #555; }
tr.accepted td:first-child { border-left: 4px dashed var(--none); }
.tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; border: 1px solid; white-space: nowrap; }
.target-under { color: var(--under); border-color: var(--under); background: #e3eefb; }
.target-ok { color: #fff; border-color: var(--ok); background: var(--ok); }
.target-over { color: #fff; border-color: var(--over); background: var(--over); font-weight: bold; }
.target-none { color: var(--none); border-color: var(--none);
  background: repeating-linear-gradient(45deg, #f1eaf8, #f1eaf8 3px, #fff 3px, #fff 6px); }
.accepted-tag { color: var(--none); border-color: var(--none); }
.none { color: #666; }
figure.map { margin: 8px 0; }
figure.map svg { width: 100%; height: auto; max-width: 880px; border: 1px solid #888; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .verdict.fail { background: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function targetTag(target: TargetStatus, lang: Language): string {
  return `<span class="tag target-${target}">${escapeHtml(TARGET_LABELS[target][lang])}</span>`;
}

function issueRows(issues: readonly ReportIssue[], lang: Language): string {
  const w = REPORT_WORDS;
  return issues
    .map((issue) => {
      const classes = [issue.severity, issue.accepted ? 'accepted' : ''].filter(Boolean).join(' ');
      const accepted = issue.accepted
        ? ` <span class="tag accepted-tag">${escapeHtml(w.acceptedTag[lang])}</span>`
        : '';
      return (
        `<tr class="${classes}">` +
        `<td class="severity-${issue.severity}">${escapeHtml(w.severity[issue.severity][lang])}</td>` +
        `<td>${escapeHtml(RULE_LABELS[issue.rule][lang])}${accepted}</td>` +
        `<td class="code">${issue.codes.map(escapeHtml).join('<br>')}</td>` +
        `<td class="number">${issue.areaM2 === undefined ? '' : formatNumber(issue.areaM2)}</td>` +
        `<td>${escapeHtml(issue.message)}</td>` +
        `<td class="code">${issue.at[0].toFixed(6)}, ${issue.at[1].toFixed(6)}</td>` +
        '</tr>'
      );
    })
    .join('\n');
}

/**
 * The report as one printable HTML page (inline CSS, no scripts, no external resources): verdict, the
 * overview map when given (inline SVG from shared/report, the same drawing as the PDF),
 * issues table (problems in red), grid table coloured by household target, micro-grids when present.
 */
export function formatHtmlReport(
  report: ValidationReport,
  ruleSet: RuleSet,
  file: string,
  lang: Language,
  overviewSvg?: string,
): string {
  const w = REPORT_WORDS;
  const c = w.columns;
  const accepted = report.summary.accepted ?? 0;
  const pass = report.summary.errors === 0;
  const issueHeader = [c.severity, c.rule, c.codes, c.area, c.message, w.at]
    .map((label) => `<th>${escapeHtml(label[lang])}</th>`)
    .join('');
  const gridHeader = [c.code, c.name, c.parent, c.type, c.households, c.population, c.area, c.target]
    .map((label) => `<th>${escapeHtml(label[lang])}</th>`)
    .join('');
  const gridRows = report.grids
    .map(
      (grid) =>
        '<tr>' +
        `<td class="code">${escapeHtml(grid.code)}</td>` +
        `<td>${escapeHtml(grid.name)}</td>` +
        `<td class="code">${escapeHtml(grid.parentCode)}</td>` +
        `<td>${escapeHtml(GRID_TYPE_LABELS[grid.gridType ?? 'unknown'][lang])}</td>` +
        `<td class="number">${formatNumber(grid.households)}</td>` +
        `<td class="number">${formatNumber(grid.population)}</td>` +
        `<td class="number">${formatNumber(grid.areaM2)}</td>` +
        `<td>${targetTag(grid.target, lang)}${grid.justification ? ` <span class="tag accepted-tag" title="${escapeHtml(grid.justification)}">${escapeHtml(w.acceptedTag[lang])}</span>` : ''}</td>` +
        '</tr>',
    )
    .join('\n');
  const microgridSection =
    report.microgrids && report.microgrids.length > 0
      ? `<h2>${escapeHtml(w.microgrids[lang])} (${report.microgrids.length})</h2>
<table><thead><tr>${[c.code, c.name, c.parent, c.households, c.population, c.area, c.target]
          .map((label) => `<th>${escapeHtml(label[lang])}</th>`)
          .join('')}</tr></thead><tbody>
${report.microgrids
  .map(
    (m) =>
      `<tr><td class="code">${escapeHtml(m.code)}</td><td>${escapeHtml(m.name)}</td><td class="code">${escapeHtml(m.parentCode)}</td>` +
      `<td class="number">${formatNumber(m.households)}</td><td class="number">${formatNumber(m.population)}</td>` +
      `<td class="number">${formatNumber(m.areaM2)}</td><td>${targetTag(m.target, lang)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
      : '';
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(w.title[lang])} — ${escapeHtml(file)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(w.title[lang])}</h1>
<p class="meta">${escapeHtml(w.file[lang])}: ${escapeHtml(file)}</p>
<p class="meta">${escapeHtml(w.ruleSet[lang])}: ${escapeHtml(ruleSet.name[lang])} — ${escapeHtml(ruleSet.source[lang])}</p>
<p class="meta">${escapeHtml(w.areaNote(report.minAreaM2 ?? 1)[lang])}</p>
<div class="verdict ${pass ? 'pass' : 'fail'}">${escapeHtml((pass ? w.verdictPass : w.verdictFail)[lang])}</div>
<p>${escapeHtml(w.counts(report.summary.errors, report.summary.warnings, accepted, report.summary.grids)[lang])}</p>
${overviewSvg ? `<h2>${escapeHtml(w.overview[lang])}</h2>\n<figure class="map">${overviewSvg}</figure>` : ''}
<h2>${escapeHtml(w.errors[lang])} / ${escapeHtml(w.warnings[lang])} (${report.issues.length})</h2>
${
  report.issues.length === 0
    ? `<p class="none">${escapeHtml(w.none[lang])}</p>`
    : `<table><thead><tr>${issueHeader}</tr></thead><tbody>\n${issueRows(report.issues, lang)}\n</tbody></table>`
}
<h2>${escapeHtml(w.grids[lang])} (${report.grids.length})</h2>
${
  report.grids.length === 0
    ? `<p class="none">${escapeHtml(w.none[lang])}</p>`
    : `<table><thead><tr>${gridHeader}</tr></thead><tbody>\n${gridRows}\n</tbody></table>`
}
${microgridSection}
</body>
</html>
`;
}
