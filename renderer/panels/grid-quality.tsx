import { useTranslation } from 'react-i18next';
import type { Change, Grid } from '../../shared/model';
import { change } from '../../shared/model';
import { compactnessVerdict, gridQuality } from '../derive/grid-quality';
import './grid-quality.css';

/** The tree row's quality marks: compactness, a warning when the grid is in pieces, a lock when locked. */
export function GridQualityBadge({ grid }: { readonly grid: Grid }) {
  const { t } = useTranslation();
  const quality = gridQuality(grid.geometry);
  const verdict = compactnessVerdict(quality.compactness);
  return (
    <span className="grid-quality-badge">
      {grid.locked && (
        <span className="grid-lock" title={t('divide.lockedHint')} data-testid="tree-locked">
          {t('divide.lockedShort')}
        </span>
      )}
      <span
        className={`grid-compactness ${verdict}`}
        title={t('divide.treeQuality', { value: quality.compactness.toFixed(2) })}
      >
        ◯{quality.compactness.toFixed(2)}
      </span>
      {quality.parts > 1 && (
        <span className="grid-parts" title={t('divide.multipart', { count: quality.parts })}>
          ⚠{t('divide.treeParts', { count: quality.parts })}
        </span>
      )}
    </span>
  );
}

/** The attribute panel's rows: compactness with its verdict, and contiguity. Render inside a <dl>. */
export function GridQualityFacts({ grid }: { readonly grid: Grid }) {
  const { t } = useTranslation();
  const quality = gridQuality(grid.geometry);
  const verdict = compactnessVerdict(quality.compactness);
  return (
    <>
      <dt>{t('divide.compactness')}</dt>
      <dd data-testid="attr-compactness" className={`grid-compactness ${verdict}`}>
        {t('divide.compactnessValue', {
          value: quality.compactness.toFixed(2),
          verdict: t(`divide.${verdict}`),
        })}
      </dd>
      <dt>{t('divide.parts')}</dt>
      <dd data-testid="attr-parts" className={quality.parts > 1 ? 'grid-parts' : undefined}>
        {quality.parts > 1 ? t('divide.multipart', { count: quality.parts }) : t('divide.contiguous')}
      </dd>
    </>
  );
}

/** 锁定/解锁: one undoable change that sets or clears the grid's lock (nothing else of it changes). */
export function lockChange(grid: Grid, locked: boolean, note: string): Change {
  const { locked: _old, ...rest } = grid;
  return change(note, [locked ? { ...rest, locked: true } : rest]);
}

/** The lock toggle of the attribute panel. */
export function GridLockToggle({
  grid,
  onChange,
}: {
  readonly grid: Grid;
  readonly onChange: (c: Change) => void;
}) {
  const { t } = useTranslation();
  const locked = grid.locked === true;
  return (
    <div className={`grid-lock-row ${locked ? 'locked' : ''}`}>
      <button
        type="button"
        data-testid="attr-lock"
        aria-pressed={locked}
        onClick={() =>
          onChange(
            lockChange(
              grid,
              !locked,
              t(locked ? 'divide.unlockNote' : 'divide.lockNote', { code: grid.code }),
            ),
          )
        }
      >
        {locked ? t('divide.unlock') : t('divide.lock')}
      </button>
      {locked && <small>{t('divide.lockedHint')}</small>}
    </div>
  );
}
