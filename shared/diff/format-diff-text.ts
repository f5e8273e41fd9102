import type { Language } from '../model';
import type { DiffKind, DivisionDiff } from './division-diff';
import { DIFF_KIND_LABELS, DIFF_WORDS, diffFieldsText } from './diff-words';

/** A number with thousands separators and at most 2 decimals. */
function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Counts per kind, keyed by the kind itself. */
export function countsByKind(diff: DivisionDiff): Record<DiffKind, number> {
  const { added, removed, split, merged, geometry, attributes } = diff.summary;
  return { added, removed, split, merge: merged, geometry, attributes };
}

/**
 * The diff for a person at a terminal (`gridplan diff`, the default format): a summary line, then one
 * line per change: kind, old codes → new codes, households before → after, area moved, changed fields.
 */
export function formatDiffText(
  diff: DivisionDiff,
  beforeName: string,
  afterName: string,
  lang: Language,
): string {
  const w = DIFF_WORDS;
  const lines = [
    `${w.title[lang]}${lang === 'zh' ? '：' : ': '}${beforeName} → ${afterName}`,
    w.summary(countsByKind(diff))[lang],
  ];
  if (diff.changes.length === 0) lines.push(w.noChanges[lang]);
  for (const change of diff.changes) {
    const from = change.fromCodes.join(', ');
    const to = change.codes.join(', ');
    const codes =
      change.kind === 'added' ? to : change.kind === 'removed' || from === to ? from : `${from} → ${to}`;
    const fields = diffFieldsText(change.fields)[lang];
    const parts = [
      `${DIFF_KIND_LABELS[change.kind][lang]}${change.layer === 'microgrid' ? ` (${w.microgrid[lang]})` : ''}`,
      codes,
      `${w.columns.households[lang]} ${formatNumber(change.householdsBefore)} → ${formatNumber(change.householdsAfter)}`,
    ];
    if (change.areaChangedM2 > 0) parts.push(`${w.columns.area[lang]} ${formatNumber(change.areaChangedM2)}`);
    if (fields) parts.push(`${w.columns.fields[lang]}${lang === 'zh' ? '：' : ': '}${fields}`);
    lines.push(`  ${parts.join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}
