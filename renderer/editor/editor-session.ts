import type { Change, Division, HistoryOp, Problem } from '../../shared/model';
import { applyChange, isEmptyChange, text } from '../../shared/model';

/**
 * Where edits are written. The Dexie project store implements it; so can a test double. `commit` writes
 * only when the stored revision is `expectedRevision` (another window has not written since) and
 * resolves to the new revision; a stale write is refused.
 */
export interface EditPersistence {
  commit(projectId: string, change: Change, op: HistoryOp, expectedRevision?: number): Promise<number | void>;
}

/** What the UI renders from. Replaced as a whole on every change, so React can compare identities. */
export interface SessionState {
  readonly projectId: string;
  readonly division: Division;
  readonly undo: readonly Change[];
  readonly redo: readonly Change[];
  /** True while a write is under way. */
  readonly saving: boolean;
  /** The last failed write, kept until the user dismisses it. The document is as before that write. */
  readonly failure: Problem | null;
  /** The note of the last change that was saved, for the status bar. */
  readonly lastNote: string | null;
  /**
   * True when another window is editing this project: this one shows it (and follows its edits) but
   * every edit, undo and redo is refused with a message saying why.
   */
  readonly readOnly: boolean;
  /**
   * True while the project's census points are still being read: the document holds the areas and an
   * empty census, to be shown and selected from, and every edit, undo and redo is refused (a session
   * with the census takes this one's place). Nothing may count, export or store from such a document.
   */
  readonly censusLoading: boolean;
  /** The stored revision this session's document is at (see {@link EditPersistence}). */
  readonly revision: number;
}

/** Entries kept on each history stack in memory; the store bounds its own copy the same way. */
export const HISTORY_LIMIT = 500;

/** The planner's message of a failed write: the store's errors carry one as `problem`. */
function problemOf(error: unknown): Problem {
  if (typeof error === 'object' && error !== null && 'problem' in error) {
    return (error as { problem: Problem }).problem;
  }
  return {
    kind: 'unknown',
    message: text(
      '保存失败：本次修改未保存，之前的数据完好。请重试。',
      'Saving failed: this change was not saved and the previous data is intact. Try again.',
    ),
  };
}

const READ_ONLY: Problem = {
  kind: 'read-only',
  message: text(
    '此项目正在另一个窗口中编辑，本窗口只读：修改未保存。请在那个窗口中编辑，或关闭它后本窗口会自动变为可编辑。',
    'This project is being edited in another window, so this one is read-only: the change was not saved. Edit it in that window, or close it and this one becomes editable by itself.',
  ),
};

const CENSUS_LOADING: Problem = {
  kind: 'census-loading',
  message: text(
    '正在读取人口点，修改未保存：请稍候片刻再编辑。',
    'The census points are still being read, so the change was not saved: edit again in a moment.',
  ),
};

/** Why a change computed off the main thread was not applied: the document changed in the meantime. */
export const CHANGED_MEANWHILE: Problem = {
  kind: 'changed-meanwhile',
  message: text(
    '计算期间文档已更改（例如撤销，或另一个窗口的修改），本次修改未应用，数据完好：请重新操作一次。',
    'The document changed while this edit was being computed (an undo, or an edit from another window), so it was not applied and the data is intact: do it again.',
  ),
};

/**
 * The document being edited and its undo/redo history. Every edit is written through the persistence
 * first and shown only when the write succeeded, so what the planner sees is always what is stored; a
 * failed write leaves the document as it was and reports the failure. Edits are queued in order.
 */
export class EditorSession {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private readonly appliedListeners = new Set<
    (change: Change, division: Division, before: Division) => void
  >();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    projectId: string,
    division: Division,
    history: { undo: readonly Change[]; redo: readonly Change[] },
    private readonly persistence: EditPersistence,
    options: {
      readonly readOnly?: boolean;
      readonly revision?: number;
      /** The division's census is still being read (see {@link SessionState.censusLoading}). */
      readonly censusLoading?: boolean;
    } = {},
  ) {
    this.state = {
      projectId,
      division,
      undo: history.undo,
      redo: history.redo,
      saving: false,
      failure: null,
      lastNote: null,
      readOnly: options.readOnly ?? false,
      censusLoading: options.censusLoading ?? false,
      revision: options.revision ?? 0,
    };
  }

  /** The current state (a stable object between changes). */
  readonly getState = (): SessionState => this.state;

  /** Calls the listener after every change of state; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Calls the listener with every change once it is stored and shown (edits, undos and redos alike),
   * so that derived work such as validation can follow incrementally (`before` is the document the change
   * was applied to). Returns the unsubscribe function.
   */
  readonly onApplied = (
    listener: (change: Change, division: Division, before: Division) => void,
  ): (() => void) => {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  };

  /** Applies an edit and records its inverse for undo. Resolves false when the write failed. */
  apply(change: Change): Promise<boolean> {
    if (isEmptyChange(change)) return Promise.resolve(true);
    return this.enqueue(() => this.run(change, 'edit'));
  }

  /**
   * Applies an edit computed on `base` (in a worker, say) only if the document is still `base` when its
   * turn in the queue comes; otherwise nothing is applied and it resolves 'stale'.
   */
  applyOn(base: Division, change: Change): Promise<'applied' | 'failed' | 'stale'> {
    return this.enqueue(async () => {
      // Refused for what the session is (read-only, census being read) before it is called stale.
      if (this.state.readOnly || this.state.censusLoading)
        return (await this.run(change, 'edit')) ? ('applied' as const) : ('failed' as const);
      if (this.state.division !== base) return 'stale' as const;
      if (isEmptyChange(change)) return 'applied' as const;
      return (await this.run(change, 'edit')) ? ('applied' as const) : ('failed' as const);
    });
  }

  /** Undoes the last edit. Resolves false when there was nothing to undo or the write failed. */
  undo(): Promise<boolean> {
    return this.enqueue(() => {
      const top = this.state.undo.at(-1);
      return top ? this.run(top, 'undo') : Promise.resolve(false);
    });
  }

  /** Redoes the last undone edit. */
  redo(): Promise<boolean> {
    return this.enqueue(() => {
      const top = this.state.redo.at(-1);
      return top ? this.run(top, 'redo') : Promise.resolve(false);
    });
  }

  /** Clears the failure message after the user has read it. */
  dismissFailure(): void {
    this.set({ ...this.state, failure: null });
  }

  /** Resolves when every queued edit has been written (or has failed). */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async run(change: Change, kind: HistoryOp['kind']): Promise<boolean> {
    if (this.state.readOnly || this.state.censusLoading) {
      this.set({ ...this.state, failure: this.state.censusLoading ? CENSUS_LOADING : READ_ONLY });
      return false;
    }
    const before = this.state.division;
    const applied = applyChange(before, change);
    this.set({ ...this.state, saving: true });
    let revision = this.state.revision + 1;
    try {
      const stored = await this.persistence.commit(
        this.state.projectId,
        change,
        { kind, inverse: applied.inverse },
        this.state.revision,
      );
      if (typeof stored === 'number') revision = stored;
    } catch (error) {
      this.set({ ...this.state, saving: false, failure: problemOf(error) });
      return false;
    }
    const bounded = (stack: readonly Change[]): readonly Change[] =>
      stack.length > HISTORY_LIMIT ? stack.slice(stack.length - HISTORY_LIMIT) : stack;
    const { undo, redo } = this.state;
    const history =
      kind === 'edit'
        ? { undo: bounded([...undo, applied.inverse]), redo: [] }
        : kind === 'undo'
          ? { undo: undo.slice(0, -1), redo: bounded([...redo, applied.inverse]) }
          : { undo: bounded([...undo, applied.inverse]), redo: redo.slice(0, -1) };
    this.set({
      ...this.state,
      ...history,
      division: applied.division,
      saving: false,
      failure: null,
      lastNote: change.note,
      revision,
    });
    for (const listener of this.appliedListeners) listener(change, applied.division, before);
    return true;
  }

  private set(next: SessionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
