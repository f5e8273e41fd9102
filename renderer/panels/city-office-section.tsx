import { useState } from 'react';
import type { Shell } from '../shell/shell';
import { townshipCodeOf } from '../review/use-city-office';
import { CityCommentsList } from './city-comments-list';
import { CityFilingOutcome } from './city-filing-outcome';

/**
 * 市级库 in the 审核 tab: the connection (desktop only; the password field is never filled back), 从市级库拉取,
 * and the office's answer to 报送市级库 (a version row's button) with every refused grid clickable.
 */
export function CityOfficeSection({ shell }: { readonly shell: Shell }) {
  const { city, t } = shell;
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [township, setTownship] = useState('');
  const ownCode = townshipCodeOf(shell.division);
  return (
    <section className="city-office" data-testid="city-office">
      <h3>{t('city.heading')}</h3>
      <p className="review-hint">{t('city.hint')}</p>
      {city.busy && <p className="review-busy">{city.busy}</p>}
      {city.desktop ? (
        <>
          <p className="review-hint" data-testid="city-status">
            {city.status?.shownUrl
              ? `${t('city.configured', { url: city.status.shownUrl })} ${t(
                  city.status.remembered ? 'city.remembered' : 'city.sessionOnly',
                )}`
              : t('city.notConfigured')}
          </p>
          <label className="review-field">
            {t('city.url')}
            <input
              data-testid="city-url"
              value={url}
              placeholder={t('city.urlPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setUrl(event.target.value)}
            />
          </label>
          <label className="review-field">
            {t('city.password')}
            <input
              data-testid="city-password"
              type="password"
              value={password}
              placeholder={t('city.passwordPlaceholder')}
              autoComplete="off"
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          <div className="review-actions">
            <button
              type="button"
              disabled={url.trim() === '' || !!city.busy}
              onClick={() => {
                void city.configure(url, password);
                // The password leaves the page's state at once: only the main process keeps it (also
                // when it was typed into the URL).
                setPassword('');
                if (/^[a-z]+:\/\/[^/@]*:[^/@]*@/i.test(url)) setUrl('');
              }}
              data-testid="city-save"
            >
              {t('city.save')}
            </button>
            {city.status?.shownUrl && (
              <button type="button" onClick={() => void city.forget()} disabled={!!city.busy}>
                {t('city.forget')}
              </button>
            )}
          </div>
          {city.status?.shownUrl && (
            <div className="review-actions">
              <input
                aria-label={t('city.township')}
                className="city-township"
                value={township || ownCode}
                placeholder={t('city.township')}
                onChange={(event) => setTownship(event.target.value.trim())}
                data-testid="city-township"
              />
              <button
                type="button"
                title={t('city.pullTitle')}
                disabled={!/^\d{9}000$/.test(township || ownCode) || !!city.busy}
                onClick={() => void city.pull(township || ownCode)}
                data-testid="city-pull"
              >
                {t('city.pull')}
              </button>
              {city.pulled && (
                <button type="button" onClick={() => void city.openPulled()} data-testid="city-open-pulled">
                  {t('city.openFiled')}
                </button>
              )}
            </div>
          )}
        </>
      ) : (
        <p className="review-hint">{t('city.browserNote')}</p>
      )}
      {city.answer && <CityAnswerBox shell={shell} />}
      <CityCommentsList shell={shell} />
    </section>
  );
}

function CityAnswerBox({ shell }: { readonly shell: Shell }) {
  const { city, t, review } = shell;
  const answer = city.answer;
  if (!answer) return null;
  return (
    <div
      className={`city-answer city-answer-${answer.kind === 'answered' ? answer.outcome.kind : 'browser'}`}
      data-testid="city-answer"
      role="status"
    >
      {answer.kind === 'browser' ? (
        <>
          <p>{t('city.browserOnly')}</p>
          <button
            type="button"
            onClick={() => void review.exportPackage(answer.number)}
            data-testid="city-save-package"
          >
            {t('city.saveForCli')}
          </button>
        </>
      ) : (
        <CityFilingOutcome shell={shell} outcome={answer.outcome} />
      )}
      <button type="button" className="city-answer-close" onClick={city.closeAnswer}>
        {t('city.close')}
      </button>
    </div>
  );
}
