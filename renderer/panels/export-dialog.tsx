import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscapeToClose } from '../shell/use-escape-to-close';
import type { ExportCrs } from '../../shared/formats/coordinate-systems';
import { gaussKrugerZone } from '../../shared/formats/coordinate-systems';
import type { ExportedFile } from '../../shared/formats/division-export';
import {
  exportGridTableCsv,
  exportGridTableXlsx,
  exportShapefileZip,
  geoJsonExportText,
} from '../../shared/formats/division-export';
import type { TextEncodingName } from '../../shared/formats/text-encoding';
import type { Division, Language, Layer, LocalText, Result } from '../../shared/model';
import { downloadBytes } from '../platform/download-bytes';
import type { CrsChoice } from './export-options';
import { GeoJsonOptions, ShapefileOptions } from './export-options';
import '../import/transfer.css';

const FORMATS = ['geojson', 'shapefile', 'xlsx', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const MIME: Record<Exclude<Format, 'geojson'>, string> = {
  shapefile: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** Props of {@link ExportDialog}. */
export interface ExportDialogProps {
  readonly division: Division;
  readonly language: Language;
  /** EPSG code of the Gauss-Kruger zone the project's data was imported from, if any. */
  readonly sourceZoneEpsg: number | undefined;
  /** Saves GeoJSON text through the project-files bridge (native dialog in Electron); resolves the name. */
  readonly saveGeoJson: (fileName: string, text: string) => Promise<string | null>;
  /** Tells the planner what happened (file name, warnings, or why it failed). */
  readonly onDone: (title: string, lines: readonly LocalText[], failed: boolean) => void;
  readonly onClose: () => void;
}

/**
 * The export dialog: format, then for a shapefile the layer, coordinate system (the source data's
 * Gauss-Kruger zone offered when the project came from one) and encoding, for GeoJSON the census points
 * and residents' personal fields, both unchecked until the planner chooses them. Chinese by default.
 */
export function ExportDialog(props: ExportDialogProps) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<Format>('shapefile');
  const [layer, setLayer] = useState<Layer>('grid');
  const [crsChoice, setCrsChoice] = useState<CrsChoice>('cgcs2000');
  const [encoding, setEncoding] = useState<TextEncodingName>('utf-8');
  const [withCensus, setWithCensus] = useState(false);
  const [withPersonalFields, setWithPersonalFields] = useState(false);
  const [busy, setBusy] = useState(false);
  useEscapeToClose(props.onClose, !busy);
  const name = props.division.meta.name || 'gridplan';
  const sourceZone = props.sourceZoneEpsg === undefined ? undefined : gaussKrugerZone(props.sourceZoneEpsg);

  function fail(problems: readonly { readonly message: LocalText }[]) {
    props.onDone(
      t('transfer.exportFailed'),
      problems.map((p) => p.message),
      true,
    );
  }

  async function run() {
    setBusy(true);
    // One frame for the busy state to show before the (main-thread) export work.
    await new Promise((resolve) => window.setTimeout(resolve, 30));
    try {
      if (format === 'geojson') {
        const written = geoJsonExportText(props.division, { withCensus, withPersonalFields });
        if (!written.ok) fail(written.problems);
        else {
          const saved = await props.saveGeoJson(`${name}.geojson`, written.value);
          if (saved) props.onDone(t('transfer.exported', { name: saved }), [], false);
        }
        props.onClose();
        return;
      }
      const crs: ExportCrs =
        crsChoice === 'source' && sourceZone ? sourceZone : crsChoice === 'wgs84' ? 'wgs84' : 'cgcs2000';
      const result: Result<ExportedFile> =
        format === 'shapefile'
          ? exportShapefileZip(props.division, layer, { crs, encoding })
          : format === 'xlsx'
            ? exportGridTableXlsx(props.division, props.language)
            : exportGridTableCsv(props.division, props.language);
      if (!result.ok) fail(result.problems);
      else {
        downloadBytes(result.value.fileName, result.value.bytes, MIME[format]);
        props.onDone(t('transfer.exported', { name: result.value.fileName }), result.value.warnings, false);
      }
      props.onClose();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="modal-backdrop" role="presentation">
      <div
        className="modal transfer-dialog transfer-export"
        role="dialog"
        aria-label={t('transfer.exportHeading')}
        data-testid="export-dialog"
      >
        <h2>{t('transfer.exportHeading')}</h2>
        <fieldset>
          <legend>{t('transfer.format')}</legend>
          {FORMATS.map((f) => (
            <label key={f} className="transfer-radio">
              <span>
                <input
                  type="radio"
                  name="export-format"
                  checked={format === f}
                  onChange={() => setFormat(f)}
                  data-testid={`export-format-${f}`}
                />{' '}
                {t(`transfer.exportFormats.${f}`)}
              </span>
            </label>
          ))}
        </fieldset>
        {format === 'shapefile' && (
          <ShapefileOptions
            t={t}
            language={props.language}
            division={props.division}
            layer={layer}
            onLayer={setLayer}
            crs={crsChoice}
            onCrs={setCrsChoice}
            sourceZone={sourceZone}
            encoding={encoding}
            onEncoding={setEncoding}
          />
        )}
        {format === 'geojson' && (
          <GeoJsonOptions
            t={t}
            censusCount={props.division.census.size}
            withCensus={withCensus}
            onWithCensus={setWithCensus}
            withPersonalFields={withPersonalFields}
            onWithPersonalFields={setWithPersonalFields}
          />
        )}
        <small>{t('transfer.exportNote')}</small>
        <div className="modal-buttons">
          <button type="button" onClick={props.onClose} disabled={busy}>
            {t('transfer.close')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void run()}
            disabled={busy}
            data-testid="export-confirm"
          >
            {t('transfer.exportAction')}
          </button>
        </div>
      </div>
    </div>
  );
}
