import type { Shell } from '../shell/shell';
import type { DrawingMapProps } from './with-references';
import { withReferences } from './with-references';

/**
 * What the map needs for reference layers from the window: the layers to draw, the editor's map props
 * with reference snapping and tracing, and the empty-state hint (plain basemap and nothing to draw
 * along: say how to add imagery or streets; issue 11 item 10).
 */
export function referenceMapProps<P extends DrawingMapProps>(shell: Shell, editProps: P) {
  const { references, division, basemap, edit, t } = shell;
  const plain = !basemap.settings || basemap.settings.kind === 'offline';
  const hasVisible = references.layers.some((layer) => layer.visible);
  return {
    ...(division
      ? withReferences(editProps, division, references.layers, {
          snapping: edit.settings.snapping,
          trace: references.trace,
        })
      : editProps),
    referenceLayers: references.layers,
    ...(plain && !hasVisible ? { emptyHint: t('references.emptyMap') } : {}),
  };
}
