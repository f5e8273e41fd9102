import type { ReactElement } from 'react';
import type { CityFilingAnswer } from '../../shared/ipc';
import type { Shell } from '../shell/shell';
import { referenceFeatureBounds } from './reference-feature-bounds';

/**
 * The city office's answer to 报送市级库 in words: filed, or refused (a stale base with the filings since,
 * a version number not after the filed one, grids overlapping other townships', grids that are not
 * valid polygons, content the database cannot store, a bad township code), every grid named a click
 * from the map. Every kind of answer has its words: the switch is exhaustive.
 */
export function CityFilingOutcome({
  shell,
  outcome,
}: {
  readonly shell: Shell;
  readonly outcome: CityFilingAnswer;
}): ReactElement {
  const { t, say } = shell;
  const showOwn = (code: string): void => {
    const grid = [...(shell.division?.grid.values() ?? [])].find((g) => g.code === code);
    if (grid) shell.showOnMap({ gridId: grid.id });
  };
  const showOther = (code: string, township: string): void => {
    const bounds = referenceFeatureBounds(shell.references.layers, code, township);
    if (bounds) shell.showOnMap({ bounds });
  };
  switch (outcome.kind) {
    case 'filed':
      return (
        <p data-testid="city-filed">
          {t('city.answer.filed', {
            township: outcome.filing.township,
            version: outcome.filing.version,
            id: outcome.filing.id,
            grids: outcome.grids,
            closed: outcome.closedGrids,
          })}
        </p>
      );
    case 'bad-township':
      return <p>{t('city.answer.badTownship', { township: outcome.township })}</p>;
    case 'invalid-geometry':
      return (
        <>
          <p>{t('city.answer.invalidHead', { count: outcome.grids.length })}</p>
          <ul data-testid="city-invalid-grids">
            {outcome.grids.map((grid) => (
              <li key={grid.code}>
                <button type="button" className="link-button" onClick={() => showOwn(grid.code)}>
                  {grid.code}
                </button>{' '}
                {say(grid.message)}
              </li>
            ))}
          </ul>
          <p className="review-hint">
            {t('city.answer.invalidHint')} {t('city.answer.unchanged')}
          </p>
        </>
      );
    case 'stale':
      return (
        <>
          <p>
            {outcome.current
              ? t('city.answer.staleHead', { township: outcome.township, current: outcome.current.version })
              : t('city.answer.staleFirst', { township: outcome.township })}
          </p>
          <ul data-testid="city-stale-since">
            {outcome.since.map((filing) => (
              <li key={filing.id}>
                {t('city.answer.staleLine', {
                  version: filing.version,
                  id: filing.id,
                  date: filing.createdAt.slice(0, 10),
                  author: filing.author ? `，${filing.author}` : '',
                })}
              </li>
            ))}
          </ul>
          <p className="review-hint">
            {t('city.answer.staleHint')} {t('city.answer.unchanged')}
          </p>
        </>
      );
    case 'version-not-after':
      return (
        <>
          <p data-testid="city-version-not-after">
            {t('city.answer.versionHead', {
              version: outcome.version,
              township: outcome.township,
              current: outcome.current.version,
              id: outcome.current.id,
            })}
          </p>
          <p className="review-hint">
            {t('city.answer.versionHint', { current: outcome.current.version })} {t('city.answer.unchanged')}
          </p>
        </>
      );
    case 'unstorable':
      return (
        <>
          <p>{t('city.answer.unstorableHead')}</p>
          <ul data-testid="city-unstorable">
            {outcome.problems.map((problem, index) => (
              // The problems have no identity of their own, only their order.
              <li key={index}>{say(problem)}</li>
            ))}
          </ul>
          <p className="review-hint">
            {t('city.answer.unstorableHint')} {t('city.answer.unchanged')}
          </p>
        </>
      );
    case 'overlap':
      return (
        <>
          <p>{t('city.answer.overlapHead', { count: new Set(outcome.overlaps.map((o) => o.code)).size })}</p>
          <ul data-testid="city-overlaps">
            {outcome.overlaps.map((o) => (
              <li key={`${o.code}/${o.otherTownship}/${o.otherCode}`}>
                <button type="button" className="link-button" onClick={() => showOwn(o.code)}>
                  {o.code}
                </button>{' '}
                {t('city.answer.overlapLine', {
                  other: o.otherCode,
                  township: o.otherTownship,
                  area: o.areaM2.toFixed(1),
                })}{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => showOther(o.otherCode, o.otherTownship)}
                  title={t('city.answer.showOther')}
                  aria-label={t('city.answer.showOther')}
                >
                  ↗
                </button>
              </li>
            ))}
          </ul>
          <p className="review-hint">
            {t('city.answer.overlapHint')} {t('city.answer.unchanged')}
          </p>
        </>
      );
  }
}
