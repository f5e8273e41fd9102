import { useState } from 'react';
import type { DecisionCheck, IssueMarkStatus } from '../../shared/review';
import type { Shell } from '../shell/shell';
import { OpenPackageButton } from './open-package-button';

/**
 * The reviewer's side of the 审核 tab in a project opened from a filing package: what the package is,
 * comments pinned to a grid or a point, a mark on each validation issue, and 通过 / 退回, which write the
 * reply file the township opens.
 */
export function ReviewerSection({ shell }: { readonly shell: Shell }) {
  const { review, t, division, selectedGridId, validation } = shell;
  const info = review.packageInfo;
  const [comment, setComment] = useState('');
  if (!info) return null;
  const grid = selectedGridId ? division?.grid.get(selectedGridId) : undefined;
  const at = review.pickedAt;
  const anchor = at ? { at } : grid ? { gridCode: grid.code } : null;
  const issues = validation.state.issues;
  // A decision waits for the whole check: an unfinished one would let 通过 past errors not yet found.
  const check: DecisionCheck = validation.state.running
    ? 'running'
    : validation.state.failure
      ? 'failed'
      : validation.state.checked
        ? { issues }
        : 'running';
  return (
    <>
      <h3>{t('review.package.heading')}</h3>
      <dl className="review-facts" data-testid="review-package">
        <dt>{t('review.package.township')}</dt>
        <dd>
          {info.manifest.township.name} {info.manifest.township.code}
        </dd>
        <dt>{t('review.package.version')}</dt>
        <dd data-testid="review-package-version">{info.manifest.version}</dd>
        <dt>{t('review.package.created')}</dt>
        <dd>{info.manifest.createdAt.slice(0, 16).replace('T', ' ')}</dd>
        {info.manifest.note && (
          <>
            <dt>{t('review.package.note')}</dt>
            <dd>{info.manifest.note}</dd>
          </>
        )}
        <dt>{t('review.package.sha')}</dt>
        <dd className="review-sha">{info.manifest.divisionSha256.slice(0, 16)}…</dd>
      </dl>
      <div className="review-actions">
        <OpenPackageButton shell={shell} />
      </div>

      <h3>{t('review.comments.heading')}</h3>
      <ol className="review-comments">
        {review.draft.comments.map((entry) => (
          <li key={entry.id} data-testid="review-draft-comment">
            <span>
              {entry.gridCode
                ? t('review.comments.grid', { code: entry.gridCode })
                : t('review.comments.point')}
              {t('punct.colon')}
              {entry.text}
            </span>
            <button type="button" onClick={() => review.removeComment(entry.id)}>
              {t('review.comments.remove')}
            </button>
          </li>
        ))}
      </ol>
      <textarea
        value={comment}
        rows={2}
        placeholder={t('review.comments.placeholder')}
        onChange={(event) => setComment(event.target.value)}
        data-testid="review-comment-text"
      />
      <p className="review-hint" data-testid="review-comment-anchor">
        {review.picking
          ? t('review.comments.picking')
          : at
            ? t('review.comments.onPoint', { lon: at[0].toFixed(6), lat: at[1].toFixed(6) })
            : grid
              ? t('review.comments.onGrid', { code: grid.code })
              : t('review.comments.noAnchor')}
      </p>
      <div className="review-actions">
        <button
          type="button"
          onClick={() => {
            review.clearPicked();
            review.setPicking(!review.picking);
          }}
          aria-pressed={review.picking}
          data-testid="review-pick-point"
        >
          {t('review.comments.pick')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!anchor || comment.trim() === ''}
          onClick={() => {
            if (!anchor) return;
            review.addComment(comment, anchor);
            setComment('');
            review.clearPicked();
          }}
          data-testid="review-add-comment"
        >
          {t('review.comments.add')}
        </button>
      </div>

      <h3>{t('review.marks.heading')}</h3>
      {issues.length === 0 ? (
        <p className="empty-state">{t('review.marks.empty')}</p>
      ) : (
        <ul className="review-marks" data-testid="review-marks">
          {issues.map((issue) => {
            const mark = review.draft.marks.find((m) => m.key === issue.key);
            return (
              <li key={issue.key} data-testid="review-mark" data-rule={issue.rule}>
                <div className="review-mark-title">{shell.say(issue.message)}</div>
                <select
                  value={mark?.status ?? ''}
                  onChange={(event) =>
                    review.setMark(
                      issue,
                      (event.target.value || null) as IssueMarkStatus | null,
                      mark?.justification ?? issue.justification,
                    )
                  }
                  data-testid="review-mark-status"
                >
                  <option value="">{t('review.marks.none')}</option>
                  <option value="accepted">{t('review.marks.accepted')}</option>
                  <option value="to-fix">{t('review.marks.toFix')}</option>
                </select>
                {mark && (
                  <input
                    value={mark.justification ?? ''}
                    placeholder={t('review.marks.justification')}
                    data-testid="review-mark-justification"
                    onChange={(event) => review.setMark(issue, mark.status, event.target.value)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}

      <h3>{t('review.reviewer.heading')}</h3>
      <label className="review-field">
        {t('review.reviewer.name')}
        <input
          value={review.draft.reviewer}
          onChange={(event) => review.setDraftFields({ reviewer: event.target.value })}
          data-testid="review-reviewer"
        />
      </label>
      <label className="review-field">
        {t('review.reviewer.note')}
        <textarea
          value={review.draft.note}
          rows={2}
          onChange={(event) => review.setDraftFields({ note: event.target.value })}
          data-testid="review-decision-note"
        />
      </label>
      <div className="review-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void review.decide('approved', check)}
          title={t('review.reviewer.approveTitle')}
          data-testid="review-approve"
        >
          ✔ {t('review.reviewer.approve')}
        </button>
        <button
          type="button"
          onClick={() => void review.decide('returned', check)}
          title={t('review.reviewer.returnTitle')}
          data-testid="review-return"
        >
          ↩ {t('review.reviewer.return')}
        </button>
      </div>
    </>
  );
}
