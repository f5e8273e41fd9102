import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportCrs } from '../../shared/formats/coordinate-systems';
import { EXPORT_CRS } from '../../shared/formats/coordinate-systems';
import type { ExportedFile } from '../../shared/formats/division-export';
import {
  exportGridTableCsv,
  exportGridTableXlsx,
  exportShapefileZip,
} from '../../shared/formats/division-export';
import { stringifyDivision } from '../../shared/formats/geojson';
import type { TextEncodingName } from '../../shared/formats/text-encoding';
import { TEXT_ENCODINGS } from '../../shared/formats/text-encoding';
import type { Division, Language, Layer, LocalText, Result } from '../../shared/model';
import { LAYERS } from '../../shared/model';
import { downloadBytes } from '../platform/download-bytes';
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
  /** Saves GeoJSON text through the project-files bridge (native dialog in Electron); resolves the name. */
  readonly saveGeoJson: (fileName: string, text: string) => Promise<string | null>;
  /** Tells the planner what happened (file name, warnings, or why it failed). */
  readonly onDone: (title: string, lines: readonly LocalText[], failed: boolean) => void;
  readonly onClose: () => void;
}

/** The export dialog: format, layer, coordinate system and encoding; Chinese by default. */
export function ExportDialog(props: ExportDialogProps) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<Format>('shapefile');
  const [layer, setLayer] = useState<Layer>('grid');
  const [crs, setCrs] = useState<ExportCrs>('cgcs2000');
  const [encoding, setEncoding] = useState<TextEncodingName>('utf-8');
  const [includePersonal, setIncludePersonal] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = props.division.meta.name || 'gridplan';

  async function run() {
    setBusy(true);
    // One frame for the busy state to show before the (main-thread) export work.
    await new Promise((resolve) => window.setTimeout(resolve, 30));
    try {
      if (format === 'geojson') {
        const saved = await props.saveGeoJson(
          `${name}.geojson`,
          stringifyDivision(props.division, { includePersonal }),
        );
        if (saved) props.onDone(t('transfer.exported', { name: saved }), [], false);
        props.onClose();
        return;
      }
      const result: Result<ExportedFile> =
        format === 'shapefile'
          ? exportShapefileZip(props.division, layer, { crs, encoding })
          : format === 'xlsx'
            ? exportGridTableXlsx(props.division, props.language)
            : exportGridTableCsv(props.division, props.language);
      if (!result.ok) {
        props.onDone(
          t('transfer.exportFailed'),
          result.problems.map((p) => p.message),
          true,
        );
      } else {
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
        onKeyDown={(event) => event.key === 'Escape' && props.onClose()}
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
          <>
            <label>
              {t('transfer.exportLayer')}
              <select
                value={layer}
                onChange={(event) => setLayer(event.target.value as Layer)}
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
                value={crs}
                onChange={(event) => setCrs(event.target.value as ExportCrs)}
                data-testid="export-crs"
              >
                {EXPORT_CRS.map((c) => (
                  <option key={c} value={c}>
                    {t(`transfer.exportCrsOptions.${c}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('transfer.exportEncoding')}
              <select
                value={encoding}
                onChange={(event) => setEncoding(event.target.value as TextEncodingName)}
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
        )}
        {format === 'geojson' && (
          <label>
            <span>
              <input
                type="checkbox"
                checked={includePersonal}
                onChange={(event) => setIncludePersonal(event.target.checked)}
              />{' '}
              {t('transfer.includePersonal')}
            </span>
            {includePersonal && <small className="transfer-warning">{t('transfer.personalWarning')}</small>}
          </label>
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
