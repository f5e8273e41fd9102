import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grid, MicroGrid, RuleSet, TargetStatus } from '../../shared/model';
import { targetFor } from '../../shared/model';
import type { GridFigures } from '../derive/grid-figures';
import { formatCount } from './format';
import { GridQualityBadge } from './grid-quality';

/** What a grid's count shows until it is counted (a project just opened, a grid just drawn). */
const NOT_COUNTED = '…';

export interface TreeGridRowProps {
  readonly grid: Grid;
  readonly ruleSet: RuleSet;
  /** The grid's households, or null until it is counted. */
  readonly households: number | null;
  readonly status: TargetStatus;
  /** Out of target with a written justification. */
  readonly accepted: boolean;
  readonly selected: boolean;
  readonly onSelectGrid: (id: string) => void;
  /** The grid's micro-grids in display order, if it has any. */
  readonly microgrids?: readonly MicroGrid[];
  /** Micro-grid figures: given only to a row with micro-grids, so the others ignore their changes. */
  readonly microgridFigures?: GridFigures;
  /** The micro-grid chosen in the tree, given only to a row with micro-grids. */
  readonly selectedMicrogridId?: string | null;
  readonly onSelectMicrogrid?: (id: string) => void;
}

/** Exclusive grids are hatched purple; other grids without a target are neutral (ui.md colours). */
export function statusClass(grid: Grid, status: TargetStatus): string {
  if (status === 'none') return grid.gridType === 'exclusive' ? 'status-none' : 'status-untargeted';
  return `status-${status}`;
}

/**
 * Whether a row shows the same thing with `next` as with `previous`: every prop is compared as React's
 * memo does, except the micro-grid figures, a new map at every recount, of which only the row's own
 * micro-grids' counts and statuses matter.
 */
export function sameRow(previous: TreeGridRowProps, next: TreeGridRowProps): boolean {
  for (const key of Object.keys(next) as (keyof TreeGridRowProps)[]) {
    if (key !== 'microgridFigures' && !Object.is(previous[key], next[key])) return false;
  }
  if (Object.keys(previous).length !== Object.keys(next).length) return false;
  if (previous.microgridFigures === next.microgridFigures) return true;
  return (next.microgrids ?? []).every((microgrid) => {
    const before = previous.microgridFigures?.get(microgrid.id);
    const after = next.microgridFigures?.get(microgrid.id);
    return before?.households === after?.households && before?.status === after?.status;
  });
}

/**
 * One grid of the project tree with its micro-grids. Memoised on what it shows: a change of the figures
 * re-renders only the rows whose count, status or selection changed, not the project's hundreds of rows
 * (each recount gives every grid and micro-grid a new figure object).
 */
export const TreeGridRow = memo(function TreeGridRow({
  grid,
  ruleSet,
  households,
  status,
  accepted,
  selected,
  onSelectGrid,
  microgrids,
  microgridFigures,
  selectedMicrogridId = null,
  onSelectMicrogrid,
}: TreeGridRowProps) {
  const { t } = useTranslation();
  const target = targetFor(grid, ruleSet);
  const range =
    target?.minHouseholds !== undefined && target.maxHouseholds !== undefined
      ? `/${target.minHouseholds}–${target.maxHouseholds}`
      : '';
  return (
    <li>
      <button
        type="button"
        className={`tree-grid ${selected ? 'selected' : ''}`}
        onClick={() => onSelectGrid(grid.id)}
        data-grid-code={grid.code}
        title={`${grid.code} ${t(`gridTypes.${grid.gridType ?? 'unset'}`)}`}
      >
        <span className={`status-dot ${statusClass(grid, status)}`} aria-label={t(`target.${status}`)} />
        <span className="tree-label">
          <span className="tree-name">{grid.name || grid.code}</span>
          <small className="tree-code">
            {grid.code || '—'} · {t(`gridTypesShort.${grid.gridType ?? 'unset'}`)}{' '}
            <GridQualityBadge grid={grid} />
          </small>
        </span>
        <span className="tree-count" data-testid="grid-households">
          {households === null ? NOT_COUNTED : formatCount(households)}
          {range}
          {accepted ? ` ✓${t('target.accepted')}` : ''}
        </span>
      </button>
      {microgrids && microgrids.length > 0 && (
        <ul className="tree-microgrids">
          {microgrids.map((microgrid) => {
            const mf = microgridFigures?.get(microgrid.id);
            return (
              <li key={microgrid.id}>
                <button
                  type="button"
                  className={`tree-microgrid ${microgrid.id === selectedMicrogridId ? 'selected' : ''}`}
                  onClick={() => onSelectMicrogrid?.(microgrid.id)}
                  title={t('tree.showMicrogrid', { code: microgrid.code })}
                  data-microgrid-code={microgrid.code}
                >
                  <span
                    className={`status-dot status-${mf?.status === 'none' ? 'untargeted' : (mf?.status ?? 'untargeted')}`}
                  />
                  <span className="tree-name">{microgrid.name || microgrid.code}</span>
                  <span className="tree-count">{mf ? formatCount(mf.households) : NOT_COUNTED}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}, sameRow);
