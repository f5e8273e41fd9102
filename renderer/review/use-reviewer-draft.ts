import { useState } from 'react';
import type { LocalText } from '../../shared/model';
import { text } from '../../shared/model';
import type {
  IssueMark,
  IssueMarkStatus,
  ReviewComment,
  ReviewDecision,
  ReviewReply,
} from '../../shared/review';
import type { DecisionCheck } from '../../shared/review';
import {
  decisionBlockers,
  parseReviewReply,
  REVIEW_REPLY_TYPE,
  REVIEW_REPLY_VERSION,
  stringifyReviewReply,
} from '../../shared/review';
import type { ValidationIssue } from '../../shared/validate';
import { saveProjectFile } from '../platform/project-files';
import { problemOf } from './review-run';
import type { ReviewRun } from './review-run';
import type { PackageInfo, ReviewDraft } from './review-settings';
import { DRAFT_SETTING, EMPTY_DRAFT } from './review-settings';
import type { ReviewDeps } from './review-types';

/** What {@link useReviewerDraft} needs besides the review's deps. */
export interface ReviewerDraftDeps extends Pick<ReviewDeps, 'store' | 'notify' | 'language'> {
  readonly projectId: string | null;
  readonly run: ReviewRun;
  readonly author: string;
  readonly packageInfo: PackageInfo | null;
}

/**
 * The reviewer's side of a package under review: comments pinned to a grid or a point picked on the
 * map, a mark per validation issue, reviewer and note (a draft kept in the project's settings), and
 * 通过 / 退回, which write the reply file.
 */
export function useReviewerDraft(deps: ReviewerDraftDeps) {
  const { store, notify, language, projectId, run, author, packageInfo } = deps;
  const [draft, setDraft] = useState<ReviewDraft>(EMPTY_DRAFT);
  const [picking, setPicking] = useState(false);
  const [pickedAt, setPickedAt] = useState<readonly [number, number] | null>(null);

  const saveDraft = (next: ReviewDraft): void => {
    setDraft(next);
    if (!projectId) return;
    store
      .setSetting(projectId, DRAFT_SETTING, next)
      .catch((error: unknown) =>
        notify('error', text('保存审核意见失败', 'Saving the review failed'), [problemOf(error)]),
      );
  };

  const addComment = (
    commentText: string,
    anchor: { gridCode?: string; at?: readonly [number, number] },
  ): void => {
    if (commentText.trim() === '' || (anchor.gridCode === undefined && !anchor.at)) return;
    const id = `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const comment: ReviewComment = {
      id,
      ...(anchor.gridCode !== undefined ? { gridCode: anchor.gridCode } : {}),
      ...(anchor.at ? { at: [anchor.at[0], anchor.at[1]] as const } : {}),
      text: commentText.trim(),
      author: draft.reviewer || author,
      createdAt: new Date().toISOString(),
    };
    saveDraft({ ...draft, comments: [...draft.comments, comment] });
  };

  const removeComment = (id: string): void =>
    saveDraft({ ...draft, comments: draft.comments.filter((c) => c.id !== id) });

  const setMark = (issue: ValidationIssue, status: IssueMarkStatus | null, justification?: string): void => {
    const others = draft.marks.filter((m) => m.key !== issue.key);
    const mark: IssueMark | null = status
      ? {
          key: issue.key,
          rule: issue.rule,
          codes: [...issue.codes],
          status,
          ...(justification ? { justification } : {}),
        }
      : null;
    saveDraft({ ...draft, marks: mark ? [...others, mark] : others });
  };

  const setDraftFields = (fields: Partial<Pick<ReviewDraft, 'reviewer' | 'note'>>): void =>
    saveDraft({ ...draft, ...fields });

  /**
   * 通过 / 退回: writes the reply file, unless {@link decisionBlockers} says why not yet. `division` is the
   * division's check: its issues, still running (no decision on a division not yet checked), or failed
   * (then it cannot be approved, but it can be returned).
   */
  const decide = (decision: ReviewDecision, division: DecisionCheck) =>
    run(
      text('正在写审核意见…', 'Writing the reply…'),
      text('写审核意见失败', 'Writing the reply failed'),
      async () => {
        if (!packageInfo) return;
        const refuse = (message: LocalText): void =>
          notify('error', text('写审核意见失败', 'Writing the reply failed'), [message]);
        if (draft.reviewer.trim() === '') return refuse(text('请填写审核人。', 'Enter the reviewer’s name.'));
        const blockers = decisionBlockers(decision, division, draft.marks);
        if (blockers.length > 0) {
          notify('error', text('写审核意见失败', 'Writing the reply failed'), blockers);
          return;
        }
        if (
          decision === 'returned' &&
          draft.comments.length === 0 &&
          !draft.marks.some((m) => m.status === 'to-fix') &&
          draft.note.trim() === ''
        ) {
          return refuse(text('退回时请至少写一条意见。', 'Returning needs at least one comment.'));
        }
        const reply: ReviewReply = {
          type: REVIEW_REPLY_TYPE,
          version: REVIEW_REPLY_VERSION,
          township: { code: packageInfo.manifest.township.code, name: packageInfo.manifest.township.name },
          divisionVersion: packageInfo.manifest.version,
          divisionSha256: packageInfo.manifest.divisionSha256,
          reviewer: draft.reviewer.trim(),
          decidedAt: new Date().toISOString(),
          decision,
          note: draft.note,
          comments: draft.comments,
          issueMarks: draft.marks,
        };
        const written = stringifyReviewReply(reply);
        // What is written must be what the planner's GridPlan reads: check with the same parser.
        const check = parseReviewReply(written, { divisionSha256: reply.divisionSha256 });
        if (!check.ok) return refuse(check.problems[0]!.message);
        const word = decision === 'approved' ? '通过' : '退回';
        const township = reply.township.name || 'gridplan';
        const name =
          language === 'zh'
            ? `审核意见-${township}-版本${reply.divisionVersion}-${word}.json`
            : `review-reply-${township}-version-${reply.divisionVersion}-${decision}.json`;
        const saved = await saveProjectFile(name, written);
        if (saved)
          notify('info', text(`已写审核意见（${word}）：${saved}`, `Reply written (${decision}): ${saved}`));
      },
    );

  return {
    draft,
    setDraft,
    picking,
    setPicking,
    pickedAt,
    pickPoint: (at: readonly [number, number]) => {
      setPickedAt(at);
      setPicking(false);
    },
    clearPicked: () => setPickedAt(null),
    addComment,
    removeComment,
    setMark,
    setDraftFields,
    decide,
  };
}
