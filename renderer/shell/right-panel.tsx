import { toolNamed } from '../tools/tool-registry';
import { RIGHT_PANEL_TABS } from './right-panel-tabs';
import type { Shell } from './shell';

/** The right panel: the tabs of {@link RIGHT_PANEL_TABS}, under the active tool's own panel if it has one (it then replaces 属性). */
export function RightPanel({ shell }: { readonly shell: Shell }) {
  const { tab, showTab, division, edit, selectedGridId, showOnMap } = shell;
  const selectedGrid = (selectedGridId && division?.grid.get(selectedGridId)) || null;
  const toolPanel = toolNamed(edit.tool).panel;
  const shown = RIGHT_PANEL_TABS.find((entry) => entry.id === tab);
  return (
    <aside className="right-panel">
      <div className="tabs" role="tablist">
        {RIGHT_PANEL_TABS.map((entry) => {
          const badge = entry.badge?.(shell) ?? 0;
          return (
            <button
              key={entry.id}
              type="button"
              role="tab"
              aria-selected={tab === entry.id}
              onClick={() => showTab(entry.id)}
            >
              {entry.label(shell)}
              {badge > 0 && <span className="tab-badge">{badge}</span>}
            </button>
          );
        })}
      </div>
      <div className="tab-body">
        {toolPanel &&
          division &&
          toolPanel({
            division,
            selectedGrid,
            community:
              [...division.community.values()].find((c) => c.code === selectedGrid?.parentCode) ?? null,
            run: (command, title) => void edit.runCommand(command, title),
            listGaps: edit.listGaps,
            showAt: (at) => showOnMap({ at }),
          })}
        {shown?.render(shell)}
      </div>
    </aside>
  );
}
