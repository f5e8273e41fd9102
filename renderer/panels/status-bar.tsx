import { useTranslation } from 'react-i18next';
import type { DivisionFigures } from '../derive/grid-figures';
import { formatCount } from './format';

export interface StatusBarProps {
  readonly gridCount: number;
  readonly figures: DivisionFigures;
  readonly errors: number | null;
  readonly warnings: number | null;
  readonly activity: string;
  /** What runs in the background (validation), or null. */
  readonly checking: string | null;
  readonly cursor: readonly [number, number] | null;
  /** The census points are still being read: the households in all are not known yet. */
  readonly censusLoading?: boolean;
}

/** The bottom bar: grids, households, unassigned households, errors, warnings, what is running, cursor. */
export function StatusBar({
  gridCount,
  figures,
  errors,
  warnings,
  activity,
  checking,
  cursor,
  censusLoading = false,
}: StatusBarProps) {
  const { t } = useTranslation();
  return (
    // data-counts: whether the figures are counted yet (tests and support wait for it after opening).
    <footer
      className="status-bar"
      data-testid="status-bar"
      data-counts={figures.pending ? 'pending' : 'counted'}
    >
      <span>{t('status.grids', { count: gridCount })}</span>
      <span>
        {t('status.households', {
          value: censusLoading ? t('status.computing') : formatCount(figures.households),
        })}
      </span>
      <span className={figures.unassignedHouseholds > 0 ? 'warn' : ''}>
        {t('status.unassigned', {
          value: figures.pending ? t('status.computing') : formatCount(figures.unassignedHouseholds),
        })}
      </span>
      {errors !== null && (
        <span className={errors > 0 ? 'error' : ''}>{t('status.errors', { count: errors })}</span>
      )}
      {warnings !== null && <span>{t('status.warnings', { count: warnings })}</span>}
      {checking && <span className="status-checking">{checking}</span>}
      <span className="status-activity">{activity}</span>
      <span className="status-cursor">
        {cursor ? t('status.cursor', { lon: cursor[0].toFixed(6), lat: cursor[1].toFixed(6) }) : ''}
      </span>
    </footer>
  );
}
