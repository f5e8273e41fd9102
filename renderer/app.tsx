import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDivisionGeoJson, stringifyDivision } from '../shared/formats/geojson';
import type { Change, Division, LocalText, RuleSet } from '../shared/model';
import { BUILTIN_RULE_SETS, builtinRuleSet, countByLayer, emptyDivision } from '../shared/model';
import { loadDemoDivision } from './demo/load-demo';
import { deriveFigures } from './derive/grid-figures';
import { problemShapes } from './derive/problem-shapes';
import { EditorSession } from './editor/editor-session';
import { currentLanguage, setLanguage } from './i18n/i18n';
import type { MapFocus } from './map/map-view';
import { MapView } from './map/map-view';
import { AttributePanel } from './panels/attribute-panel';
import { ConfirmDialog, NameDialog } from './panels/dialogs';
import { DivisionTree } from './panels/division-tree';
import { ProjectPanel } from './panels/project-panel';
import { useEditTools } from './editing/use-edit-tools';
import { EditToolbar } from './panels/edit-toolbar';
import { GapPanel } from './panels/gap-panel';
import { IssuesPanel } from './panels/issues-panel';
import { StatusBar } from './panels/status-bar';
import { openProjectFile, saveProjectFile } from './platform/project-files';
import type { ProjectStore, ProjectSummary } from './storage/project-store';
import type { ValidationIssue } from '../shared/validate';
import { ValidationClient } from './validation/validation-client';
// --- import/export dialogs (renderer/panels/import-dialog.tsx, export-dialog.tsx) ---
import { LAYER_NAMES, replaceLayerChange } from '../shared/formats/import-layer';
import type { LayerImport } from '../shared/formats/import-layer';
import { ExportDialog } from './panels/export-dialog';
import { ImportDialog } from './panels/import-dialog';
import { MAPPING_SETTING } from './import/remembered-mapping';
// --- end import/export ---
// --- basemap settings (renderer/panels/basemap-settings.tsx) ---
import { BasemapButton, BasemapSettingsDialog, useProjectBasemap } from './panels/basemap-settings';
// --- end basemap ---

const LAST_PROJECT_KEY = 'gridplan.lastProject';

type Notice = {
  readonly kind: 'info' | 'error';
  readonly title: string;
  readonly lines: readonly LocalText[] | readonly string[];
};
type Dialog =
  | {
      readonly kind: 'name';
      readonly title: string;
      readonly initial: string;
      readonly then: (name: string) => void;
    }
  | {
      readonly kind: 'confirm';
      readonly message: string;
      readonly confirmLabel: string;
      readonly then: () => void;
    };

/** Remembers which project was open so the next start opens it again. */
function rememberProject(id: string): void {
  try {
    localStorage.setItem(LAST_PROJECT_KEY, id);
  } catch {
    // Without localStorage the most recently changed project opens next time instead.
  }
}

/** The project to open at start: the one open last time, else the most recently changed. */
export function initialProjectId(projects: readonly ProjectSummary[]): string | null {
  let remembered: string | null = null;
  try {
    remembered = localStorage.getItem(LAST_PROJECT_KEY);
  } catch {
    remembered = null;
  }
  if (remembered && projects.some((p) => p.id === remembered)) return remembered;
  return [...projects].sort((a, b) => b.updatedAt - a.updatedAt)[0]?.id ?? null;
}

function useValidation(client: ValidationClient) {
  return useSyncExternalStore(client.subscribe, client.getState);
}

function useSession(session: EditorSession | null) {
  const subscribe = useCallback(
    (listener: () => void) => session?.subscribe(listener) ?? (() => undefined),
    [session],
  );
  return useSyncExternalStore(subscribe, () => session?.getState() ?? null);
}

/** The main window: toolbar, project tree, map, attribute/issue tabs and status bar (ui.md). */
export function App({
  store,
  initialProjects,
}: {
  store: ProjectStore;
  initialProjects: readonly ProjectSummary[];
}) {
  const { t, i18n } = useTranslation();
  const [projects, setProjects] = useState(initialProjects);
  const [session, setSession] = useState<EditorSession | null>(null);
  const [selectedGridId, setSelectedGridId] = useState<string | null>(null);
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const [cursor, setCursor] = useState<readonly [number, number] | null>(null);
  const [startId] = useState(() => initialProjectId(initialProjects));
  const [showProjects, setShowProjects] = useState(startId === null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [transfer, setTransfer] = useState<'import' | 'export' | null>(null); // import/export dialogs
  const [tab, setTab] = useState<'attributes' | 'issues'>('attributes');
  const state = useSession(session);
  const [validator] = useState(() => new ValidationClient());
  const validation = useValidation(validator);
  const [selectedIssue, setSelectedIssue] = useState<ValidationIssue | null>(null);
  useEffect(() => () => validator.dispose(), [validator]);
  // --- basemap: the project's 'basemap' setting, read when a project opens; the map applies it ---
  const basemap = useProjectBasemap(store, state?.projectId ?? null);
  const [showBasemap, setShowBasemap] = useState(false);
  // --- end basemap ---
  const language = currentLanguage();
  const say = (message: LocalText): string => message[language];

  const refreshProjects = useCallback(async () => setProjects(await store.listProjects()), [store]);

  const reportError = useCallback((title: string, error: unknown) => {
    const problem =
      typeof error === 'object' && error !== null && 'problem' in error
        ? (error as { problem: { message: LocalText } }).problem
        : null;
    setNotice({ kind: 'error', title, lines: problem ? [problem.message] : [String(error)] });
  }, []);

  const openProject = useCallback(
    async (id: string) => {
      setBusy(t('status.loading'));
      try {
        const loaded = await store.loadProject(id);
        setSession(new EditorSession(id, loaded.division, { undo: loaded.undo, redo: loaded.redo }, store));
        setSelectedGridId(null);
        rememberProject(id);
        setShowProjects(false);
      } catch (error) {
        reportError(t('messages.importFailed'), error);
      } finally {
        setBusy(null);
      }
    },
    [store, t, reportError],
  );

  useEffect(() => {
    // Only at start: later openings go through the project panel.
    if (startId) void Promise.resolve().then(() => openProject(startId));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The list's counts and times follow the saved edits of the open project.
  useEffect(() => {
    if (!session) return undefined;
    let saving = false;
    return session.subscribe(() => {
      const now = session.getState().saving;
      if (saving && !now) void refreshProjects();
      saving = now;
    });
  }, [session, refreshProjects]);

  const division = state?.division ?? null;
  const ruleSet: RuleSet =
    builtinRuleSet(division?.meta.ruleSetId ?? 'zigong') ?? BUILTIN_RULE_SETS.get('zigong')!;
  const figures = useMemo(() => (division ? deriveFigures(division, ruleSet) : null), [division, ruleSet]);

  // Validation follows the document: everything when a project opens or the rule set changes, then
  // only the neighbourhood of each saved change (edits, undos and redos).
  useEffect(() => {
    if (!session) return undefined;
    validator.reset(session.getState().division, ruleSet);
    return session.onApplied((change) => validator.applied(change));
  }, [session, ruleSet, validator]);

  // Stable callbacks: the tree is memoised and must not re-render on every App render.
  const showCommunity = useCallback(
    (id: string) => setFocus((f) => ({ communityId: id, request: (f?.request ?? 0) + 1 })),
    [],
  );
  const selectFromTree = useCallback((id: string) => {
    setSelectedGridId(id);
    setFocus((f) => ({ gridId: id, request: (f?.request ?? 0) + 1 }));
    setTab('attributes');
  }, []);

  // The validator's issues refer to ids; their shapes are drawn from the current document.
  const problems = useMemo(
    () =>
      division
        ? problemShapes(division, validation.issues)
        : { type: 'FeatureCollection' as const, features: [] },
    [division, validation.issues],
  );

  // 下一个问题: the issue after the one shown (errors first, as the panel lists them), zoomed to.
  const nextProblem = (): void => {
    const issues = validation.issues;
    if (issues.length === 0) return;
    const at = selectedIssue ? issues.findIndex((issue) => issue.key === selectedIssue.key) : -1;
    const issue = issues[(at + 1) % issues.length]!;
    setSelectedIssue(issue);
    setTab('issues');
    if (issue.layer === 'grid' && issue.ids.length === 1) setSelectedGridId(issue.ids[0]!);
  };

  const validateAll = (): void => {
    if (!division) return;
    validator.reset(division, ruleSet, 1, true);
    setTab('issues');
  };

  const applyChange = useCallback(
    async (change: Change) => {
      if (!session) return;
      await session.apply(change);
    },
    [session],
  );

  const edit = useEditTools({
    session,
    division,
    ruleSet,
    selectedGridId,
    select: (id) => {
      setSelectedGridId(id);
      if (id) setTab('attributes');
    },
    report: (title, problems) => setNotice({ kind: 'error', title, lines: problems.map((p) => p.message) }),
  });

  const onEditKey = edit.onKeyDown;
  const undo = useCallback(() => void session?.undo(), [session]);
  const redo = useCallback(() => void session?.redo(), [session]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')
      )
        return;
      if (onEditKey(event)) {
        event.preventDefault();
        return;
      }
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, onEditKey]);

  const createFrom = async (name: string, make: () => Promise<Division>) => {
    setBusy(t('status.loading'));
    try {
      const made = await make();
      const summary = await store.createProject({ ...made, meta: { ...made.meta, name } });
      await refreshProjects();
      await openProject(summary.id);
    } catch (error) {
      reportError(t('messages.saveFailed'), error);
    } finally {
      setBusy(null);
    }
  };

  const importFile = async () => {
    let file: Awaited<ReturnType<typeof openProjectFile>>;
    try {
      file = await openProjectFile();
    } catch (error) {
      reportError(t('messages.importFailed'), error);
      return;
    }
    if (!file) return;
    const result = parseDivisionGeoJson(file.text);
    if (!result.ok) {
      setNotice({
        kind: 'error',
        title: t('messages.importFailed'),
        lines: result.problems.map((p) => p.message),
      });
      return;
    }
    const name = result.value.meta.name || file.fileName.replace(/\.(geo)?json$/i, '');
    await createFrom(name, () => Promise.resolve(result.value));
    const counts = countByLayer(result.value);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    setNotice({ kind: 'info', title: t('messages.imported', { count: total }), lines: [] });
  };

  const exportFile = async () => {
    if (!division) return;
    const name = `${division.meta.name || 'gridplan'}.geojson`;
    try {
      const saved = await saveProjectFile(name, stringifyDivision(division));
      if (saved) {
        const title = window.gridplan
          ? t('messages.exported', { path: saved })
          : t('messages.exportedBrowser', { name: saved });
        setNotice({ kind: 'info', title, lines: [] });
      }
    } catch (error) {
      reportError(t('messages.saveFailed'), error);
    }
  };

  // --- import/export dialogs: a layer import is one undoable change through the editor session, written
  // only when the planner confirms; a cancelled or failed import never reaches the session. ---
  const importLayer = async (imported: LayerImport, fileName: string): Promise<boolean> => {
    if (!session) return false;
    const layerName = LAYER_NAMES[imported.layer][language];
    const note = `${language === 'zh' ? '导入' : 'Import'} ${fileName}（${layerName}）`;
    const change = replaceLayerChange(session.getState().division, imported, note);
    const saved = await session.apply(change);
    if (saved) {
      setNotice({
        kind: 'info',
        title: t('transfer.imported', { count: imported.entities.length, layer: layerName }),
        lines: [],
      });
    }
    return saved;
  };
  const importDivision = async (made: Division, fileName: string): Promise<void> => {
    await createFrom(made.meta.name || fileName, () => Promise.resolve(made));
    const total = Object.values(countByLayer(made)).reduce((a, b) => a + b, 0);
    setNotice({ kind: 'info', title: t('messages.imported', { count: total }), lines: [] });
  };
  // --- end import/export ---

  // The desktop menu's 文件 items act here; the menu follows the UI language.
  const menuActions = useRef({ importFile, exportFile });
  useEffect(() => {
    menuActions.current = { importFile, exportFile };
  });
  useEffect(
    () =>
      window.gridplan?.onMenuCommand((command) => {
        if (command === 'open-project') void menuActions.current.importFile();
        else void menuActions.current.exportFile();
      }),
    [],
  );
  useEffect(() => {
    void window.gridplan?.setMenuLanguage(language);
  }, [language]);

  const currentSummary = projects.find((p) => p.id === state?.projectId);
  const selectedGrid = selectedGridId ? (division?.grid.get(selectedGridId) ?? null) : null;
  // What is stored and what is being checked are shown apart: a slow check never hides "saved".
  const activity =
    busy ?? (state?.saving ? t('status.saving') : state?.lastNote ? t('status.saved') : t('status.ready'));
  const checking = validation.running ? t('issues.running') : null;

  return (
    <div className="app" lang={i18n.language === 'en' ? 'en' : 'zh-CN'}>
      <header className="toolbar">
        <div className="brand">
          <strong>{t('app.title')}</strong>
          <small>{t('app.subtitle')}</small>
        </div>
        <button type="button" onClick={() => setShowProjects((v) => !v)} data-testid="projects-button">
          {t('toolbar.projects')}：{currentSummary?.name ?? '—'}
        </button>
        <span className="toolbar-group">
          <button
            type="button"
            onClick={undo}
            disabled={!state?.undo.length}
            title={t('toolbar.undoShortcut')}
          >
            ↶ {t('toolbar.undo')}
          </button>
          <button
            type="button"
            onClick={redo}
            disabled={!state?.redo.length}
            title={t('toolbar.redoShortcut')}
          >
            ↷ {t('toolbar.redo')}
          </button>
        </span>
        <EditToolbar
          tool={edit.tool}
          onTool={edit.setTool}
          settings={edit.settings}
          onSettings={edit.setSettings}
          disabled={!division}
          onDelete={() => void edit.deleteSelected()}
          canDelete={selectedGridId !== null}
        />
        <label className="toolbar-group">
          {t('toolbar.ruleSet')}
          <select
            value={division?.meta.ruleSetId ?? 'zigong'}
            disabled={!state}
            onChange={(event) => {
              if (!state) return;
              const ruleSetId = event.target.value;
              store
                .updateMeta(state.projectId, { ruleSetId })
                .then(() => openProject(state.projectId))
                .catch((error: unknown) => reportError(t('messages.saveFailed'), error));
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
        <button
          type="button"
          onClick={validateAll}
          disabled={!division}
          data-testid="validate-all"
          className="primary"
        >
          ✔ {t('toolbar.validateAll')}
        </button>
        <button
          type="button"
          onClick={nextProblem}
          disabled={validation.issues.length === 0}
          title={t('toolbar.nextProblemTitle')}
          data-testid="next-problem"
        >
          ➜ {t('toolbar.nextProblem')}
        </button>
        <span className="toolbar-group">
          <button
            type="button"
            onClick={() => void importFile()}
            title={t('toolbar.importTitle')}
            data-testid="import-button"
          >
            {t('toolbar.importGeoJson')}
          </button>
          <button
            type="button"
            onClick={() => void exportFile()}
            disabled={!division}
            title={t('toolbar.exportTitle')}
            data-testid="export-button"
          >
            {t('toolbar.exportGeoJson')}
          </button>
          {/* import/export dialogs */}
          <button
            type="button"
            onClick={() => setTransfer('import')}
            title={t('transfer.importTitle')}
            data-testid="import-data-button"
          >
            {t('transfer.importButton')}
          </button>
          <button
            type="button"
            onClick={() => setTransfer('export')}
            disabled={!division}
            title={t('transfer.exportTitle')}
            data-testid="export-data-button"
          >
            {t('transfer.exportButton')}
          </button>
        </span>
        <span className="toolbar-spacer" />
        <BasemapButton onClick={() => setShowBasemap(true)} disabled={!state} /* basemap settings */ />
        <button
          type="button"
          onClick={() => void setLanguage(language === 'zh' ? 'en' : 'zh')}
          title={t('toolbar.languageTitle')}
          data-testid="language-switch"
        >
          {t('toolbar.language')}
        </button>
      </header>

      <aside className="left-panel">
        {division && figures ? (
          <DivisionTree
            division={division}
            figures={figures}
            ruleSet={ruleSet}
            selectedGridId={selectedGridId}
            onShowCommunity={showCommunity}
            onSelectGrid={selectFromTree}
          />
        ) : (
          <p className="empty-state">{busy ?? t('status.loading')}</p>
        )}
      </aside>

      <main className="centre">
        {division && figures && state ? (
          <MapView
            division={division}
            figures={figures.grids}
            projectId={state.projectId}
            selectedGridId={selectedGridId}
            onSelectGrid={edit.clickGrid}
            onCursor={setCursor}
            {...edit.mapProps}
            focus={focus}
            issues={validation.issues}
            problems={problems}
            selectedIssue={selectedIssue}
            basemap={basemap.settings} /* basemap settings */
          />
        ) : (
          <div className="map-view" />
        )}
        {(edit.tool !== 'select' || edit.live) && (
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
        )}
      </main>

      <aside className="right-panel">
        <div className="tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'attributes'}
            onClick={() => setTab('attributes')}
          >
            {t('panel.attributes')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'issues'} onClick={() => setTab('issues')}>
            {t('panel.issues')}
            {validation.issues.length > 0 && <span className="tab-badge">{validation.issues.length}</span>}
          </button>
        </div>
        <div className="tab-body">
          {edit.tool === 'fill-gap' && division && (
            <GapPanel
              division={division}
              community={
                [...division.community.values()].find((c) => c.code === selectedGrid?.parentCode) ?? null
              }
              onCommit={(result, title) => void edit.commit(result, title)}
              onShow={(at) => setFocus((f) => ({ at, request: (f?.request ?? 0) + 1 }))}
            />
          )}
          {tab === 'attributes' && division && edit.tool !== 'fill-gap' && (
            <AttributePanel
              division={division}
              grid={selectedGrid}
              figure={selectedGrid ? figures?.grids.get(selectedGrid.id) : undefined}
              live={edit.live && edit.live.gridId === selectedGrid?.id ? edit.live : null}
              ruleSet={ruleSet}
              onChange={(change) => void applyChange(change)}
            />
          )}
          {tab === 'issues' && (
            <IssuesPanel
              validation={validation}
              language={language}
              selectedKey={selectedIssue?.key ?? null}
              diagnostics={validator.diagnostics()}
              onSelect={(issue) => {
                setSelectedIssue(issue);
                if (issue.layer === 'grid' && issue.ids.length === 1) setSelectedGridId(issue.ids[0]!);
              }}
            />
          )}
        </div>
      </aside>

      {figures && (
        <StatusBar
          gridCount={division?.grid.size ?? 0}
          figures={figures}
          errors={validation.checked ? validation.issues.filter((i) => i.severity === 'error').length : null}
          warnings={
            validation.checked ? validation.issues.filter((i) => i.severity === 'warning').length : null
          }
          activity={activity}
          checking={checking}
          cursor={cursor}
        />
      )}

      {showProjects && (
        <ProjectPanel
          projects={projects}
          currentId={state?.projectId ?? null}
          onClose={() => setShowProjects(false)}
          onOpen={(id) => void openProject(id)}
          onNew={() =>
            setDialog({
              kind: 'name',
              title: t('project.promptName'),
              initial: t('project.newDefaultName'),
              then: (name) => void createFrom(name, () => Promise.resolve(emptyDivision({ name }))),
            })
          }
          onLoadDemo={() => void createFrom(t('project.demoName'), loadDemoDivision)}
          onRename={(project) =>
            setDialog({
              kind: 'name',
              title: t('project.promptName'),
              initial: project.name,
              then: (name) =>
                void store
                  .renameProject(project.id, name)
                  .then(refreshProjects)
                  .catch((error: unknown) => reportError(t('messages.saveFailed'), error)),
            })
          }
          onDuplicate={(project) =>
            void store
              .duplicateProject(project.id, `${project.name}${t('project.copySuffix')}`)
              .then(refreshProjects)
              .catch((error: unknown) => reportError(t('messages.saveFailed'), error))
          }
          onDelete={(project) =>
            setDialog({
              kind: 'confirm',
              message: t('project.confirmDelete', { name: project.name }),
              confirmLabel: t('project.delete'),
              then: () =>
                void store
                  .deleteProject(project.id)
                  .then(async () => {
                    if (project.id === state?.projectId) setSession(null);
                    await refreshProjects();
                  })
                  .catch((error: unknown) => reportError(t('messages.saveFailed'), error)),
            })
          }
        />
      )}

      {/* import/export dialogs */}
      {transfer === 'import' && (
        <ImportDialog
          language={language}
          hasProject={!!state}
          loadRemembered={() =>
            state ? store.getSetting(state.projectId, MAPPING_SETTING) : Promise.resolve(undefined)
          }
          saveRemembered={(value) =>
            state ? store.setSetting(state.projectId, MAPPING_SETTING, value) : Promise.resolve()
          }
          onImportLayer={importLayer}
          onImportDivision={importDivision}
          onClose={() => setTransfer(null)}
        />
      )}
      {transfer === 'export' && division && (
        <ExportDialog
          division={division}
          language={language}
          saveGeoJson={saveProjectFile}
          onDone={(title, lines, failed) => setNotice({ kind: failed ? 'error' : 'info', title, lines })}
          onClose={() => setTransfer(null)}
        />
      )}
      {/* basemap settings */}
      {showBasemap && state && (
        <BasemapSettingsDialog
          language={language}
          current={basemap.settings}
          onSave={basemap.save}
          onClose={() => setShowBasemap(false)}
        />
      )}
      {dialog?.kind === 'name' && (
        <NameDialog
          title={dialog.title}
          initial={dialog.initial}
          onDone={(name) => {
            setDialog(null);
            if (name) dialog.then(name);
          }}
        />
      )}
      {dialog?.kind === 'confirm' && (
        <ConfirmDialog
          message={dialog.message}
          confirmLabel={dialog.confirmLabel}
          onDone={(confirmed) => {
            setDialog(null);
            if (confirmed) dialog.then();
          }}
        />
      )}

      {(notice ?? state?.failure) && (
        <div className={`notice ${notice?.kind ?? 'error'}`} role="alert" data-testid="notice">
          <strong>{notice ? notice.title : t('messages.saveFailed')}</strong>
          <ul>
            {(notice ? notice.lines : [state!.failure!.message]).map((line, index) => (
              <li key={index}>{typeof line === 'string' ? line : say(line)}</li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => {
              setNotice(null);
              session?.dismissFailure();
            }}
          >
            {t('messages.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
