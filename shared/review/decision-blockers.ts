import type { LocalText } from '../model';
import { text } from '../model';
import type { ValidationIssue } from '../validate';
import type { IssueMark, ReviewDecision } from './review-reply';

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
  issues: readonly ValidationIssue[],
  marks: readonly IssueMark[],
): LocalText[] {
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
