import { useTranslation } from 'react-i18next';
import type { ReferenceLayer } from '../../shared/model';
import { referenceBounds } from '../map/overlays/reference-overlay';
import './reference-panel.css';

/** What the 参考图层 panel needs from the window. */
export interface ReferencePanelProps {
  readonly layers: readonly ReferenceLayer[];
  readonly onVisible: (id: string, visible: boolean) => void;
  /** Asks for a new name (the window's name prompt), then renames. */
  readonly onRename: (layer: ReferenceLayer) => void;
  /** Asks for confirmation (the window's confirm prompt), then deletes. */
  readonly onDelete: (layer: ReferenceLayer) => void;
  readonly onZoom: (box: readonly [number, number, number, number]) => void;
  readonly onImport: () => void;
}

/**
 * The 参考图层 tab: every reference layer with its role and feature count, a checkbox to show or hide
 * it, rename, delete (after confirmation) and zoom to. Test ids use the layer's position in the list
 * (`reference-row-0`...) so tests need not know generated ids.
 */
export function ReferencePanel(props: ReferencePanelProps) {
  const { t } = useTranslation();
  return (
    <div className="reference-panel" data-testid="reference-panel">
      {props.layers.length === 0 && <p className="empty-state">{t('references.empty')}</p>}
      <ul>
        {props.layers.map((layer, index) => {
          const box = referenceBounds(layer);
          return (
            <li key={layer.id} data-testid={`reference-row-${index}`} data-layer-id={layer.id}>
              <label className="reference-name">
                <input
                  type="checkbox"
                  checked={layer.visible}
                  title={t('references.visible')}
                  data-testid={`reference-visible-${index}`}
                  onChange={(event) => props.onVisible(layer.id, event.target.checked)}
                />
                <span className={`reference-swatch role-${layer.role}`} aria-hidden="true" />
                <span>{layer.name}</span>
              </label>
              <small>
                {t(`references.roles.${layer.role}`)} ·{' '}
                {t('references.features', { count: layer.features.length })}
                {layer.cityComments?.length
                  ? ` · ${t('references.cityComments', { count: layer.cityComments.length })}`
                  : ''}
              </small>
              <span className="reference-actions">
                <button type="button" disabled={!box} onClick={() => box && props.onZoom(box)}>
                  {t('references.zoomTo')}
                </button>
                <button
                  type="button"
                  onClick={() => props.onRename(layer)}
                  data-testid={`reference-rename-${index}`}
                >
                  {t('references.rename')}
                </button>
                <button
                  type="button"
                  onClick={() => props.onDelete(layer)}
                  data-testid={`reference-delete-${index}`}
                >
                  {t('references.remove')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={props.onImport} data-testid="reference-import-button">
        {t('references.importButton')}
      </button>
    </div>
  );
}
