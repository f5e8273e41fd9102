import { useTranslation } from 'react-i18next';
import { polygonAreaM2 } from '../../shared/geometry/ellipsoid-area';
import type { Division, MicroGrid } from '../../shared/model';
import type { GridFigure } from '../derive/grid-figures';
import { formatArea, formatCount } from './format';

/** Props of {@link MicrogridFacts}. */
export interface MicrogridFactsProps {
  readonly division: Division;
  readonly microgrid: MicroGrid;
  readonly figure: GridFigure | undefined;
}

/**
 * The 属性 tab for a micro-grid chosen in the tree: its code and name, the grid it belongs to, households
 * and population counted from the census points in it, its area and its staff (微网格长). Micro-grids are
 * drawn, split and merged with the 微网格 tool.
 */
export function MicrogridFacts({ division, microgrid, figure }: MicrogridFactsProps) {
  const { t } = useTranslation();
  const grid = [...division.grid.values()].find((g) => g.code === microgrid.parentCode);
  const staff = microgrid.staff ?? [];
  return (
    <section className="attribute-form" data-testid="microgrid-facts">
      <h3>
        {t('panel.microgrid')} {microgrid.name || microgrid.code}
      </h3>
      <dl className="attribute-facts">
        <dt>{t('panel.microgridCode')}</dt>
        <dd data-testid="attr-microgrid-code">{microgrid.code || '—'}</dd>
        <dt>{t('panel.name')}</dt>
        <dd>{microgrid.name || '—'}</dd>
        <dt>{t('panel.parentGrid')}</dt>
        <dd>
          {grid
            ? `${grid.name || grid.code}${t('punct.inParens', { inner: grid.code })}`
            : microgrid.parentCode || '—'}
        </dd>
        <dt>{t('panel.households')}</dt>
        <dd data-testid="attr-microgrid-households">
          {figure ? t('units.households', { value: formatCount(figure.households) }) : t('status.computing')}
        </dd>
        <dt>{t('panel.population')}</dt>
        <dd>
          {figure ? t('units.population', { value: formatCount(figure.population) }) : t('status.computing')}
        </dd>
        <dt>{t('panel.area')}</dt>
        <dd>{formatArea(t, polygonAreaM2(microgrid.geometry))}</dd>
        <dt>{t('panel.microgridStaff')}</dt>
        <dd>
          {staff.length === 0
            ? t('panel.noStaff')
            : staff
                .map((member) => `${t(`roles.${member.role}`)} ${member.name}`)
                .join(t('punct.listSeparator'))}
        </dd>
        {microgrid.note && (
          <>
            <dt>{t('panel.note')}</dt>
            <dd>{microgrid.note}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
