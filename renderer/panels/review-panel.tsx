import { useState } from 'react';
import type { Shell } from '../shell/shell';
import { CityOfficeSection } from './city-office-section';
import { DiffSection } from './diff-section';
import { localMinute } from './local-minute';
import { OpenPackageButton } from './open-package-button';
import { ReviewerSection } from './reviewer-section';
import './review.css';

/**
 * The 审核 tab. In a project opened from a filing package: the package, the reviewer's comments, issue
 * marks and decision. Otherwise the planner's side: 提交审核, 版本记录 (view read-only, restore, export
 * the package), opening a reply. Both end with 对比.
 */
export function ReviewPanel({ shell }: { readonly shell: Shell }) {
  const { review, t } = shell;
  return (
    <section className="review-panel" data-testid="review-panel">
      {review.busy && <p className="review-busy">{t('review.busy', { what: shell.say(review.busy) })}</p>}
      {review.packageInfo ? <ReviewerSection shell={shell} /> : <PlannerSection shell={shell} />}
      <DiffSection shell={shell} />
    </section>
  );
}

function PlannerSection({ shell }: { readonly shell: Shell }) {
  const { review, t, say } = shell;
  const [note, setNote] = useState('');
  const working = !review.view;
  // Another window edits this project: submitting, opening a reply (it files grids) and restoring are
  // done there (restoring here would write over that window's newest edits).
  const otherWindowEdits = !!shell.project.state?.readOnly;
  return (
    <>
      <h3>{t('review.submit.heading')}</h3>
      <p className="review-hint">{t('review.submit.hint')}</p>
      <label className="review-field">
        {t('review.submit.author')}
        <input
          value={review.author}
          onChange={(event) => review.setAuthor(event.target.value)}
          data-testid="review-author"
        />
      </label>
      <label className="review-field">
        {t('review.submit.note')}
        <textarea
          value={note}
          placeholder={t('review.submit.notePlaceholder')}
          onChange={(event) => setNote(event.target.value)}
          rows={2}
          data-testid="review-submit-note"
        />
      </label>
      <div className="review-actions">
        <button
          type="button"
          className="primary"
          disabled={!working || otherWindowEdits || review.busy !== null}
          onClick={() => void review.submit(note).then((done) => done && setNote(''))}
          data-testid="review-submit"
        >
          {t('review.submit.button')}
        </button>
        <button
          type="button"
          onClick={() => void review.openReply()}
          disabled={otherWindowEdits}
          title={t('review.reply.openTitle')}
          data-testid="review-open-reply"
        >
          {t('review.reply.open')}
        </button>
        <OpenPackageButton shell={shell} />
      </div>

      <h3>{t('review.versions.heading')}</h3>
      {review.versions.length === 0 ? (
        <p className="empty-state">{t('review.versions.empty')}</p>
      ) : (
        <table className="review-table" data-testid="review-versions">
          <thead>
            <tr>
              <th>{t('review.versions.number')}</th>
              <th>{t('review.versions.status')}</th>
              <th>{t('review.versions.author')}</th>
              <th>{t('review.versions.time')}</th>
            </tr>
          </thead>
          <tbody>
            {[...review.versions].reverse().map((version) => (
              <tr
                key={version.number}
                data-testid={`review-version-${version.number}`}
                data-status={version.status}
              >
                <td>
                  <strong>{version.number}</strong>
                </td>
                <td>
                  <span className={`review-status review-status-${version.status}`}>
                    {t(`review.versions.statuses.${version.status}`)}
                  </span>
                  {version.filedAt && (
                    <small className="review-filed" data-testid={`review-filed-${version.number}`}>
                      {' '}
                      {t('review.versions.filedAt', { date: version.filedAt.slice(0, 10) })}
                    </small>
                  )}
                </td>
                <td>{version.author}</td>
                <td>
                  {localMinute(version.createdAt)}
                  {version.note && <div className="review-note">{version.note}</div>}
                  <div className="review-row-actions">
                    <button type="button" onClick={() => void review.openVersion(version.number)}>
                      {t('review.versions.open')}
                    </button>
                    <button
                      type="button"
                      onClick={() => void review.restoreVersion(version.number)}
                      disabled={otherWindowEdits}
                      title={t('review.versions.restoreTitle')}
                    >
                      {t('review.versions.restore')}
                    </button>
                    <button
                      type="button"
                      onClick={() => void review.exportPackage(version.number)}
                      data-testid={`review-export-${version.number}`}
                    >
                      {t('review.versions.exportPackage')}
                    </button>
                    <button
                      type="button"
                      onClick={() => void shell.city.fileVersion(version.number)}
                      title={t('city.fileVersionTitle')}
                      disabled={!!shell.city.busy}
                      data-testid={`city-file-${version.number}`}
                    >
                      {t('city.fileVersion')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {review.latestReply && (
        <p className="review-hint" data-testid="review-latest-reply">
          {t('review.reply.heading', { number: review.latestReply.number })}
          {t('punct.colon')}
          {t(`review.reply.decision.${review.latestReply.stored.reply.decision}`)} ·{' '}
          {t('review.reply.by', {
            reviewer: review.latestReply.stored.reply.reviewer,
            date: review.latestReply.stored.reply.decidedAt.slice(0, 10),
          })}
          {review.latestReply.stored.reply.note && ` · ${review.latestReply.stored.reply.note}`}
        </p>
      )}
      {review.view && (
        <p className="review-hint">
          {say(review.view.label)}{' '}
          <button type="button" onClick={review.closeView}>
            {t('review.backToWorking')}
          </button>
        </p>
      )}
      <CityOfficeSection shell={shell} />
    </>
  );
}
