import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { emptyDivision } from '../../shared/model';
import { loadDemoDivision } from '../demo/load-demo';
import { MAPPING_SETTING } from '../import/remembered-mapping';
import { saveProjectFile } from '../platform/project-files';
import { BasemapSettingsDialog } from '../panels/basemap-settings';
import { ConfirmDialog, NameDialog } from '../panels/dialogs';
import { ExportDialog } from '../panels/export-dialog';
import { ImportDialog } from '../panels/import-dialog';
import { ProjectPanel } from '../panels/project-panel';
import { PrintDialog } from '../print/print-dialog';
import {
  BASEMAP_DIALOG,
  EXPORT_DATA_DIALOG,
  IMPORT_DATA_DIALOG,
  KEYS_DIALOG,
  PRINT_DIALOG,
} from './dialog-ids';
import { KeysDialog } from './keys-dialog';
import type { Shell } from './shell';

/** A dialog opened with `shell.openDialog(id)`; `render` returns nothing when it cannot be shown now. */
export interface AppDialog {
  readonly id: string;
  readonly render: (shell: Shell) => ReactNode;
}

/** The window's dialogs. A new dialog is one entry here (its id in dialog-ids.ts when others open it). */
export const APP_DIALOGS: readonly AppDialog[] = [
  {
    id: IMPORT_DATA_DIALOG,
    render: ({ language, project, transfer, openDialog, references }) => {
      const { state, store } = project;
      return (
        <ImportDialog
          language={language}
          hasProject={!!state}
          loadRemembered={() =>
            state ? store.getSetting(state.projectId, MAPPING_SETTING) : Promise.resolve(undefined)
          }
          saveRemembered={(value) =>
            state ? store.setSetting(state.projectId, MAPPING_SETTING, value) : Promise.resolve()
          }
          onImportLayer={transfer.importLayer}
          onImportDivision={transfer.importDivision}
          onImportReference={references.add}
          onClose={() => openDialog(null)}
        />
      );
    },
  },
  {
    id: EXPORT_DATA_DIALOG,
    render: ({ division, language, notices, openDialog, project }) =>
      division && (
        <ExportDialog
          division={division}
          language={language}
          sourceZoneEpsg={project.current?.sourceZoneEpsg ?? division.meta.sourceZoneEpsg}
          saveGeoJson={saveProjectFile}
          onDone={(title, lines, failed) => notices.notify({ kind: failed ? 'error' : 'info', title, lines })}
          onClose={() => openDialog(null)}
        />
      ),
  },
  {
    id: PRINT_DIALOG,
    render: ({ division, language, ruleSet, selectedGridId, applyChange, readOnly, notices, openDialog }) =>
      division && (
        <PrintDialog
          division={division}
          language={language}
          ruleSet={ruleSet}
          community={(selectedGridId && division.grid.get(selectedGridId)?.parentCode) || ''}
          readOnly={readOnly}
          onChange={(change) => applyChange(change, division)}
          onDone={(title, lines, failed) => notices.notify({ kind: failed ? 'error' : 'info', title, lines })}
          onClose={() => openDialog(null)}
        />
      ),
  },
  {
    id: BASEMAP_DIALOG,
    render: ({ language, project, basemap, openDialog }) =>
      project.state && (
        <BasemapSettingsDialog
          language={language}
          current={basemap.settings}
          onSave={basemap.save}
          onClose={() => openDialog(null)}
        />
      ),
  },
  { id: KEYS_DIALOG, render: ({ t, openDialog }) => <KeysDialog t={t} onClose={() => openDialog(null)} /> },
];

/** The project list, the open dialog of {@link APP_DIALOGS} and the name/confirm prompts. */
export function AppDialogs({ shell }: { readonly shell: Shell }) {
  const { t, project, notices, dialog } = shell;
  const { prompt, ask } = notices;
  const open = APP_DIALOGS.find((entry) => entry.id === dialog);
  return (
    <>
      {project.showProjects && (
        <ProjectPanel
          projects={project.projects}
          currentId={project.state?.projectId ?? null}
          onClose={() => project.setShowProjects(false)}
          onOpen={(id) => void project.openProject(id)}
          onNew={() =>
            ask({
              kind: 'name',
              title: t('project.promptName'),
              initial: t('project.newDefaultName'),
              then: (name) => void project.createFrom(name, () => Promise.resolve(emptyDivision({ name }))),
            })
          }
          onLoadDemo={() => void project.createFrom(t('project.demoName'), loadDemoDivision)}
          onRename={(summary) =>
            ask({
              kind: 'name',
              title: t('project.promptName'),
              initial: summary.name,
              then: (name) => project.renameProject(summary, name),
            })
          }
          onDuplicate={project.duplicateProject}
          onDelete={(summary) =>
            ask({
              kind: 'confirm',
              message: t('project.confirmDelete', { name: summary.name }),
              confirmLabel: t('project.delete'),
              then: () => project.deleteProject(summary),
            })
          }
        />
      )}
      {open && <Fragment key={open.id}>{open.render(shell)}</Fragment>}
      {prompt?.kind === 'name' && (
        <NameDialog
          title={prompt.title}
          initial={prompt.initial}
          onDone={(name) => {
            ask(null);
            if (name) prompt.then(name);
          }}
        />
      )}
      {prompt?.kind === 'confirm' && (
        <ConfirmDialog
          message={prompt.message}
          confirmLabel={prompt.confirmLabel}
          onDone={(confirmed) => {
            ask(null);
            if (confirmed) prompt.then();
          }}
        />
      )}
    </>
  );
}
