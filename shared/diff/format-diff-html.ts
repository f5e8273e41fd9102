import type { Division, Language } from '../model';
import type { DiffChange, DivisionDiff } from './division-diff';
import { diffMapSvg } from './diff-map-svg';
import { DIFF_KIND_LABELS, DIFF_WORDS, diffFieldsText } from './diff-words';
import { countsByKind } from './format-diff-text';

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

// The table repeats the map's classes: a word, and a left border with the map's pattern and lightness.
const STYLE = `
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  color: #1b1b1b; margin: 24px; font-size: 13px; line-height: 1.5; }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 24px 0 8px; border-bottom: 2px solid #444; padding-bottom: 2px; }
.meta { color: #444; margin: 2px 0; }
.map svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin-top: 4px; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; white-space: nowrap; }
tr.added td:first-child { border-left: 8px solid #003f6b; font-weight: bold; }
tr.removed td:first-child { border-left: 8px dashed #8a3b00; text-decoration: line-through; }
tr.changed td:first-child { border-left: 8px solid #f2cf5b; }
.none { color: #666; }
@page { size: A4; margin: 14mm 12mm; }
@media print { body { margin: 0; font-size: 10.5pt; } tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

function rowClass(change: DiffChange): string {
  return change.kind === 'added' ? 'added' : change.kind === 'removed' ? 'removed' : 'changed';
}

/** The grids' names as HTML (escaped, one per line). */
function namesOf(change: DiffChange, before: Division, after: Division): string {
  const layerOf = (division: Division) => (change.layer === 'grid' ? division.grid : division.microgrid);
  const lookup = (division: Division, codes: readonly string[]): string[] => {
    const areas = [...layerOf(division).values()];
    return codes.map((code) => areas.find((area) => area.code === code)?.name ?? '');
  };
  const names = change.kind === 'removed' ? lookup(before, change.fromCodes) : lookup(after, change.codes);
  return names.filter(Boolean).map(escapeHtml).join('<br>');
}

/**
 * The diff as one printable HTML page (inline CSS and SVG, no scripts, no external resources): summary,
 * a map of added / removed / changed grids (see {@link diffMapSvg}) and a table with one row per change.
 * `before` and `after` are the divisions the diff was made from (for the map and the grids' names).
 */
export function formatDiffHtml(
  diff: DivisionDiff,
  before: Division,
  after: Division,
  names: { readonly before: string; readonly after: string },
  lang: Language,
): string {
  const w = DIFF_WORDS;
  const c = w.columns;
  const header = [c.kind, c.fromCodes, c.codes, c.names, c.area, c.households, c.fields]
    .map((label) => `<th>${escapeHtml(label[lang])}</th>`)
    .join('');
  const rows = diff.changes
    .map((change) => {
      const fields = escapeHtml(diffFieldsText(change.fields)[lang]);
      return (
        `<tr class="${rowClass(change)}">` +
        `<td>${escapeHtml(DIFF_KIND_LABELS[change.kind][lang])}${change.layer === 'microgrid' ? ` (${escapeHtml(w.microgrid[lang])})` : ''}</td>` +
        `<td class="code">${change.fromCodes.map(escapeHtml).join('<br>')}</td>` +
        `<td class="code">${change.kind === 'removed' ? '' : change.codes.map(escapeHtml).join('<br>')}</td>` +
        `<td>${namesOf(change, before, after)}</td>` +
        `<td class="number">${formatNumber(change.areaChangedM2)}</td>` +
        `<td class="number">${formatNumber(change.householdsBefore)} → ${formatNumber(change.householdsAfter)}</td>` +
        `<td>${fields}</td>` +
        '</tr>'
      );
    })
    .join('\n');
  const map = diffMapSvg(diff, before, after, lang);
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(w.title[lang])} — ${escapeHtml(names.before)} → ${escapeHtml(names.after)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(w.title[lang])}</h1>
<p class="meta">${escapeHtml(w.before[lang])}: ${escapeHtml(names.before)}</p>
<p class="meta">${escapeHtml(w.after[lang])}: ${escapeHtml(names.after)}</p>
<p class="meta">${escapeHtml(w.areaNote[lang])}</p>
<p><strong>${escapeHtml(w.summary(countsByKind(diff))[lang])}</strong></p>
${map ? `<div class="map">${map}</div>` : ''}
<h2>${escapeHtml(w.title[lang])} (${diff.changes.length})</h2>
${
  diff.changes.length === 0
    ? `<p class="none">${escapeHtml(w.noChanges[lang])}</p>`
    : `<table><thead><tr>${header}</tr></thead><tbody>\n${rows}\n</tbody></table>`
}
</body>
</html>
`;
}
