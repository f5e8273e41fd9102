import { EditorSession } from '../editor/editor-session';
import { announceSaved, onSavedElsewhere } from '../platform/project-channel';
import { acquireProjectLock } from '../platform/project-lock';
import type { ProjectLock } from '../platform/project-lock';
import type { LoadedProject, ProjectStore } from '../storage/project-store';

/** An open project shared safely with other windows; `dispose` when another project opens. */
export interface SharedProject {
  /** The first session: the project's areas, its census still to be read (`censusLoading`). */
  readonly session: EditorSession;
  /**
   * Reads the census points of the first session and gives `replace` the session with them (once;
   * later calls share the first). Resolves when that is done, or at once when a session with the census
   * has already taken the first one's place; rejects when the read failed.
   */
  loadCensus(): Promise<void>;
  /** The project opened. */
  readonly projectId: string;
  /**
   * Ends this opening. The lock is given back once the edits already queued are written: given back at
   * once, it would let a waiting window read the project before them and then find its own edits stale.
   */
  dispose(): void;
  /** Resolves when the edits queued in this opening's current session are written (or have failed). */
  idle(): Promise<void>;
  /**
   * Disposes of this opening but keeps the project's lock (held or queued for) and returns it, for an
   * opening of the same project in this window (a rule-set change, a restored version): given back and
   * taken again, the lock would go to another window waiting for it and leave this one read-only.
   */
  handOverLock(): ProjectLock | undefined;
}

/**
 * Opens a project for this window. The window that holds the project's lock edits it and tells the
 * others after every save; a window without the lock gets a read-only session that reloads whenever the
 * editor saves and becomes editable when the lock comes free (the editor closed or opened another
 * project). `replace` receives each new session. Writes are still checked against the stored revision,
 * so a browser without Web Locks cannot overwrite another window's edits either.
 *
 * The first session holds the areas without the census points (a million of them take most of the
 * read): the map can draw the project and answer clicks while they are read. `loadCensus` reads them,
 * when the caller chooses (the window: once the map has drawn the project), into a session that takes the
 * first one's place. Until then nothing can be edited (see `SessionState.censusLoading`).
 */
export async function openSharedProject(
  store: ProjectStore,
  projectId: string,
  replace: (session: EditorSession) => void,
  /** The lock of this project handed over by the window's previous opening of it (see handOverLock). */
  handedOver?: ProjectLock,
): Promise<SharedProject> {
  let disposed = false;
  let lock: ProjectLock | undefined = handedOver ?? (await acquireProjectLock(projectId));
  /** Whether this window edits the project: it holds the lock (it may come free later). */
  let editable = lock.editable;
  let stopAnnouncing: () => void = () => undefined;

  const sessionOf = (
    loaded: Pick<LoadedProject, 'division' | 'undo' | 'redo' | 'revision'>,
    censusLoading: boolean,
  ): EditorSession =>
    new EditorSession(projectId, loaded.division, { undo: loaded.undo, redo: loaded.redo }, store, {
      readOnly: !editable,
      revision: loaded.revision,
      censusLoading,
    });
  /** Makes `session` the current one: it tells the other windows of its saves when this one edits. */
  const install = (session: EditorSession): void => {
    current = session;
    stopAnnouncing();
    stopAnnouncing = session.getState().readOnly
      ? () => undefined
      : session.onApplied(() => announceSaved({ projectId, revision: session.getState().revision }));
  };

  let areas: Awaited<ReturnType<ProjectStore['loadProjectAreas']>>;
  try {
    areas = await store.loadProjectAreas(projectId);
  } catch (error) {
    // Nobody will dispose of an opening that failed: its lock (perhaps handed over) is given back here.
    lock.release();
    throw error;
  }
  const first = sessionOf(areas, true);
  let current = first;
  install(first);
  /** Loads the project whole and installs it, unless a later load or a dispose came first. */
  let loads = 0;
  const swap = async (): Promise<void> => {
    if (disposed) return;
    const load = ++loads;
    const next = sessionOf(await store.loadProject(projectId), false);
    if (disposed || load !== loads) return;
    install(next);
    replace(next);
  };

  let censusRead: Promise<void> | undefined;
  const readCensus = async (): Promise<void> => {
    // A whole load (the lock came free, another window saved) already took the first session's place.
    if (disposed || current !== first) return;
    let census: Awaited<ReturnType<ProjectStore['loadCensus']>>;
    try {
      census = await store.loadCensus(projectId, first.getState().revision);
    } catch (error) {
      // Failed for a session nobody shows any more: nothing to report.
      if (disposed || current !== first) return;
      throw error;
    }
    if (disposed || current !== first) return;
    // Written since the areas were read: the areas shown are not the stored ones any more.
    if (census === undefined) return swap();
    const state = first.getState();
    const next = sessionOf({ ...state, division: { ...state.division, census } }, false);
    install(next);
    replace(next);
  };

  // Another window saved: a read-only window shows it. So does an editing window with nothing being
  // saved, which happens only where two windows edit at once (a browser without Web Locks): its next
  // edit would otherwise be refused as stale.
  const stopListening = onSavedElsewhere((saved) => {
    const state = current.getState();
    if (saved.projectId !== projectId) return;
    if (saved.revision <= state.revision && !(saved.metaChanged && state.readOnly)) return;
    if (state.readOnly || !state.saving) void swap().catch(() => undefined);
  });
  if (!lock.editable) {
    void lock.whenEditable
      .then(() => {
        editable = true;
        return swap();
      })
      .catch(() => undefined);
  }

  function dispose(): void {
    disposed = true;
    stopListening();
    const kept = lock;
    lock = undefined;
    // Until its queued edits are written this window stays the editor, and tells the others of them.
    const stop = stopAnnouncing;
    void current.idle().finally(() => {
      stop();
      kept?.release();
    });
  }

  return {
    session: first,
    loadCensus() {
      censusRead ??= readCensus();
      return censusRead;
    },
    projectId,
    dispose,
    idle: () => current.idle(),
    handOverLock() {
      const kept = lock;
      lock = undefined;
      dispose();
      return kept;
    },
  };
}
