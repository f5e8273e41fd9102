import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Division, ReferenceLayer } from '../../shared/model';
import type { EditorSession } from '../editor/editor-session';
import type { SessionState } from '../editor/editor-session';
import type { ProjectStore, ProjectSummary } from '../storage/project-store';
import { initialProjectId, rememberProject } from './last-project';
import { openSharedProject } from './open-shared-project';
import { useLeaveGuard } from './use-leave-guard';
import type { SharedProject } from './open-shared-project';
import type { ProjectLock } from '../platform/project-lock';
import type { Notices } from './use-notices';

/** The project list, the open project's editor session and what can be done with projects. */
export interface ProjectSession {
  readonly store: ProjectStore;
  readonly projects: readonly ProjectSummary[];
  readonly session: EditorSession | null;
  /** The session's state (null when no project is open); replaced as a whole on every change. */
  readonly state: SessionState | null;
  /** The summary of the open project in the list. */
  readonly current: ProjectSummary | undefined;
  /** What the app is busy with (loading), shown in the status bar; null when idle. */
  readonly busy: string | null;
  readonly showProjects: boolean;
  readonly setShowProjects: (show: boolean | ((shown: boolean) => boolean)) => void;
  readonly refreshProjects: () => Promise<void>;
  readonly openProject: (id: string) => Promise<void>;
  /**
   * Reads the census points of the project just opened, whose session `of` shows the areas meanwhile
   * (`SessionState.censusLoading`); a session with them takes its place. Nothing when `of` is no longer
   * the open project's first session. Reports a failed read.
   */
  readonly loadCensus: (of: EditorSession) => void;
  /** The census points of the project just opened could not be read (it cannot be edited: reopen it). */
  readonly censusFailed: boolean;
  /**
   * Makes a project (with reference layers to store beside it) and opens it; resolves false when it was
   * not made (the error is reported). A failure leaves no half-made project in the list.
   */
  readonly createFrom: (
    name: string,
    make: () => Promise<Division>,
    references?: readonly ReferenceLayer[],
  ) => Promise<boolean>;
  readonly renameProject: (project: ProjectSummary, name: string) => void;
  readonly duplicateProject: (project: ProjectSummary) => void;
  readonly deleteProject: (project: ProjectSummary) => void;
}

function useSessionState(session: EditorSession | null): SessionState | null {
  const subscribe = useCallback(
    (listener: () => void) => session?.subscribe(listener) ?? (() => undefined),
    [session],
  );
  return useSyncExternalStore(subscribe, () => session?.getState() ?? null);
}

/**
 * Projects and the open one: opens the project used last at start, keeps the list's counts and times in
 * step with saved edits, and reports failures through the notices. `onOpened` runs when a project opens
 * (the selection of the previous one no longer means anything).
 */
export function useProjectSession(
  store: ProjectStore,
  initialProjects: readonly ProjectSummary[],
  notices: Notices,
  onOpened: () => void,
): ProjectSession {
  const { t } = useTranslation();
  const { reportError } = notices;
  const [projects, setProjects] = useState(initialProjects);
  const [session, setSession] = useState<EditorSession | null>(null);
  useLeaveGuard(session);
  const [startId] = useState(() => initialProjectId(initialProjects));
  const [showProjects, setShowProjects] = useState(startId === null);
  const [busy, setBusy] = useState<string | null>(null);
  const state = useSessionState(session);
  // The open project's lock and channel (one editor per project across windows).
  const shared = useRef<SharedProject | null>(null);
  const openings = useRef(0);
  useEffect(() => () => shared.current?.dispose(), []);

  const refreshProjects = useCallback(async () => setProjects(await store.listProjects()), [store]);

  const [censusFailed, setCensusFailed] = useState(false);
  const loadCensus = useCallback(
    (of: EditorSession) => {
      const opened = shared.current;
      if (!opened || opened.session !== of) return;
      opened.loadCensus().catch((error: unknown) => {
        if (shared.current !== opened) return;
        setCensusFailed(true);
        reportError(t('messages.censusLoadFailed'), error);
      });
    },
    [reportError, t],
  );

  const openProject = useCallback(
    async (id: string) => {
      setBusy(t('status.loading'));
      try {
        // Only the latest opening counts: an earlier one still loading gives its lock back, or it
        // would keep this window as the editor of a project it no longer shows.
        const token = ++openings.current;
        // The same project opened again keeps this window's place as its editor (or in the queue).
        const previous = shared.current;
        let lock: ProjectLock | undefined;
        if (previous?.projectId === id) lock = previous.handOverLock();
        else previous?.dispose();
        shared.current = null;
        setCensusFailed(false);
        // Read the project after the edits still being saved (a rule-set change just after an edit).
        await previous?.idle();
        const opened = await openSharedProject(store, id, setSession, lock);
        if (token !== openings.current) {
          opened.dispose();
          return;
        }
        shared.current = opened;
        setSession(opened.session);
        onOpened();
        rememberProject(id);
        setShowProjects(false);
      } catch (error) {
        reportError(t('messages.importFailed'), error);
      } finally {
        setBusy(null);
      }
    },
    [store, t, reportError, onOpened],
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

  const createFrom = async (
    name: string,
    make: () => Promise<Division>,
    references: readonly ReferenceLayer[] = [],
  ): Promise<boolean> => {
    setBusy(t('status.loading'));
    try {
      const made = await make();
      const summary = await store.createProject({ ...made, meta: { ...made.meta, name } });
      try {
        for (const layer of references) await store.putReferenceLayer(summary.id, layer);
      } catch (error) {
        // The project is one transaction, its reference layers others: a failed layer takes it back out.
        await store.deleteProject(summary.id).catch(() => undefined);
        throw error;
      }
      await refreshProjects();
      await openProject(summary.id);
      return true;
    } catch (error) {
      reportError(t('messages.saveFailed'), error);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const saveFailed = (error: unknown): void => reportError(t('messages.saveFailed'), error);
  const renameProject = (project: ProjectSummary, name: string): void =>
    void store.renameProject(project.id, name).then(refreshProjects).catch(saveFailed);
  const duplicateProject = (project: ProjectSummary): void =>
    void store
      .duplicateProject(project.id, `${project.name}${t('project.copySuffix')}`)
      .then(refreshProjects)
      .catch(saveFailed);
  const deleteProject = (project: ProjectSummary): void =>
    void store
      .deleteProject(project.id)
      .then(async () => {
        // The project open when the deletion is done (another may have been opened meanwhile).
        if (project.id === shared.current?.session.getState().projectId) {
          // Nothing of it may come back: a load or census read under way is let go with it.
          openings.current++;
          shared.current?.dispose();
          shared.current = null;
          setSession(null);
          // The window shows no project now: the list says what there is to open or create.
          setShowProjects(true);
        }
        await refreshProjects();
      })
      .catch(saveFailed);

  return {
    store,
    projects,
    session,
    state,
    current: projects.find((p) => p.id === state?.projectId),
    busy,
    showProjects,
    setShowProjects,
    refreshProjects,
    openProject,
    loadCensus,
    censusFailed,
    createFrom,
    renameProject,
    duplicateProject,
    deleteProject,
  };
}
