import type { TFunction } from 'i18next';
import { EXPORT_CRS } from '../../shared/formats/coordinate-systems';
import type { GaussKrugerZone } from '../../shared/formats/coordinate-systems';
import type { TextEncodingName } from '../../shared/formats/text-encoding';
import { TEXT_ENCODINGS } from '../../shared/formats/text-encoding';
import type { Division, Language, Layer } from '../../shared/model';
import { LAYERS } from '../../shared/model';

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
  return (
    <>
      <label>
        {t('transfer.exportLayer')}
        <select
          value={props.layer}
          onChange={(event) => props.onLayer(event.target.value as Layer)}
          data-testid="export-layer"
        >
          {LAYERS.map((l) => (
            <option key={l} value={l} disabled={props.division[l].size === 0}>
              {t(`transfer.layers.${l}`)}（{props.division[l].size}）
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('transfer.exportCrs')}
        <select
          value={props.crs}
          onChange={(event) => props.onCrs(event.target.value as CrsChoice)}
          data-testid="export-crs"
        >
          {EXPORT_CRS.map((c) => (
            <option key={c} value={c}>
              {t(`transfer.exportCrsOptions.${c}`)}
            </option>
          ))}
          {props.sourceZone && (
            <option value="source" data-testid="export-crs-source">
              {t('transfer.exportCrsSource', { zone: props.sourceZone.label[props.language] })}
            </option>
          )}
        </select>
      </label>
      {props.layer === 'census' && <small>{t('transfer.censusShapefileNote')}</small>}
      <label>
        {t('transfer.exportEncoding')}
        <select
          value={props.encoding}
          onChange={(event) => props.onEncoding(event.target.value as TextEncodingName)}
          data-testid="export-encoding"
        >
          {TEXT_ENCODINGS.map((e) => (
            <option key={e} value={e}>
              {t(`transfer.exportEncodingOptions.${e}`)}
            </option>
          ))}
        </select>
      </label>
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
