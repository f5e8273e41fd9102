import { useTranslation } from 'react-i18next';
import type { ImportInspection } from '../../shared/formats/import-files';
import { guessReferenceRole, proposeLabelField } from '../../shared/formats/reference-layer-import';
import type { ReferenceRole } from '../../shared/model';
import { REFERENCE_ROLES } from '../../shared/model';

/** The planner's choices for a reference layer in the import dialog. */
export interface ReferenceChoice {
  readonly name: string;
  readonly role: ReferenceRole;
  readonly labelField: string | undefined;
}

/** Whether a file can be a reference layer: lines or polygons of a shapefile or GeoJSON. */
export function canBeReference(inspection: ImportInspection): boolean {
  return (
    (inspection.format === 'shapefile' || inspection.format === 'geojson') &&
    inspection.geometryKind !== 'point' &&
    inspection.geometryKind !== 'multipoint'
  );
}

/** Whether a file holds lines, which can only be a reference layer (no division layer is made of lines). */
export function holdsLines(inspection: ImportInspection): boolean {
  return inspection.geometryKind === 'polyline' || inspection.geometryKind === 'linestring';
}

/** The first proposal: role guessed from geometry, names and first values; the name field for labels. */
export function initialReferenceChoice(inspection: ImportInspection): ReferenceChoice {
  const words = [inspection.name, ...inspection.fields, ...inspection.preview.flat()];
  return {
    name: inspection.name,
    role: guessReferenceRole(inspection.geometryKind, words),
    labelField: proposeLabelField(inspection.fields),
  };
}

/** The role, name and label field of a reference layer being imported. */
export function ReferenceImportFields(props: {
  readonly inspection: ImportInspection;
  readonly choice: ReferenceChoice;
  readonly onChange: (choice: ReferenceChoice) => void;
}) {
  const { t } = useTranslation();
  const { choice, inspection } = props;
  return (
    <fieldset className="transfer-mapping" data-testid="reference-import">
      <legend>{t('references.target')}</legend>
      <label>
        {t('references.name')}
        <input
          data-testid="reference-name"
          value={choice.name}
          onChange={(event) => props.onChange({ ...choice, name: event.target.value })}
        />
      </label>
      <label>
        {t('references.role')}
        <select
          data-testid="reference-role"
          value={choice.role}
          onChange={(event) => props.onChange({ ...choice, role: event.target.value as ReferenceRole })}
        >
          {REFERENCE_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`references.roles.${role}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('references.labelField')}
        <select
          data-testid="reference-label-field"
          value={choice.labelField ?? ''}
          onChange={(event) => props.onChange({ ...choice, labelField: event.target.value || undefined })}
        >
          <option value="">{t('references.noLabel')}</option>
          {inspection.fields.map((field) => (
            <option key={field} value={field}>
              {field}
            </option>
          ))}
        </select>
      </label>
      <small>{t('references.note')}</small>
    </fieldset>
  );
}
