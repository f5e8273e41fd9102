import type { TFunction } from 'i18next';
import { TOOLS } from '../tools/tool-registry';
import { keyList } from './key-list';
import { useEscapeToClose } from './use-escape-to-close';

/** The 快捷键 dialog (? or F1, or the toolbar's ? button): every key of the window. */
export function KeysDialog({ t, onClose }: { readonly t: TFunction; readonly onClose: () => void }) {
  useEscapeToClose(onClose);
  return (
    <div className="modal-backdrop" role="presentation" onClick={onClose}>
      <div
        className="modal"
        role="dialog"
        aria-label={t('legend.keys.heading')}
        data-testid="keys-dialog"
        onClick={(event) => event.stopPropagation()}
      >
        <h2>{t('legend.keys.heading')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('legend.keys.key')}</th>
              <th>{t('legend.keys.action')}</th>
            </tr>
          </thead>
          <tbody>
            {keyList(TOOLS).map((row) => (
              <tr key={row.label}>
                <td>
                  {row.keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 && ' / '}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </td>
                <td>{t(row.label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="modal-buttons">
          <button type="button" className="primary" onClick={onClose} autoFocus>
            {t('legend.keys.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
