import { useTranslation } from 'react-i18next';
import type { ImportFormat } from '../../shared/formats/import-files';
import type { EncodingSource } from '../../shared/formats/shapefile-read';
import type { ReadEncodingName, TextFileEncodingChoice } from '../../shared/formats/text-encoding';

/** Props of {@link ImportEncodingChoice}. */
export interface ImportEncodingChoiceProps {
  /** The format read; UTF-16 is offered for text files only (a DBF is never UTF-16). */
  readonly format: ImportFormat | undefined;
  /** What the file was read as, and why; undefined when it could not be read in any encoding tried. */
  readonly detected: { readonly encoding: ReadEncodingName; readonly source?: EncodingSource } | undefined;
  readonly chosen: TextFileEncodingChoice | undefined;
  /** True when the attributes are not valid text in the encoding read (the preview shows U+FFFD). */
  readonly garbled?: boolean;
  readonly onChoose: (encoding: TextFileEncodingChoice | undefined) => void;
}

/**
 * The encoding the import dialog read a file in (GBK, UTF-8, UTF-16, and how that was decided), with the
 * planner's choice of another: the preview below it shows the names as read, so a wrong guess shows.
 */
export function ImportEncodingChoice(props: ImportEncodingChoiceProps) {
  const { t } = useTranslation();
  const { detected } = props;
  const label = detected ? t('transfer.encoding') : t('transfer.encodingOther');
  return (
    <>
      <label>
        {label}
        <select
          data-testid="import-encoding"
          value={props.chosen ?? ''}
          onChange={(event) =>
            props.onChoose((event.target.value || undefined) as TextFileEncodingChoice | undefined)
          }
        >
          <option value="">
            {t('transfer.encodingAuto')}
            {detected &&
              `（${detected.encoding.toUpperCase()}${
                detected.source && detected.source !== 'override'
                  ? `，${t(`transfer.encodingSources.${detected.source}`)}`
                  : ''
              }）`}
          </option>
          <option value="utf-8">UTF-8</option>
          <option value="gbk">GBK（936）</option>
          {props.format !== 'shapefile' && <option value="utf-16">{t('transfer.encodingUtf16')}</option>}
        </select>
      </label>
      {props.garbled && detected && (
        <p className="transfer-warning" role="alert" data-testid="import-garbled">
          {t('transfer.garbled', { encoding: detected.encoding.toUpperCase() })}
        </p>
      )}
    </>
  );
}
