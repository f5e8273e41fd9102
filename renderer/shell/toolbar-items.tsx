import type { ReactNode } from 'react';
import { BUILTIN_RULE_SETS } from '../../shared/model';
import { setLanguage } from '../i18n/i18n';
import { announceSaved } from '../platform/project-channel';
import { BasemapButton } from '../panels/basemap-settings';
import { EditToolbar } from '../panels/edit-toolbar';
import { DivideButtons } from '../divide/divide-toolbar';
import { TraceToggle } from '../references/trace-toggle';
import {
  BASEMAP_DIALOG,
  EXPORT_DATA_DIALOG,
  IMPORT_DATA_DIALOG,
  KEYS_DIALOG,
  PRINT_DIALOG,
} from './dialog-ids';
import type { Shell } from './shell';

/** One part of the toolbar, left to right. `render` is called with the window's {@link Shell}. */
export interface ToolbarItem {
  readonly id: string;
  readonly render: (shell: Shell) => ReactNode;
}

/**
 * The toolbar (ui.md), in order. A new button is one entry here; put its component in its own file.
 * Items after `spacer` sit at the right end.
 */
export const TOOLBAR_ITEMS: readonly ToolbarItem[] = [
  {
    id: 'projects',
    render: ({ t, project }) => (
      <button
        type="button"
        onClick={() => project.setShowProjects((shown) => !shown)}
        data-testid="projects-button"
      >
        {t('toolbar.projects')}
        {t('punct.colon')}
        {project.current?.name ?? '—'}
      </button>
    ),
  },
  {
    id: 'history',
    render: ({ t, project, undo, redo, readOnly, censusLoading }) => (
      <span className="toolbar-group">
        <button
          type="button"
          onClick={undo}
          disabled={!project.state?.undo.length || readOnly || censusLoading}
          title={t('toolbar.undoShortcut')}
        >
          ↶ {t('toolbar.undo')}
        </button>
        <button
          type="button"
          onClick={redo}
          disabled={!project.state?.redo.length || readOnly || censusLoading}
          title={t('toolbar.redoShortcut')}
        >
          ↷ {t('toolbar.redo')}
        </button>
      </span>
    ),
  },
  {
    id: 'edit-tools',
    render: ({ edit, division, selectedGridId, readOnly }) => (
      <EditToolbar
        tool={edit.tool}
        onTool={edit.setTool}
        settings={edit.settings}
        onSettings={edit.setSettings}
        disabled={!division || readOnly /* a version, a package, another window's project */}
        onAction={(tool) => void edit.runAction(tool)}
        canAct={selectedGridId !== null}
      />
    ),
  },
  { id: 'divide', render: (shell) => <DivideButtons shell={shell} /> },
  {
    id: 'trace',
    render: ({ division, references }) => (
      <TraceToggle on={references.trace} disabled={!division} onChange={references.setTrace} />
    ),
  },
  {
    id: 'rule-set',
    render: ({ t, say, project, shownDivision, ruleSet, language, notices, readOnly, edit }) => (
      <label className="toolbar-group">
        {t('toolbar.ruleSet')}
        <select
          value={shownDivision?.meta.ruleSetId ?? 'zigong'}
          // The working copy's rule set: not while a version or package is shown (the selector shows
          // theirs), not in another window's project, not while an edit is computed or the project opens
          // (a second reopen meanwhile would queue for the lock behind the first).
          disabled={!project.state || readOnly || edit.computing || project.busy !== null}
          onChange={(event) => {
            const { state, session } = project;
            if (!state || !session) return;
            const ruleSetId = event.target.value;
            // The project is opened again with the rule set: every edit still being saved is in first.
            session
              .idle()
              .then(() => project.store.updateMeta(state.projectId, { ruleSetId }))
              .then(() => project.openProject(state.projectId))
              // Read-only windows judge the project by the new rule set too.
              .then(() =>
                announceSaved({ projectId: state.projectId, revision: state.revision, metaChanged: true }),
              )
              .catch((error: unknown) => notices.reportError(t('messages.saveFailed'), error));
          }}
          title={ruleSet.source[language]}
        >
          {[...BUILTIN_RULE_SETS.values()].map((r) => (
            <option key={r.id} value={r.id}>
              {say(r.name)}
            </option>
          ))}
        </select>
      </label>
    ),
  },
  {
    id: 'validate-all',
    render: ({ t, division, validation }) => (
      <button
        type="button"
        onClick={validation.validateAll}
        disabled={!division}
        data-testid="validate-all"
        className="primary"
      >
        ✔ {t('toolbar.validateAll')}
      </button>
    ),
  },
  {
    id: 'next-problem',
    render: ({ t, validation }) => (
      <button
        type="button"
        onClick={validation.nextProblem}
        disabled={validation.state.issues.length === 0}
        title={t('toolbar.nextProblemTitle')}
        data-testid="next-problem"
      >
        ➜ {t('toolbar.nextProblem')}
      </button>
    ),
  },
  {
    id: 'files',
    render: ({ t, division, transfer, openDialog }) => (
      <span className="toolbar-group">
        {/* One import for every file: the dialog recognises a division file (a new project) or a layer. */}
        <button
          type="button"
          onClick={() => openDialog(IMPORT_DATA_DIALOG)}
          title={t('transfer.importTitle')}
          data-testid="import-data-button"
        >
          {t('transfer.importButton')}
        </button>
        <button
          type="button"
          onClick={() => void transfer.exportFile()}
          disabled={!division}
          title={t('toolbar.exportTitle')}
          data-testid="export-button"
        >
          {t('toolbar.exportGeoJson')}
        </button>
        <button
          type="button"
          onClick={() => openDialog(EXPORT_DATA_DIALOG)}
          disabled={!division}
          title={t('transfer.exportTitle')}
          data-testid="export-data-button"
        >
          {t('transfer.exportButton')}
        </button>
      </span>
    ),
  },
  {
    id: 'print',
    render: ({ t, division, openDialog }) => (
      <button
        type="button"
        onClick={() => openDialog(PRINT_DIALOG)}
        disabled={!division}
        title={t('print.buttonTitle')}
        data-testid="print-button"
      >
        {t('print.button')}
      </button>
    ),
  },
  { id: 'spacer', render: () => <span className="toolbar-spacer" /> },
  {
    id: 'keys',
    render: ({ t, openDialog }) => (
      <button
        type="button"
        onClick={() => openDialog(KEYS_DIALOG)}
        title={t('legend.keys.buttonTitle')}
        data-testid="keys-button"
      >
        {t('legend.keys.button')}
      </button>
    ),
  },
  {
    id: 'basemap',
    render: ({ project, openDialog }) => (
      <BasemapButton onClick={() => openDialog(BASEMAP_DIALOG)} disabled={!project.state} />
    ),
  },
  {
    id: 'language',
    render: ({ t, language }) => (
      <button
        type="button"
        onClick={() => void setLanguage(language === 'zh' ? 'en' : 'zh')}
        title={t('toolbar.languageTitle')}
        data-testid="language-switch"
      >
        {t('toolbar.language')}
      </button>
    ),
  },
];
