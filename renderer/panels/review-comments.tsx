import { matchIssueMark } from '../../shared/review';
import { commentPlace } from '../review/review-features';
import type { Shell } from '../shell/shell';

/**
 * The review comments at the top of the 问题 tab: the reviewer's draft in a package under review, else
 * the comments and issue marks of the newest reply the planner opened, each with 已处理 and a click that
 * shows it on the map (where its numbered pin is).
 */
export function ReviewComments({ shell }: { readonly shell: Shell }) {
  const { review, t, division, validation } = shell;
  const reply = review.packageInfo ? null : review.latestReply;
  const comments = review.packageInfo ? review.draft.comments : (reply?.stored.reply.comments ?? []);
  const marks = review.packageInfo ? review.draft.marks : (reply?.stored.reply.issueMarks ?? []);
  if (comments.length === 0 && marks.length === 0) return null;
  const resolved = new Set(reply?.stored.resolved ?? []);
  const show = (index: number): void => {
    const comment = comments[index];
    const at = comment && division ? commentPlace(comment, division) : null;
    if (at) shell.showOnMap({ at });
  };
  const markedIssues = validation.state.issues
    .map((issue) => ({ issue, mark: matchIssueMark(marks, issue) }))
    .filter((entry) => entry.mark);
  return (
    <section className="review-comments-panel" data-testid="review-comments">
      <h4>
        {reply
          ? `${t('review.reply.heading', { number: reply.number })} · ${t(`review.reply.decision.${reply.stored.reply.decision}`)}`
          : t('review.comments.heading')}
      </h4>
      <ol className="review-comments">
        {comments.map((comment, index) => (
          <li key={comment.id} data-testid="review-comment" data-resolved={resolved.has(comment.id)}>
            <button type="button" className="link-button" onClick={() => show(index)}>
              {comment.gridCode
                ? t('review.comments.grid', { code: comment.gridCode })
                : t('review.comments.point')}
            </button>
            {t('punct.colon')}
            {comment.text}
            {reply && (
              <label className="review-resolved">
                <input
                  type="checkbox"
                  checked={resolved.has(comment.id)}
                  onChange={(event) =>
                    void review.resolveComment(reply.number, comment.id, event.target.checked)
                  }
                  data-testid="review-comment-resolved"
                />
                {t('review.comments.resolved')}
              </label>
            )}
          </li>
        ))}
      </ol>
      {markedIssues.length > 0 && (
        <ul className="review-marks" data-testid="review-issue-marks">
          {markedIssues.map(({ issue, mark }) => (
            <li key={issue.key} data-status={mark!.status}>
              <button type="button" className="link-button" onClick={() => validation.selectIssue(issue)}>
                {shell.say(issue.message)}
              </button>{' '}
              <strong className={`review-mark-${mark!.status}`}>
                {mark!.status === 'accepted' ? t('review.marks.acceptedShort') : t('review.marks.toFixShort')}
              </strong>
              {mark!.justification && <div className="review-note">{mark!.justification}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
