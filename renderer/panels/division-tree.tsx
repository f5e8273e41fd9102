import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Community, Division, Grid, MicroGrid, RuleSet } from '../../shared/model';
import type { DivisionFigures } from '../derive/grid-figures';
import { formatCount } from './format';
import { TreeGridRow } from './tree-grid-row';
import { shownTreeGrids } from './tree-shown-grids';

export interface DivisionTreeProps {
  readonly division: Division;
  readonly figures: DivisionFigures;
  readonly ruleSet: RuleSet;
  readonly selectedGridId: string | null;
  readonly onSelectGrid: (id: string) => void;
  /** The micro-grid chosen in the tree, if any. */
  readonly selectedMicrogridId?: string | null;
  /** Shows a micro-grid on the map and its attributes. */
  readonly onSelectMicrogrid?: (id: string) => void;
  /** Shows a community on the map (to draw its first grid, or see its gaps) and its attributes. */
  readonly onShowCommunity: (id: string) => void;
  /** Shows a township's attributes (name, code, 监督电话). */
  readonly onSelectTownship?: (id: string) => void;
}

function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code.localeCompare(b.code);
}

/**
 * The project tree: 乡镇/街道 → 社区/行政村 → 网格 → 微网格, each with households against its target.
 * Memoised: it re-renders only when the document, the figures or the selection change, not on every
 * App render (a live count during a drag re-rendered hundreds of rows per pointer move).
 */
export const DivisionTree = memo(function DivisionTree({
  division,
  figures,
  ruleSet,
  selectedGridId,
  onSelectGrid,
  onShowCommunity,
  onSelectTownship,
  selectedMicrogridId = null,
  onSelectMicrogrid,
}: DivisionTreeProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  // Communities the planner unfolded (a large project's communities start folded: tree-shown-grids.ts).
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(() => new Set());

  const gridsByCommunity = useMemo(() => {
    const map = new Map<string, Grid[]>();
    for (const grid of division.grid.values()) {
      const list = map.get(grid.parentCode) ?? [];
      list.push(grid);
      map.set(grid.parentCode, list);
    }
    for (const list of map.values()) list.sort(byCode);
    return map;
  }, [division.grid]);

  const microgridsByGrid = useMemo(() => {
    const map = new Map<string, MicroGrid[]>();
    for (const microgrid of division.microgrid.values()) {
      const list = map.get(microgrid.parentCode) ?? [];
      list.push(microgrid);
      map.set(microgrid.parentCode, list);
    }
    for (const list of map.values()) list.sort(byCode);
    return map;
  }, [division.microgrid]);

  const communities = useMemo(() => [...division.community.values()].sort(byCode), [division.community]);
  const needle = query.trim().toLowerCase();
  // Grids whose community is not in the project still appear, under their parent code.
  const order = useMemo(() => {
    const known = new Set(communities.map((c) => c.code));
    return [
      ...communities.map((c) => c.code),
      ...[...gridsByCommunity.keys()].filter((code) => !known.has(code)),
    ];
  }, [communities, gridsByCommunity]);
  const orphanCodes = order.slice(communities.length);
  const selectedCommunityCode = (selectedGridId && division.grid.get(selectedGridId)?.parentCode) || null;
  const shown = useMemo(
    () => shownTreeGrids({ gridsByCommunity, order, needle, unfolded, selectedCommunityCode }),
    [gridsByCommunity, order, needle, unfolded, selectedCommunityCode],
  );
  const toggle = (code: string): void => {
    const next = new Set(unfolded);
    if (!next.delete(code)) next.add(code);
    setUnfolded(next);
  };

  const renderGrid = (grid: Grid) => {
    const figure = figures.grids.get(grid.id);
    const microgrids = microgridsByGrid.get(grid.code);
    return (
      <TreeGridRow
        key={grid.id}
        grid={grid}
        ruleSet={ruleSet}
        households={figure ? figure.households : null}
        status={figure?.status ?? 'none'}
        accepted={figure?.accepted ?? false}
        selected={grid.id === selectedGridId}
        onSelectGrid={onSelectGrid}
        {...(microgrids && {
          microgrids,
          microgridFigures: figures.microgrids,
          selectedMicrogridId,
          onSelectMicrogrid,
        })}
      />
    );
  };

  const renderCommunity = (community: Community | { code: string; name: string; kind: null; id: string }) => {
    const grids = shown.byCommunity.get(community.code);
    if (needle !== '' && !grids) return null;
    const all = gridsByCommunity.get(community.code);
    const sum = figures.byCommunity.get(community.code);
    return (
      <li key={community.id} className="tree-community">
        <div className="tree-community-head">
          {shown.folding && all && (
            <button
              type="button"
              className="tree-fold link"
              aria-expanded={Boolean(grids)}
              onClick={() => toggle(community.code)}
              title={t(grids ? 'tree.fold' : 'tree.unfold', { count: all.length })}
              data-fold-code={community.code}
            >
              {grids ? '▾' : '▸'}
            </button>
          )}
          <button
            type="button"
            className="tree-name link"
            onClick={() => onShowCommunity(community.id)}
            title={t('tree.showCommunity')}
            data-community-code={community.code}
          >
            {community.name || community.code}
          </button>
          <span
            className="tree-kind"
            title={community.kind ? t(`kinds.${community.kind}`) : t('kinds.unknownKind')}
          >
            {community.kind ? t(`kinds.${community.kind}`) : t('kinds.unknownKind')}
          </span>
          {sum && (
            <span className="tree-count">
              {t('units.households', { value: formatCount(sum.households) })}
            </span>
          )}
        </div>
        {all ? grids && <ul>{grids.map(renderGrid)}</ul> : <p className="tree-hint">{t('tree.undivided')}</p>}
      </li>
    );
  };

  const townships = [...division.township.values()];
  const empty = division.community.size === 0 && division.grid.size === 0;
  return (
    <section className="division-tree" aria-label={t('tree.heading')}>
      <input
        type="search"
        className="tree-search"
        placeholder={t('tree.search')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {empty ? (
        <p className="empty-state">{t('tree.empty')}</p>
      ) : (
        <div className="tree-scroll">
          {townships.map((township) => (
            <div key={township.id} className="tree-township">
              <button
                type="button"
                className="tree-name link"
                onClick={() => onSelectTownship?.(township.id)}
                title={t('tree.editTownship')}
                data-township-code={township.code}
              >
                {township.name || township.code}
              </button>{' '}
              <small>{t('tree.township')}</small>
            </div>
          ))}
          <ul className="tree-root">
            {communities.map(renderCommunity)}
            {orphanCodes.map((code) =>
              renderCommunity({ id: `orphan-${code}`, code, name: code, kind: null }),
            )}
          </ul>
          {needle !== '' && shown.matched === 0 && <p className="tree-hint">{t('tree.noResults')}</p>}
          {shown.leftOut > 0 && (
            <p className="tree-hint" data-testid="tree-left-out">
              {t('tree.moreMatches', { count: shown.leftOut })}
            </p>
          )}
        </div>
      )}
    </section>
  );
});
