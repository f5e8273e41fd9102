import type { Shell } from './shell';

/** The box over the map that says what the active tool expects, or the live count while dragging. */
export function ToolHint({ shell }: { readonly shell: Shell }) {
  const { t, edit } = shell;
  if (edit.tool === 'select' && !edit.live) return null;
  return (
    <div className="tool-hint" data-testid="tool-hint">
      {edit.live
        ? t('edit.live', { households: edit.live.households, population: edit.live.population })
        : edit.tool === 'merge'
          ? t('edit.mergeHint', { count: edit.picked.length })
          : edit.tool === 'draw-grid'
            ? t('edit.drawHint')
            : edit.tool === 'split'
              ? t('edit.splitHint')
              : edit.tool === 'carve'
                ? t('edit.carveHint')
                : t(`toolHints.${edit.tool}`)}
      {edit.tool === 'merge' && (
        <button
          type="button"
          className="primary"
          disabled={edit.picked.length < 2}
          onClick={() => void edit.mergePicked()}
          data-testid="merge-now"
        >
          {t('edit.mergeNow')}
        </button>
      )}
    </div>
  );
}
