import type { Shell } from '../shell/shell';

/** The toolbar's 自动划分 and 平衡 buttons. */
export function DivideButtons({ shell }: { readonly shell: Shell }) {
  const { t, division, divide, edit, readOnly } = shell;
  // A version, a package or another window's project: a proposal could not be accepted.
  return (
    <span className="toolbar-group">
      <button
        type="button"
        onClick={divide.openDivide}
        disabled={!division || readOnly || division.community.size === 0}
        title={t('divide.buttonTitle')}
        data-testid="divide-button"
      >
        ⚖ {t('divide.button')}
      </button>
      <button
        type="button"
        onClick={() => {
          // Picking grids for 平衡 takes the map's clicks: no drawing tool may keep them.
          edit.setTool('select');
          divide.openRebalance();
        }}
        disabled={!division || readOnly || division.grid.size < 2}
        aria-pressed={divide.kind === 'rebalance' && divide.phase !== 'closed'}
        title={t('divide.rebalanceTitle')}
        data-testid="rebalance-button"
      >
        ⇄ {t('divide.rebalance')}
      </button>
    </span>
  );
}
