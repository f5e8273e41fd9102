import { area as turfArea } from '@turf/turf';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Change, Division, Grid, RuleSet } from '../../shared/model';
import { change, targetFor } from '../../shared/model';
import type { GridFigure } from '../derive/grid-figures';
import { statusClass } from './division-tree';
import { formatArea, formatCount } from './format';

export interface AttributePanelProps {
  readonly division: Division;
  readonly grid: Grid | null;
  readonly figure: GridFigure | undefined;
  readonly ruleSet: RuleSet;
  readonly onChange: (change: Change) => void;
}

/** The 属性 tab: figures and editable attributes of the selected grid. */
export function AttributePanel(props: AttributePanelProps) {
  const { t } = useTranslation();
  const { grid } = props;
  if (!grid) return <p className="empty-state">{t('panel.nothingSelected')}</p>;
  // Keyed by id and content so the form resets when another grid is selected or the grid changes (undo).
  return (
    <GridForm
      key={`${grid.id}:${grid.name}:${grid.note ?? ''}:${grid.justification ?? ''}`}
      {...props}
      grid={grid}
    />
  );
}

function GridForm({ division, grid, figure, ruleSet, onChange }: AttributePanelProps & { grid: Grid }) {
  const { t } = useTranslation();
  const [name, setName] = useState(grid.name);
  const [note, setNote] = useState(grid.note ?? '');
  const [justification, setJustification] = useState(grid.justification ?? '');
  const community = [...division.community.values()].find((c) => c.code === grid.parentCode);
  const target = targetFor(grid, ruleSet);
  const status = figure?.status ?? 'none';
  const dirty =
    name !== grid.name || note !== (grid.note ?? '') || justification !== (grid.justification ?? '');

  const save = (): void => {
    const next: Grid = { ...grid, name: name.trim() };
    const withOptional = (key: 'note' | 'justification', value: string): void => {
      if (value.trim() === '') delete (next as { note?: string; justification?: string })[key];
      else (next as { note?: string; justification?: string })[key] = value.trim();
    };
    withOptional('note', note);
    withOptional('justification', justification);
    onChange(change(t('notes.editGrid', { code: grid.code }), [next]));
  };

  return (
    <form
      className="attribute-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <dl className="attribute-facts">
        <dt>{t('panel.code')}</dt>
        <dd data-testid="attr-code">{grid.code || '—'}</dd>
        <dt>{t('panel.type')}</dt>
        <dd>
          {t(`gridTypes.${grid.gridType ?? 'unset'}`)}
          {grid.exclusiveCategory ? ` · ${t(`categories.${grid.exclusiveCategory}`)}` : ''}
        </dd>
        <dt>{t('panel.community')}</dt>
        <dd>{community ? `${community.name}（${community.code}）` : grid.parentCode || '—'}</dd>
        <dt>{t('panel.households')}</dt>
        <dd data-testid="attr-households">
          {t('units.households', { value: formatCount(figure?.households ?? 0) })}
        </dd>
        <dt>{t('panel.population')}</dt>
        <dd>{t('units.population', { value: formatCount(figure?.population ?? 0) })}</dd>
        <dt>{t('panel.area')}</dt>
        <dd>{formatArea(t, turfArea(grid.geometry))}</dd>
        <dt>{t('panel.targetStatus')}</dt>
        <dd>
          <span className={`status-dot ${statusClass(grid, status)}`} /> {t(`target.${status}`)}
          {target?.minHouseholds !== undefined && target.maxHouseholds !== undefined
            ? `（${t('target.range', { min: target.minHouseholds, max: target.maxHouseholds })}）`
            : ''}
          {figure?.accepted ? ` · ${t('target.accepted')}` : ''}
        </dd>
        <dt>{t('panel.staff')}</dt>
        <dd>
          {grid.staff && grid.staff.length > 0 ? (
            <ul className="staff-list">
              {grid.staff.map((member, index) => (
                <li key={index}>
                  {t(`roles.${member.role}`)}：{member.name}
                  {member.phone ? ` ${member.phone}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            t('panel.noStaff')
          )}
        </dd>
      </dl>
      <label>
        {t('panel.name')}
        <input value={name} onChange={(event) => setName(event.target.value)} data-testid="attr-name" />
      </label>
      <label>
        {t('panel.note')}
        <textarea value={note} rows={2} onChange={(event) => setNote(event.target.value)} />
      </label>
      <label title={t('panel.justificationHint')}>
        {t('panel.justification')}
        <textarea
          value={justification}
          rows={3}
          placeholder={t('panel.justificationHint')}
          onChange={(event) => setJustification(event.target.value)}
        />
      </label>
      <button type="submit" className="primary" disabled={!dirty}>
        {t('panel.save')}
      </button>
    </form>
  );
}
