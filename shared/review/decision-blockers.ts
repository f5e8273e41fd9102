import type { LocalText } from '../model';
import { text } from '../model';
import type { ValidationIssue } from '../validate';
import type { IssueMark, ReviewDecision } from './review-reply';

/**
 * The division's check as a decision sees it: its issues, still running (no decision on a division not
 * yet checked), or failed (it cannot be approved then, but it can be returned: a check that fails every
 * time must not keep a reviewer from answering).
 */
export type DecisionCheck = { readonly issues: readonly ValidationIssue[] } | 'running' | 'failed';

/** Household targets: out of range is a warning that needs a written reason (domain.md). */
const TARGET_RULES: ReadonlySet<string> = new Set(['household-over', 'household-under']);

/** A mark's reason, or '' when it has none worth the name. */
function reasonOf(mark: IssueMark | undefined): string {
  return mark?.justification?.trim() ?? '';
}

/**
 * Why a reviewer's decision cannot be written yet, in the reviewer's words (empty: it can). A reviewer
 * approves a division with no gaps, no overlaps, grids inside their village, codes unique and targets met
 * or justified (domain.md), so 通过 needs every error and every unjustified target accepted with a
 * written reason, and no issue marked 待修改. Either decision needs a reason on each accepted mark: the
 * reply records what was accepted and why. Marks of issues the division no longer has are not counted.
 */
export function decisionBlockers(
  decision: ReviewDecision,
  check: DecisionCheck,
  marks: readonly IssueMark[],
): LocalText[] {
  if (check === 'running') {
    return [text('校验尚未完成，请稍候再试。', 'The check is still running: try again in a moment.')];
  }
  if (check === 'failed' && decision === 'approved') {
    return [
      text(
        '校验失败，无法确认这个划分没有错误：不能通过，可以退回。',
        'The check failed, so this division cannot be shown free of errors: it cannot be approved, but it can be returned.',
      ),
    ];
  }
  const issues = check === 'failed' ? [] : check.issues;
  const markOf = new Map(marks.map((mark) => [mark.key, mark]));
  const current = issues.map((issue) => ({ issue, mark: markOf.get(issue.key) }));
  const blockers: LocalText[] = [];
  const unreasoned = current.filter(({ mark }) => mark?.status === 'accepted' && reasonOf(mark) === '');
  if (unreasoned.length > 0) {
    blockers.push(
      text(
        `${unreasoned.length} 个标为“接受”的问题没有写情况说明：接受须写明理由。`,
        `${unreasoned.length} ${unreasoned.length === 1 ? 'issue is' : 'issues are'} marked accepted without a justification: write why each is accepted.`,
      ),
    );
  }
  if (decision !== 'approved') return blockers;
  const toFix = current.filter(({ mark }) => mark?.status === 'to-fix');
  if (toFix.length > 0) {
    blockers.push(
      text(
        `${toFix.length} 个问题标为“待修改”，不能通过：请退回。`,
        `${toFix.length} ${toFix.length === 1 ? 'issue is' : 'issues are'} marked to fix, so the division cannot be approved: return it.`,
      ),
    );
  }
  const open = current.filter(
    ({ issue, mark }) =>
      mark === undefined && (issue.severity === 'error' || (TARGET_RULES.has(issue.rule) && !issue.accepted)),
  );
  const errors = open.filter(({ issue }) => issue.severity === 'error').length;
  const targets = open.length - errors;
  if (errors > 0) {
    blockers.push(
      text(
        `还有 ${errors} 个错误未处理：通过前请逐条标为“接受”并写明理由，或退回。`,
        `${errors} ${errors === 1 ? 'error is' : 'errors are'} not dealt with: before approving, mark each accepted with a justification, or return the division.`,
      ),
    );
  }
  if (targets > 0) {
    blockers.push(
      text(
        `还有 ${targets} 个网格户数不在目标范围内且没有情况说明：通过前请标为“接受”并写明理由，或退回。`,
        `${targets} ${targets === 1 ? 'grid is' : 'grids are'} outside the household target without a justification: before approving, mark each accepted with a justification, or return the division.`,
      ),
    );
  }
  return blockers;
}
