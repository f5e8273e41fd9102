import type { Shell } from '../shell/shell';
import { IMPORT_DATA_DIALOG } from '../shell/dialog-ids';
import { ReferencePanel } from './reference-panel';

/** The right panel's 参考图层 tab id. */
export const REFERENCES_TAB = 'references';

/** The 参考图层 tab of the right panel (an entry of right-panel-tabs.tsx). */
export const referencesTab = {
  label: ({ t }: Shell) => t('references.tab'),
  badge: ({ references }: Shell) => references.layers.length,
  render: ({ t, references, notices, showOnMap, openDialog }: Shell) => (
    <ReferencePanel
      layers={references.layers}
      onVisible={(id, visible) => void references.setVisible(id, visible)}
      onRename={(layer) =>
        notices.ask({
          kind: 'name',
          title: t('references.rename'),
          initial: layer.name,
          then: (name) => void references.rename(layer.id, name),
        })
      }
      onDelete={(layer) =>
        notices.ask({
          kind: 'confirm',
          message: t('references.confirmDelete', { name: layer.name }),
          confirmLabel: t('references.remove'),
          then: () => void references.remove(layer.id),
        })
      }
      onZoom={(bounds) => showOnMap({ bounds })}
      onImport={() => openDialog(IMPORT_DATA_DIALOG)}
    />
  ),
};
