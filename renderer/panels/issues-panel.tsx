import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/model';
import type { RuleName, ValidationIssue } from '../../shared/validate';
import { RULE_LABELS, RULES } from '../../shared/validate';
import type { ValidationState } from '../validation/validation-client';

/** Long lists (e.g. every unassigned census point) show this many until the planner asks for all. */
const LISTED_PER_RULE = 50;

export interface IssuesPanelProps {
  readonly validation: ValidationState;
  readonly language: Language;
  readonly selectedKey: string | null;
  readonly onSelect: (issue: ValidationIssue) => void;
  /** The client's conversation state (ValidationClient.diagnostics), kept on the panel for support. */
  readonly diagnostics: string;
}

/**
 * The 问题 tab: a pass/fail line per rule once the whole division has been checked, then the issues
 * grouped by rule, errors first; a click zooms the map to the issue and highlights what it concerns.
 */
export function IssuesPanel({ validation, language, selectedKey, onSelect, diagnostics }: IssuesPanelProps) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState<ReadonlySet<RuleName>>(new Set());
  const groups = useMemo(() => {
    const byRule = new Map<RuleName, ValidationIssue[]>();
    for (const issue of validation.issues) {
      const list = byRule.get(issue.rule) ?? [];
      list.push(issue);
      byRule.set(issue.rule, list);
    }
    return byRule;
  }, [validation.issues]);

  const errors = validation.issues.filter((i) => i.severity === 'error').length;
  const warnings = validation.issues.length - errors;
  // Issues that sum up census points (unassigned points, one per community) say how many points:
  // a count is never cut silently.
  const countOf = (rule: RuleName): string => {
    const list = groups.get(rule) ?? [];
    if (!list.some((issue) => issue.points !== undefined)) return String(list.length);
    const sum = (of: (issue: ValidationIssue) => number | undefined): string =>
      Math.round(list.reduce((total, issue) => total + (of(issue) ?? 0), 0)).toLocaleString('en-US');
    return t('issues.withPoints', {
      count: list.length,
      points: sum((issue) => issue.points),
      households: sum((issue) => issue.households),
    });
  };
  const failedRule = (rule: RuleName): boolean =>
    (groups.get(rule) ?? []).some((issue) => issue.severity === 'error' || !issue.accepted);

  return (
    <section className="issues-panel" data-testid="issues-panel" data-validation={diagnostics}>
      {validation.running && <p className="issues-status">{t('issues.running')}</p>}
      {validation.retrying && (
        <p className="issues-status" data-testid="issues-retrying">
          {t('issues.retrying', {
            seconds: Math.round(validation.retrying.waitedMs / 1000),
            attempt: validation.retrying.attempt,
          })}
        </p>
      )}
      {validation.failure && (
        <p className="issues-status error">{t('issues.failed', { message: validation.failure[language] })}</p>
      )}
      {validation.checked && (
        <>
          <p className="issues-status" data-testid="issues-summary">
            {t('issues.summary', { errors, warnings, ms: Math.round(validation.lastDurationMs ?? 0) })}
          </p>
          <table className="rule-table" data-testid="rule-table">
            <thead>
              <tr>
                <th>{t('issues.rule')}</th>
                <th>{t('issues.result')}</th>
                <th>{t('issues.count')}</th>
              </tr>
            </thead>
            <tbody>
              {RULES.map((rule) => {
                const failed = failedRule(rule);
                return (
                  <tr key={rule} className={failed ? 'fail' : 'pass'}>
                    <td>{RULE_LABELS[rule][language]}</td>
                    <td>{failed ? `✗ ${t('issues.fail')}` : `✓ ${t('issues.pass')}`}</td>
                    <td data-rule-count={rule}>{countOf(rule)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      {validation.checked && validation.issues.length === 0 && (
        <p className="empty-state">{t('issues.clean')}</p>
      )}
      {!validation.checked && !validation.running && <p className="empty-state">{t('panel.issuesEmpty')}</p>}
      {RULES.filter((rule) => groups.has(rule)).map((rule) => (
        <details key={rule} className="issue-group" open>
          <summary>
            {RULE_LABELS[rule][language]} <span className="issue-count">{countOf(rule)}</span>
          </summary>
          <ul>
            {groups
              .get(rule)!
              .slice(0, expanded.has(rule) ? undefined : LISTED_PER_RULE)
              .map((issue) => (
                <li key={issue.key}>
                  <button
                    type="button"
                    className={`issue ${issue.severity} ${issue.accepted ? 'accepted' : ''} ${
                      issue.key === selectedKey ? 'selected' : ''
                    }`}
                    onClick={() => onSelect(issue)}
                    data-rule={issue.rule}
                  >
                    <span className="issue-severity">
                      {issue.accepted ? t('issues.accepted') : t(`issues.${issue.severity}`)}
                    </span>
                    <span className="issue-message">{issue.message[language]}</span>
                  </button>
                </li>
              ))}
          </ul>
          {!expanded.has(rule) && groups.get(rule)!.length > LISTED_PER_RULE && (
            <button type="button" className="link" onClick={() => setExpanded(new Set([...expanded, rule]))}>
              {t('issues.showAll', { count: groups.get(rule)!.length })}
            </button>
          )}
        </details>
      ))}
    </section>
  );
}
