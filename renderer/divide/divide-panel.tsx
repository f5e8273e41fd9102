import { useTranslation } from 'react-i18next';
import { isLineRole } from '../../shared/model';
import type { Division, Language, ReferenceLayer } from '../../shared/model';
import { formatCount } from '../panels/format';
import type { DivideState } from './use-divide';
import { undividedCommunities } from './use-divide';
import './divide-panel.css';

export interface DividePanelProps {
  readonly divide: DivideState;
  readonly division: Division;
  readonly referenceLayers: readonly ReferenceLayer[];
  readonly language: Language;
}

/**
 * The 自动划分 / 平衡 panel over the map (not modal: the proposal is looked at on the map while the panel
 * is open): choices, feasible counts, progress with 取消, then the proposal's table with 接受 / 放弃.
 */
export function DividePanel({ divide, division, referenceLayers, language }: DividePanelProps) {
  const { t } = useTranslation();
  if (divide.phase === 'closed') return null;
  const title = divide.kind === 'divide' ? t('divide.dialogTitle') : t('divide.rebalanceTitleDialog');
  return (
    <section className="divide-panel" aria-label={title} data-testid="divide-panel">
      <header>
        <strong>{title}</strong>
        <button type="button" className="link" onClick={divide.close} aria-label={t('divide.close')}>
          ×
        </button>
      </header>
      {divide.phase === 'choose' && <DivideChoices {...{ divide, division, referenceLayers }} />}
      {divide.phase === 'pick' && (
        <div className="divide-body">
          <p>{t('divide.rebalanceHint', { count: divide.picked.length })}</p>
          <GuideChoices divide={divide} referenceLayers={referenceLayers} />
          <div className="divide-actions">
            <button
              type="button"
              className="primary"
              disabled={divide.picked.length < 2}
              onClick={divide.run}
              data-testid="rebalance-run"
            >
              {t('divide.rebalanceNow')}
            </button>
          </div>
        </div>
      )}
      {divide.phase === 'running' && (
        <div className="divide-body">
          <p>{t('divide.running')}</p>
          <progress max={1} value={divide.progress} data-testid="divide-progress" />
          <div className="divide-actions">
            <button type="button" onClick={divide.cancel} data-testid="divide-cancel">
              {t('divide.cancel')}
            </button>
          </div>
        </div>
      )}
      {divide.phase === 'preview' && divide.preview && (
        <ProposalTable divide={divide} division={division} language={language} />
      )}
    </section>
  );
}

function DivideChoices({
  divide,
  division,
  referenceLayers,
}: {
  readonly divide: DivideState;
  readonly division: Division;
  readonly referenceLayers: readonly ReferenceLayer[];
}) {
  const { t } = useTranslation();
  const undivided = undividedCommunities(division);
  const communities = [...division.community.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  const one = divide.scope === 'one' ? divide.counts.find((c) => c.communityId === divide.communityId) : null;
  const households = divide.counts.reduce((sum, c) => sum + c.households, 0);
  const population = divide.counts.reduce((sum, c) => sum + c.population, 0);
  const undividedSet = new Set(undivided);
  return (
    <div className="divide-body">
      <fieldset>
        <legend>{t('divide.scope')}</legend>
        <label>
          <input
            type="radio"
            name="divide-scope"
            checked={divide.scope === 'one'}
            onChange={() => divide.setScope('one')}
          />
          {t('divide.scopeOne')}
        </label>
        <select
          value={divide.communityId ?? ''}
          disabled={divide.scope !== 'one'}
          onChange={(event) => divide.setCommunityId(event.target.value)}
          data-testid="divide-community"
          aria-label={t('divide.community')}
        >
          {communities.map((community) => (
            <option key={community.id} value={community.id}>
              {community.name}
              {t('punct.inParens', { inner: community.code })}
              {undividedSet.has(community.id) ? ' *' : ''}
            </option>
          ))}
        </select>
        <label>
          <input
            type="radio"
            name="divide-scope"
            checked={divide.scope === 'all'}
            disabled={undivided.length === 0}
            onChange={() => divide.setScope('all')}
            data-testid="divide-scope-all"
          />
          {t('divide.scopeAll', { count: undivided.length })}
        </label>
        {undivided.length === 0 && <small className="divide-hint">{t('divide.noUndivided')}</small>}
      </fieldset>
      <dl className="divide-facts">
        <dt>{t('divide.households')}</dt>
        <dd data-testid="divide-households">{t('units.households', { value: formatCount(households) })}</dd>
        <dt>{t('divide.population')}</dt>
        <dd>{t('units.population', { value: formatCount(population) })}</dd>
        {one && (
          <>
            <dt>{t('divide.feasible')}</dt>
            <dd data-testid="divide-feasible">
              {one.feasible ? t('divide.feasibleRange', one.feasible) : t('divide.infeasible')}
            </dd>
          </>
        )}
      </dl>
      {one && (
        <label>
          {t('divide.gridCount')}
          <select
            value={divide.gridCount === 'auto' ? 'auto' : String(divide.gridCount)}
            onChange={(event) =>
              divide.setGridCount(event.target.value === 'auto' ? 'auto' : Number(event.target.value))
            }
            data-testid="divide-grid-count"
          >
            <option value="auto">{t('divide.auto', { count: one.suggested })}</option>
            {countChoices(one.feasible, one.suggested).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      )}
      <GuideChoices divide={divide} referenceLayers={referenceLayers} />
      <div className="divide-actions">
        <button
          type="button"
          className="primary"
          disabled={divide.scope === 'one' ? !divide.communityId : undivided.length === 0}
          onClick={divide.run}
          data-testid="divide-run"
        >
          {t('divide.run')}
        </button>
      </div>
    </div>
  );
}

/** The counts offered: the feasible range (bounded to 60 entries), else a few around the suggestion. */
function countChoices(feasible: { min: number; max: number } | null, suggested: number): number[] {
  const low = feasible ? feasible.min : Math.max(1, suggested - 3);
  const high = feasible ? Math.min(feasible.max, feasible.min + 59) : suggested + 3;
  const list: number[] = [];
  for (let n = low; n <= high; n++) list.push(n);
  return list;
}

function GuideChoices({
  divide,
  referenceLayers,
}: {
  readonly divide: DivideState;
  readonly referenceLayers: readonly ReferenceLayer[];
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('divide.guides')}</legend>
      {referenceLayers.length === 0 && <small className="divide-hint">{t('divide.noGuides')}</small>}
      {referenceLayers.map((layer) => (
        <label key={layer.id}>
          <input
            type="checkbox"
            checked={divide.guideIds.includes(layer.id)}
            onChange={(event) =>
              divide.setGuideIds(
                event.target.checked
                  ? [...divide.guideIds, layer.id]
                  : divide.guideIds.filter((id) => id !== layer.id),
              )
            }
            data-testid="divide-guide"
          />
          {layer.name}{' '}
          <small>({isLineRole(layer.role) ? t('divide.guideLine') : t('divide.guidePolygon')})</small>
        </label>
      ))}
    </fieldset>
  );
}

function ProposalTable({
  divide,
  division,
  language,
}: {
  readonly divide: DivideState;
  readonly division: Division;
  readonly language: Language;
}) {
  const { t } = useTranslation();
  const preview = divide.preview!;
  const flagged = preview.grids.filter((grid) => grid.reason);
  return (
    <div className="divide-body">
      <p className="divide-hint">{t('divide.previewTitle')}</p>
      {preview.communities.map((outcome) => (
        <p key={outcome.communityId} data-testid="divide-summary">
          {t('divide.summary', {
            community: division.community.get(outcome.communityId)?.name ?? outcome.code,
            count: outcome.grids,
            inBand: outcome.inBand,
            mean: outcome.compactnessMean.toFixed(2),
            min: outcome.compactnessMin.toFixed(2),
            seconds: outcome.seconds.toFixed(1),
          })}
          {outcome.streetShare !== undefined &&
            t('divide.streetShare', { share: Math.round(outcome.streetShare * 100) })}
        </p>
      ))}
      <div className="divide-table-scroll">
        <table className="divide-table" data-testid="divide-table">
          <thead>
            <tr>
              <th>{t('divide.table.grid')}</th>
              <th>{t('divide.table.households')}</th>
              <th>{t('divide.table.compactness')}</th>
              <th>{t('divide.table.inBand')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.grids.map((grid) => (
              <tr key={grid.gridId} className={`proposal-row ${grid.status}`} data-status={grid.status}>
                <td>
                  <span className={`status-dot status-${grid.status}`} /> {grid.code}
                </td>
                <td className="number">{formatCount(grid.households)}</td>
                <td className="number">{grid.compactness.toFixed(2)}</td>
                <td>
                  {grid.status === 'under' || grid.status === 'over'
                    ? `${t('divide.table.no')}${grid.reason ? ` · ${t('divide.needJustification')}` : ''}`
                    : t('divide.table.yes')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {flagged.length > 0 && (
        <div className="divide-out-of-band" data-testid="divide-out-of-band">
          <strong>{t('divide.outOfBand')}</strong>
          <ul>
            {flagged.map((grid) => (
              <li key={grid.gridId}>
                {grid.code}
                {t('punct.colon')}
                {grid.reason![language]}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="divide-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void divide.accept()}
          data-testid="divide-accept"
        >
          {t('divide.accept')}
        </button>
        <button type="button" onClick={divide.discard} data-testid="divide-discard">
          {t('divide.discard')}
        </button>
      </div>
    </div>
  );
}
