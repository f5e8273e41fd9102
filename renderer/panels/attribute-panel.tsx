import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lineageOfCode, lineageSide } from '../../shared/codes/code-lineage';
import type {
  Change,
  Division,
  ExclusiveCategory,
  Grid,
  GridStatus,
  GridType,
  RuleSet,
  StaffMember,
  StaffRole,
} from '../../shared/model';
import {
  change,
  EXCLUSIVE_CATEGORIES,
  GRID_STATUSES,
  GRID_TYPES,
  STAFF_ROLES,
  targetFor,
} from '../../shared/model';
import { PHONE_NUMBER } from '../../shared/commands/edit-area-attributes-command';
import { polygonAreaM2 } from '../../shared/geometry/ellipsoid-area';
import type { GridFigure } from '../derive/grid-figures';
import { statusClass } from './tree-grid-row';
import { FormFields } from './form-fields';
import { formatArea, formatCount } from './format';
import { GridLockToggle, GridQualityFacts } from './grid-quality';

export interface AttributePanelProps {
  readonly division: Division;
  readonly grid: Grid | null;
  readonly figure: GridFigure | undefined;
  /** Households and population of the shape while a vertex is being dragged. */
  readonly live: { readonly households: number; readonly population: number } | null;
  readonly ruleSet: RuleSet;
  readonly onChange: (change: Change) => void;
  /** The document shown cannot be changed: the fields are shown disabled. */
  readonly readOnly?: boolean;
}

/** The 属性 tab: figures and editable attributes of the selected grid. */
export function AttributePanel(props: AttributePanelProps) {
  const { t } = useTranslation();
  const { grid } = props;
  if (!grid) return <p className="empty-state">{t('panel.nothingSelected')}</p>;
  // Keyed by the grid object: the form starts again when another grid is selected or the grid changes
  // (an edit, undo or redo replaces the object).
  return (
    <GridForm key={`${grid.id}:${JSON.stringify({ ...grid, geometry: null })}`} {...props} grid={grid} />
  );
}

function GridForm({
  division,
  grid,
  figure,
  live,
  ruleSet,
  onChange,
  readOnly = false,
}: AttributePanelProps & { grid: Grid }) {
  const { t } = useTranslation();
  const [name, setName] = useState(grid.name);
  const [note, setNote] = useState(grid.note ?? '');
  const [justification, setJustification] = useState(grid.justification ?? '');
  const [gridType, setGridType] = useState<GridType | ''>(grid.gridType ?? '');
  const [category, setCategory] = useState<ExclusiveCategory | ''>(grid.exclusiveCategory ?? '');
  const [status, setStatus] = useState<GridStatus | ''>(grid.status ?? '');
  const [staff, setStaff] = useState<StaffMember[]>([...(grid.staff ?? [])]);
  const community = [...division.community.values()].find((c) => c.code === grid.parentCode);
  const target = targetFor(grid, ruleSet);
  const targetState = figure?.status ?? 'none';
  // A grid not counted yet (a project just opened, a grid just drawn) says so instead of showing 0.
  const counted = live ?? figure;
  const lineage = community ? lineageOfCode(community, grid.code) : [];
  const badPhones = staff.filter((member) => member.phone && !PHONE_NUMBER.test(member.phone));

  const next = (): Grid => {
    const { note: _n, justification: _j, exclusiveCategory: _c, status: _s, staff: _st, ...rest } = grid;
    const kept: StaffMember[] = staff
      .filter((member) => member.name.trim() !== '')
      .map((member) =>
        member.phone?.trim()
          ? { role: member.role, name: member.name.trim(), phone: member.phone.trim() }
          : { role: member.role, name: member.name.trim() },
      );
    return {
      ...rest,
      name: name.trim(),
      gridType: gridType === '' ? null : gridType,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(justification.trim() ? { justification: justification.trim() } : {}),
      ...(gridType === 'exclusive' && category !== '' ? { exclusiveCategory: category } : {}),
      ...(status !== '' ? { status } : {}),
      ...(kept.length > 0 ? { staff: kept } : {}),
    };
  };
  const dirty = JSON.stringify(next()) !== JSON.stringify(grid);

  const setMember = (index: number, patch: Partial<StaffMember>): void =>
    setStaff((list) => list.map((member, i) => (i === index ? { ...member, ...patch } : member)));

  return (
    <form
      className="attribute-form"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(change(t('notes.editGrid', { code: grid.code }), [next()]));
      }}
    >
      <dl className="attribute-facts">
        <dt>{t('panel.code')}</dt>
        <dd data-testid="attr-code">{grid.code || '—'}</dd>
        <dt>{t('panel.community')}</dt>
        <dd>
          {community
            ? `${community.name}${t('punct.inParens', { inner: community.code })}`
            : grid.parentCode || '—'}
        </dd>
        <dt>{t('panel.households')}</dt>
        <dd data-testid="attr-households">
          {counted
            ? t('units.households', { value: formatCount(counted.households) })
            : t('status.computing')}
          {live && <em className="live"> · {t('panel.liveLabel')}</em>}
        </dd>
        <dt>{t('panel.population')}</dt>
        <dd>
          {counted
            ? t('units.population', { value: formatCount(counted.population) })
            : t('status.computing')}
        </dd>
        <dt>{t('panel.area')}</dt>
        <dd>{formatArea(t, polygonAreaM2(grid.geometry))}</dd>
        <dt>{t('panel.targetStatus')}</dt>
        <dd>
          <span className={`status-dot ${statusClass(grid, targetState)}`} />{' '}
          {figure ? t(`target.${targetState}`) : t('status.computing')}
          {target?.minHouseholds !== undefined && target.maxHouseholds !== undefined
            ? t('punct.inParens', {
                inner: t('target.range', { min: target.minHouseholds, max: target.maxHouseholds }),
              })
            : ''}
          {figure?.accepted ? ` · ${t('target.accepted')}` : ''}
        </dd>
        <GridQualityFacts grid={grid} />
        {lineage.length > 0 && (
          <>
            <dt>{t('panel.lineage')}</dt>
            <dd>
              <ul className="lineage" data-testid="attr-lineage">
                {lineage.map((entry, index) => {
                  const side = lineageSide(entry, grid.code);
                  return (
                    <li key={index}>
                      {entry.at.slice(0, 10)} {t(`lineage.${entry.operation}`)}
                      {side.codes.length > 0 ? ` ${side.arrow} ${side.codes.join('、')}` : ''}
                    </li>
                  );
                })}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <FormFields readOnly={readOnly}>
        <GridLockToggle grid={grid} onChange={onChange} />
        <label>
          {t('panel.name')}
          <input value={name} onChange={(event) => setName(event.target.value)} data-testid="attr-name" />
        </label>
        <label>
          {t('panel.type')}
          <select
            value={gridType}
            onChange={(event) => setGridType(event.target.value as GridType | '')}
            data-testid="attr-type"
          >
            <option value="">{t('gridTypes.unset')}</option>
            {GRID_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`gridTypes.${type}`)}
              </option>
            ))}
          </select>
        </label>
        {gridType === 'exclusive' && (
          <label>
            {t('panel.category')}
            <select
              value={category}
              onChange={(event) => setCategory(event.target.value as ExclusiveCategory | '')}
              data-testid="attr-category"
            >
              <option value="">—</option>
              {EXCLUSIVE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`categories.${c}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('panel.status')}
          <select value={status} onChange={(event) => setStatus(event.target.value as GridStatus | '')}>
            <option value="">—</option>
            {GRID_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="staff-editor">
          <legend>{t('panel.staff')}</legend>
          {staff.map((member, index) => (
            <div key={index} className="staff-row">
              <select
                className="staff-role"
                value={member.role}
                onChange={(event) => setMember(index, { role: event.target.value as StaffRole })}
                aria-label={t('panel.staffRole')}
              >
                {STAFF_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`roles.${role}`)}
                  </option>
                ))}
              </select>
              <input
                className="staff-name"
                value={member.name}
                placeholder={t('panel.staffName')}
                onChange={(event) => setMember(index, { name: event.target.value })}
              />
              <input
                className="staff-phone"
                value={member.phone ?? ''}
                placeholder={t('panel.staffPhone')}
                inputMode="tel"
                onChange={(event) => setMember(index, { phone: event.target.value })}
              />
              <button
                type="button"
                className="staff-remove"
                onClick={() => setStaff((list) => list.filter((_, i) => i !== index))}
                aria-label={t('panel.staffRemove')}
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            className="link"
            onClick={() => setStaff((list) => [...list, { role: 'leader', name: '' }])}
          >
            + {t('panel.staffAdd')}
          </button>
          {badPhones.length > 0 && <p className="field-error">{t('panel.badPhone')}</p>}
        </fieldset>
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
        <button
          type="submit"
          className="primary"
          disabled={!dirty || badPhones.length > 0}
          data-testid="attr-save"
        >
          {t('panel.save')}
        </button>
      </FormFields>
    </form>
  );
}
