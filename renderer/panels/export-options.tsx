import type { TFunction } from 'i18next';
import { EXPORT_CRS } from '../../shared/formats/coordinate-systems';
import type { GaussKrugerZone } from '../../shared/formats/coordinate-systems';
import type { TextEncodingName } from '../../shared/formats/text-encoding';
import { TEXT_ENCODINGS } from '../../shared/formats/text-encoding';
import type { Division, Language, Layer } from '../../shared/model';
import { LAYERS } from '../../shared/model';
import type { SelectChoice } from './labelled-select';
import { LabelledSelect } from './labelled-select';

/** The coordinate system choices of a shapefile export: the two words, or the source data's zone. */
export type CrsChoice = (typeof EXPORT_CRS)[number] | 'source';

/** Props of {@link ShapefileOptions}. */
export interface ShapefileOptionsProps {
  readonly t: TFunction;
  readonly language: Language;
  readonly division: Division;
  readonly layer: Layer;
  readonly onLayer: (layer: Layer) => void;
  readonly crs: CrsChoice;
  readonly onCrs: (crs: CrsChoice) => void;
  /** The Gauss-Kruger zone the project's data came in; the "source" choice is offered only with one. */
  readonly sourceZone: GaussKrugerZone | undefined;
  readonly encoding: TextEncodingName;
  readonly onEncoding: (encoding: TextEncodingName) => void;
}

/** Layer, coordinate system (CGCS2000, WGS84 or the source's zone) and encoding of a shapefile export. */
export function ShapefileOptions(props: ShapefileOptionsProps) {
  const { t } = props;
  const crsChoices: SelectChoice<CrsChoice>[] = EXPORT_CRS.map((c) => ({
    value: c,
    label: t(`transfer.exportCrsOptions.${c}`),
  }));
  if (props.sourceZone) {
    crsChoices.push({
      value: 'source',
      label: t('transfer.exportCrsSource', { zone: props.sourceZone.label[props.language] }),
      testId: 'export-crs-source',
    });
  }
  return (
    <>
      <LabelledSelect
        label={t('transfer.exportLayer')}
        value={props.layer}
        choices={LAYERS.map((l) => ({
          value: l,
          label: `${t(`transfer.layers.${l}`)}${t('punct.inParens', { inner: props.division[l].size })}`,
          disabled: props.division[l].size === 0,
        }))}
        onChange={props.onLayer}
        testId="export-layer"
      />
      <LabelledSelect
        label={t('transfer.exportCrs')}
        value={props.crs}
        choices={crsChoices}
        onChange={props.onCrs}
        testId="export-crs"
      />
      {props.layer === 'census' && <small>{t('transfer.censusShapefileNote')}</small>}
      <LabelledSelect
        label={t('transfer.exportEncoding')}
        value={props.encoding}
        choices={TEXT_ENCODINGS.map((e) => ({ value: e, label: t(`transfer.exportEncodingOptions.${e}`) }))}
        onChange={props.onEncoding}
        testId="export-encoding"
      />
    </>
  );
}

/** Props of {@link GeoJsonOptions}. */
export interface GeoJsonOptionsProps {
  readonly t: TFunction;
  readonly censusCount: number;
  readonly withCensus: boolean;
  readonly onWithCensus: (on: boolean) => void;
  readonly withPersonalFields: boolean;
  readonly onWithPersonalFields: (on: boolean) => void;
}

/**
 * What a GeoJSON export carries beyond the areas, each an explicit choice, both unchecked: the census
 * points, and (only with them) residents' personal fields.
 */
export function GeoJsonOptions(props: GeoJsonOptionsProps) {
  const { t } = props;
  return (
    <>
      <label>
        <span>
          <input
            type="checkbox"
            checked={props.withCensus}
            disabled={props.censusCount === 0}
            onChange={(event) => {
              props.onWithCensus(event.target.checked);
              if (!event.target.checked) props.onWithPersonalFields(false);
            }}
            data-testid="export-with-census"
          />{' '}
          {t('transfer.withCensus', { count: props.censusCount })}
        </span>
      </label>
      <label>
        <span>
          <input
            type="checkbox"
            checked={props.withPersonalFields}
            disabled={!props.withCensus}
            onChange={(event) => props.onWithPersonalFields(event.target.checked)}
            data-testid="export-with-personal"
          />{' '}
          {t('transfer.includePersonal')}
        </span>
        {props.withPersonalFields && (
          <small className="transfer-warning">{t('transfer.personalWarning')}</small>
        )}
      </label>
      <small>{t('transfer.computedNote')}</small>
    </>
  );
}
