import { EditorSession } from '../editor/editor-session';
import { announceSaved, onSavedElsewhere } from '../platform/project-channel';
import { acquireProjectLock } from '../platform/project-lock';
import type { ProjectLock } from '../platform/project-lock';
import type { ProjectStore } from '../storage/project-store';

/** An open project shared safely with other windows; `dispose` when another project opens. */
export interface SharedProject {
  readonly session: EditorSession;
  dispose(): void;
}

/**
 * Opens a project for this window. The window that holds the project's lock edits it and tells the
 * others after every save; a window without the lock gets a read-only session that reloads whenever the
 * editor saves and becomes editable when the lock comes free (the editor closed or opened another
 * project). `replace` receives each new session. Writes are still checked against the stored revision,
 * so a browser without Web Locks cannot overwrite another window's edits either.
 */
export async function openSharedProject(
  store: ProjectStore,
  projectId: string,
  replace: (session: EditorSession) => void,
): Promise<SharedProject> {
  let disposed = false;
  let lock: ProjectLock | undefined = await acquireProjectLock(projectId);
  let stopAnnouncing: () => void = () => undefined;

  const load = async (editable: boolean): Promise<EditorSession> => {
    const loaded = await store.loadProject(projectId);
    const session = new EditorSession(
      projectId,
      loaded.division,
      { undo: loaded.undo, redo: loaded.redo },
      store,
      { readOnly: !editable, revision: loaded.revision },
    );
    stopAnnouncing();
    stopAnnouncing = editable
      ? session.onApplied(() => announceSaved({ projectId, revision: session.getState().revision }))
      : () => undefined;
    return session;
  };

  let current = await load(lock.editable);
  const swap = async (editable: boolean): Promise<void> => {
    if (disposed) return;
    const next = await load(editable);
    if (disposed) return;
    current = next;
    replace(next);
  };

  const stopListening = onSavedElsewhere((saved) => {
    const state = current.getState();
    if (saved.projectId === projectId && state.readOnly && saved.revision > state.revision) {
      void swap(false).catch(() => undefined);
    }
  });
  if (!lock.editable) {
    void lock.whenEditable.then(() => swap(true)).catch(() => undefined);
  }

  return {
    session: current,
    dispose() {
      disposed = true;
      stopListening();
      stopAnnouncing();
      lock?.release();
      lock = undefined;
    },
  };
}
