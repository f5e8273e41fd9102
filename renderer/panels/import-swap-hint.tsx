import { useTranslation } from 'react-i18next';
import type { FieldMapping } from '../../shared/formats/field-mapping';
import type { ImportInspection } from '../../shared/formats/import-files';
import { lonLatLookSwapped, swapLonLat } from '../../shared/formats/swapped-coordinates';

/** Props of {@link ImportSwapHint}. */
export interface ImportSwapHintProps {
  readonly inspection: ImportInspection;
  readonly mapping: FieldMapping;
  readonly onMapping: (mapping: FieldMapping) => void;
}

/**
 * Under a census table's field mapping: when the previewed rows put Chinese latitudes in the longitude
 * column and longitudes in the latitude column, says so and offers the swap (one click changes the
 * mapping; nothing is imported until the planner confirms).
 */
export function ImportSwapHint(props: ImportSwapHintProps) {
  const { t } = useTranslation();
  const { inspection, mapping } = props;
  if (!inspection.table || !lonLatLookSwapped(inspection.fields, inspection.preview, mapping)) return null;
  return (
    <p className="transfer-warning" role="alert" data-testid="import-swap-hint">
      {t('transfer.swappedColumns', { lon: mapping.longitude, lat: mapping.latitude })}{' '}
      <button type="button" data-testid="import-swap" onClick={() => props.onMapping(swapLonLat(mapping))}>
        {t('transfer.swapColumns')}
      </button>
    </p>
  );
}
