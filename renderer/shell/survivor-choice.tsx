import type { TFunction } from 'i18next';
import type { Division } from '../../shared/model';
import { lowestCode } from '../tools/merge-picked';

/** The value of the "new code" option (ids are never empty). */
const NEW_CODE = '';

/**
 * 保留编码: which picked grid's (or micro-grid's) code the merge keeps, or a new code; the lowest code is
 * chosen until the planner picks another (issue 11 item 11).
 */
export function SurvivorChoice(props: {
  readonly division: Division;
  readonly picked: readonly string[];
  readonly keep: string | null | undefined;
  readonly onChange: (keep: string | null) => void;
  readonly t: TFunction;
}) {
  const { division, picked, keep, onChange, t } = props;
  const value =
    keep === null
      ? NEW_CODE
      : keep !== undefined && picked.includes(keep)
        ? keep
        : lowestCode(division, picked);
  return (
    <label className="survivor-choice">
      {t('edit.keepCode')}
      <select
        data-testid="merge-keep"
        value={value ?? NEW_CODE}
        onChange={(event) => onChange(event.target.value === NEW_CODE ? null : event.target.value)}
      >
        {picked.map((id) => {
          const entity = division.grid.get(id) ?? division.microgrid.get(id);
          return entity ? (
            <option key={id} value={id}>
              {entity.code}
            </option>
          ) : null;
        })}
        <option value={NEW_CODE}>{t('edit.newCode')}</option>
      </select>
    </label>
  );
}
