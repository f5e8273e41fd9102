import type { ReactNode } from 'react';
import { AreaAttributePanel } from '../panels/area-attribute-panel';
import { AttributePanel } from '../panels/attribute-panel';
import { IssuesPanel } from '../panels/issues-panel';
import { LegendPanel } from '../legend/legend-panel';
import { REFERENCES_TAB, referencesTab } from '../references/references-tab';
import { ReviewComments } from '../panels/review-comments';
import { ReviewPanel } from '../panels/review-panel';
import { toolNamed } from '../tools/tool-registry';
import type { Shell } from './shell';
import { ATTRIBUTES_TAB, ISSUES_TAB, REVIEW_TAB } from './tab-ids';

/** One tab of the right panel. `render` draws its body while it is the tab shown. */
export interface RightPanelTab {
  readonly id: string;
  readonly label: (shell: Shell) => string;
  /** A number shown on the tab (e.g. the issue count); nothing when 0 or absent. */
  readonly badge?: (shell: Shell) => number;
  readonly render: (shell: Shell) => ReactNode;
}

/** The right panel's tabs, in order (ui.md). A new tab (审核, 参考图层…) is one entry here. */
export const RIGHT_PANEL_TABS: readonly RightPanelTab[] = [
  {
    id: ATTRIBUTES_TAB,
    label: ({ t }) => t('panel.attributes'),
    render: ({
      shownDivision: division,
      selectedGridId,
      selectedArea,
      figures,
      edit,
      ruleSet,
      applyChange,
      readOnly,
      notices,
      language,
      t,
    }) => {
      // A tool with its own panel (填补空白) takes the place of the attributes while it is active.
      if (!division || toolNamed(edit.tool).panel) return null;
      const grid = selectedGridId ? (division.grid.get(selectedGridId) ?? null) : null;
      if (!grid && selectedArea) {
        return (
          <AreaAttributePanel
            division={division}
            area={selectedArea}
            figures={figures}
            ruleSet={ruleSet}
            language={language}
            readOnly={readOnly}
            commit={(result) =>
              result.ok
                ? applyChange(result.value, division)
                : notices.notify({
                    kind: 'error',
                    title: t('messages.saveFailed'),
                    lines: result.problems.map((problem) => problem.message),
                  })
            }
          />
        );
      }
      return (
        <AttributePanel
          division={division}
          grid={grid}
          figure={grid ? figures?.grids.get(grid.id) : undefined}
          live={edit.live && edit.live.gridId === grid?.id ? edit.live : null}
          ruleSet={ruleSet}
          readOnly={readOnly}
          onChange={(change) => applyChange(change, division)}
        />
      );
    },
  },
  {
    id: ISSUES_TAB,
    label: ({ t }) => t('panel.issues'),
    badge: ({ validation }) => validation.state.issues.length,
    render: (shell) => (
      <>
        <ReviewComments shell={shell} /* review comments from a reply or the reviewer's draft */ />
        <IssuesPanel
          validation={shell.validation.state}
          language={shell.language}
          selectedKey={shell.validation.selectedIssue?.key ?? null}
          diagnostics={shell.validation.client.diagnostics()}
          onSelect={shell.validation.selectIssue}
        />
      </>
    ),
  },
  { id: REFERENCES_TAB, ...referencesTab },
  {
    id: REVIEW_TAB,
    label: ({ t }) => t('review.tab'),
    render: (shell) => <ReviewPanel shell={shell} />,
  },
  { id: 'legend', label: ({ t }) => t('legend.tab'), render: ({ t }) => <LegendPanel t={t} /> },
];
