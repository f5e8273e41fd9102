import { diffFieldsText, wordList } from '../../shared/diff/diff-words';
import { formatCount } from './format';
import type { CompareKey } from '../review/use-review';
import { diffRowPlace } from '../review/review-features';
import type { Shell } from '../shell/shell';
import { DIFF_COLOURS } from '../map/diff-colours';
import type { SelectChoice } from './labelled-select';
import { LabelledSelect } from './labelled-select';

/**
 * 对比: two divisions chosen among the working copy (or the package), the versions, the package's base
 * and a file; the changes as a table (click a row to show it on the map) and hatched on the map.
 */
export function DiffSection({ shell }: { readonly shell: Shell }) {
  const { review, t, say } = shell;
  const options: SelectChoice<CompareKey>[] = [
    ...review.versions.map((v) => ({
      value: `v${v.number}` as CompareKey,
      label: `${t('review.versions.number')} ${v.number}`,
    })),
    ...(review.packageInfo?.baseText ? [{ value: 'base' as CompareKey, label: t('review.diff.base') }] : []),
    { value: 'working', label: review.packageInfo ? t('review.diff.package') : t('review.diff.working') },
    ...(review.file
      ? [{ value: 'file' as CompareKey, label: t('review.diff.file', { name: review.file.name }) }]
      : []),
  ];
  const { before, after } = review.compareKeys;
  const setBefore = (key: CompareKey): void => review.setCompareKeys({ before: key, after });
  const setAfter = (key: CompareKey): void => review.setCompareKeys({ before, after: key });
  // A choice that is no longer offered (a file replaced, another project) falls back to the default pair.
  const offered = (key: CompareKey | ''): key is CompareKey => options.some((o) => o.value === key);
  const beforeKey = offered(before) ? before : (options[Math.max(0, options.length - 2)]?.value ?? 'working');
  const afterKey = offered(after) ? after : (options[options.length - 1]?.value ?? 'working');
  const view = review.diffView;
  return (
    <>
      <h3>{t('review.diff.heading')}</h3>
      <div className="review-compare">
        <LabelledSelect
          label={t('review.diff.before')}
          choices={options}
          value={beforeKey}
          onChange={setBefore}
          testId="diff-before"
        />
        <LabelledSelect
          label={t('review.diff.after')}
          choices={options}
          value={afterKey}
          onChange={setAfter}
          testId="diff-after"
        />
      </div>
      <div className="review-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void review.compare(beforeKey, afterKey)}
          data-testid="diff-compare"
        >
          {t('review.diff.compare')}
        </button>
        <button type="button" onClick={() => void review.loadCompareFile()}>
          {t('review.diff.chooseFile')}
        </button>
        {view && (
          <button type="button" onClick={review.closeDiff}>
            {t('review.diff.close')}
          </button>
        )}
      </div>
      {view && (
        <div data-testid="diff-result">
          <p className="review-hint">
            {t('review.diff.title', { before: say(view.beforeLabel), after: say(view.afterLabel) })}
          </p>
          <p className="diff-legend">
            <span className="diff-swatch diff-swatch-added" style={{ borderColor: DIFF_COLOURS.added }} />{' '}
            {t('review.diff.legendAdded')}
            <span
              className="diff-swatch diff-swatch-removed"
              style={{ borderColor: DIFF_COLOURS.removed }}
            />{' '}
            {t('review.diff.legendRemoved')}
            <span
              className="diff-swatch diff-swatch-changed"
              style={{ borderColor: DIFF_COLOURS.changed }}
            />{' '}
            {t('review.diff.legendChanged')}
          </p>
          {view.diff.changes.length === 0 ? (
            <p className="empty-state">{t('review.diff.none')}</p>
          ) : (
            <table className="review-table diff-table" data-testid="diff-table">
              <thead>
                <tr>
                  <th>{t('review.diff.kind')}</th>
                  <th>{t('review.diff.codes')}</th>
                  <th>{t('review.diff.area')}</th>
                  <th>{t('review.diff.households')}</th>
                  <th>{t('review.diff.fields')}</th>
                </tr>
              </thead>
              <tbody>
                {view.diff.changes.map((change, index) => (
                  <tr
                    key={index}
                    data-testid="diff-row"
                    data-kind={change.kind}
                    className={`diff-row diff-row-${change.kind}`}
                    onClick={() => {
                      const at = diffRowPlace(view.diff, index, view.before, view.after);
                      if (at) shell.showOnMap({ at });
                    }}
                  >
                    <td>{t(`review.diff.kinds.${change.kind}`)}</td>
                    <td>
                      {say(wordList(change.codes))}
                      {change.fromCodes.length > 0 && change.fromCodes.join() !== change.codes.join() && (
                        <div className="review-note">← {say(wordList(change.fromCodes))}</div>
                      )}
                    </td>
                    <td>{t('units.areaM2', { value: formatCount(Math.round(change.areaChangedM2)) })}</td>
                    <td>
                      {formatCount(change.householdsBefore)} → {formatCount(change.householdsAfter)}
                    </td>
                    <td>{say(diffFieldsText(change.fields))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </>
  );
}
