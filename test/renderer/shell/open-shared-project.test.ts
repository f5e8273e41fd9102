import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as projectLock from '../../../renderer/platform/project-lock';
import { applyChange, change } from '../../../shared/model';
import type { EditorSession } from '../../../renderer/editor/editor-session';
import { announceSaved } from '../../../renderer/platform/project-channel';
import { openSharedProject } from '../../../renderer/shell/open-shared-project';
import { openProjectStore } from '../../../renderer/storage/project-store';
import { freshDatabaseName, freshStore, grid, sampleDivision } from '../storage/storage-fixtures';

/** Web Locks as the browser keeps them: one holder per name, the others queued in order. */
function webLocks() {
  const holders = new Map<string, { queue: Array<() => void> }>();
  const locks = {
    request(
      name: string,
      options: { ifAvailable?: boolean; signal?: AbortSignal },
      callback: (lock: unknown) => Promise<void>,
    ): Promise<void> {
      const entry = holders.get(name);
      if (entry && options.ifAvailable) return callback(null);
      const run = (): Promise<void> =>
        callback({ name }).finally(() => {
          const next = holders.get(name)!.queue.shift();
          if (next) next();
          else holders.delete(name);
        });
      if (!entry) {
        holders.set(name, { queue: [] });
        return run();
      }
      return new Promise<void>((resolve, reject) => {
        const start = (): void => void run().then(resolve, reject);
        entry.queue.push(start);
        options.signal?.addEventListener('abort', () => {
          entry.queue.splice(entry.queue.indexOf(start), 1);
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    },
  };
  return { locks, holders };
}

/**
 * Two windows (two connections to one database) with the same project open and its census read; with Web
 * Locks stubbed, A (opened first) edits and B waits for the lock.
 */
async function twoWindows(label: string) {
  const name = freshDatabaseName(label);
  const windowA = await openProjectStore(name);
  const windowB = await openProjectStore(name);
  const { id } = await windowA.createProject(sampleDivision(4));
  const sessions: { a?: EditorSession; b?: EditorSession } = {};
  const a = await openSharedProject(windowA, id, (session) => (sessions.a = session));
  const b = await openSharedProject(windowB, id, (session) => (sessions.b = session));
  await a.loadCensus();
  await b.loadCensus();
  return {
    windowA,
    id,
    sessionA: () => sessions.a!,
    sessionB: () => sessions.b!,
    close: () => {
      a.dispose();
      b.dispose();
      windowA.close();
      windowB.close();
    },
  };
}

/** Opens the project and records every session given to `replace`. */
async function opened(label: string, censusCount = 12) {
  const store = await freshStore(label);
  const division = sampleDivision(censusCount);
  const { id } = await store.createProject(division);
  const replaced: EditorSession[] = [];
  const project = await openSharedProject(store, id, (session) => replaced.push(session));
  return { store, division, id, project, replaced };
}

describe('openSharedProject', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('opens the areas first, then the census into a session that takes their place', async () => {
    const { store, division, project, replaced } = await opened('areas-first');
    const first = project.session.getState();
    expect(first.censusLoading).toBe(true);
    expect(first.division.census.size).toBe(0);
    expect(first.division.grid).toEqual(division.grid);

    await Promise.all([project.loadCensus(), project.loadCensus()]);
    expect(replaced).toHaveLength(1);
    const full = replaced[0]!.getState();
    expect(full.censusLoading).toBe(false);
    expect(full.readOnly).toBe(false);
    expect(full.division).toEqual(division);
    // The same grids: the map is not sent them again.
    expect(full.division.grid).toBe(first.division.grid);
    expect(full.revision).toBe(first.revision);
    // The session with the census edits.
    expect(await replaced[0]!.apply(change('改名', [grid(1, { name: '新名' })]))).toBe(true);
    project.dispose();
    store.close();
  });

  it('reads the project whole again when it was written after its areas were read', async () => {
    const { store, id, project, replaced } = await opened('written-since');
    // Another window's edit, stored between the two reads.
    await store.commit(id, change('改名', [grid(1, { name: '别处改的' })]), {
      kind: 'edit',
      inverse: change('改名', [grid(1)]),
    });
    await project.loadCensus();
    expect(replaced).toHaveLength(1);
    const full = replaced[0]!.getState();
    expect(full.censusLoading).toBe(false);
    expect(full.division.grid.get('g1')?.name).toBe('别处改的');
    expect(full.division.census.size).toBe(12);
    expect(full.revision).toBe(1);
    project.dispose();
    store.close();
  });

  it('ends editable when the lock comes free while the census is read (the whole load wins)', async () => {
    let free: () => void = () => undefined;
    const whenEditable = new Promise<void>((resolve) => (free = resolve));
    vi.spyOn(projectLock, 'acquireProjectLock').mockResolvedValue({
      editable: false,
      whenEditable,
      release: () => undefined,
    });
    const { store, project, replaced } = await opened('lock-during-read');
    expect(project.session.getState().readOnly).toBe(true);
    const reading = project.loadCensus();
    free();
    await reading;
    // Let the whole load started by the lock finish.
    await vi.waitFor(() => expect(replaced.at(-1)?.getState().readOnly).toBe(false));
    const last = replaced.at(-1)!.getState();
    expect(last.censusLoading).toBe(false);
    expect(last.division.census.size).toBe(12);
    // No read-only session was given after the editable one.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(replaced.at(-1)!.getState().readOnly).toBe(false);
    project.dispose();
    store.close();
  });

  it('gives its lock back when the areas cannot be read (nobody disposes of a failed opening)', async () => {
    const release = vi.fn();
    const lock = { editable: true, whenEditable: Promise.resolve(), release };
    const { store, id, project } = await opened('failed-reopen');
    project.dispose();
    vi.spyOn(store, 'loadProjectAreas').mockRejectedValue(new Error('IndexedDB gone'));
    await expect(openSharedProject(store, id, () => undefined, lock)).rejects.toThrow('IndexedDB gone');
    expect(release).toHaveBeenCalledTimes(1);
    store.close();
  });

  it('gives nothing once disposed (another project opened meanwhile)', async () => {
    const { store, project, replaced } = await opened('disposed');
    const reading = project.loadCensus();
    project.dispose();
    await reading;
    expect(replaced).toEqual([]);
    store.close();
  });

  it('keeps the lock when this window opens the same project again, while another window waits', async () => {
    const { locks, holders } = webLocks();
    vi.stubGlobal('navigator', { ...globalThis.navigator, locks });
    const { store, id, project } = await opened('reopen-keeps-lock');
    expect(project.session.getState().readOnly).toBe(false);
    // Another window opens the project: read-only, queued for the lock.
    const otherSessions: EditorSession[] = [];
    const other = await openSharedProject(store, id, (session) => otherSessions.push(session));
    expect(other.session.getState().readOnly).toBe(true);

    // This window opens it again (a rule-set change reopens it): still the editor.
    const again = await openSharedProject(store, id, () => undefined, project.handOverLock());
    expect(again.session.getState().readOnly).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(holders.get(`gridplan-project-${id}`)?.queue).toHaveLength(1);

    expect(otherSessions).toEqual([]);

    // Given back, the lock goes to the waiting window, which becomes the editor; a new opening here
    // (what reopening did before) is read-only.
    again.dispose();
    await vi.waitFor(() => expect(otherSessions.at(-1)?.getState().readOnly).toBe(false));
    const fresh = await openSharedProject(store, id, () => undefined);
    expect(fresh.session.getState().readOnly).toBe(true);
    fresh.dispose();
    // The lock the other window waited for, handed over in its turn, says it is held now.
    const otherAgain = await openSharedProject(store, id, () => undefined, other.handOverLock());
    expect(otherAgain.session.getState().readOnly).toBe(false);
    otherAgain.dispose();
    store.close();
  });

  it('keeps the lock until its queued edits are written, so the next editor reads them and can edit', async () => {
    vi.stubGlobal('navigator', { ...globalThis.navigator, locks: webLocks().locks });
    const name = freshDatabaseName('lock-after-queue');
    const windowA = await openProjectStore(name);
    const windowB = await openProjectStore(name);
    const { id } = await windowA.createProject(sampleDivision(4));
    let sessionA: EditorSession | undefined;
    const a = await openSharedProject(windowA, id, (session) => (sessionA = session));
    await a.loadCensus();
    let sessionB: EditorSession | undefined;
    const b = await openSharedProject(windowB, id, (session) => (sessionB = session));
    expect(b.session.getState().readOnly).toBe(true);

    // A's first save is slow (a busy disk); the second edit waits behind it in A's queue.
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const commit = windowA.commit.bind(windowA);
    let calls = 0;
    vi.spyOn(windowA, 'commit').mockImplementation(async (...args) => {
      if (calls++ === 0) await gate;
      return commit(...args);
    });
    const first = sessionA!.apply(change('改名1', [grid(1, { name: 'A 的第一次修改' })]));
    const second = sessionA!.apply(change('改名2', [grid(2, { name: 'A 的第二次修改' })]));
    // The planner in A opens another project meanwhile.
    a.dispose();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sessionB?.getState().readOnly ?? true).toBe(true);

    open();
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    // Only now does B edit, from the project as A left it.
    await vi.waitFor(() => expect(sessionB?.getState().readOnly).toBe(false));
    expect(sessionB!.getState().division.grid.get('g2')?.name).toBe('A 的第二次修改');
    expect(await sessionB!.apply(change('B 画的', [grid(3, { name: 'B 的修改' })]))).toBe(true);
    expect(sessionB!.getState().failure).toBe(null);
    b.dispose();
    windowA.close();
    windowB.close();
  });

  it("shows another window's save in an editing window with nothing being saved (no Web Locks)", async () => {
    // Without Web Locks both windows edit; each announces its saves.
    vi.stubGlobal('navigator', { ...globalThis.navigator, locks: undefined });
    const { sessionA, sessionB, close } = await twoWindows('two-editors');
    expect(sessionB().getState().readOnly).toBe(false);
    expect(await sessionA().apply(change('A 改名', [grid(1, { name: 'A 的修改' })]))).toBe(true);
    // B reloads instead of refusing its next edit as stale.
    await vi.waitFor(() => expect(sessionB().getState().division.grid.get('g1')?.name).toBe('A 的修改'));
    expect(await sessionB().apply(change('B 改名', [grid(2, { name: 'B 的修改' })]))).toBe(true);
    close();
  });

  it('reads the project again in a read-only window when the editor changes its rule set', async () => {
    vi.stubGlobal('navigator', { ...globalThis.navigator, locks: webLocks().locks });
    const { windowA, id, sessionA, sessionB, close } = await twoWindows('rule-set-change');
    expect(sessionB().getState().readOnly).toBe(true);
    await windowA.updateMeta(id, { ruleSetId: 'changji' });
    announceSaved({ projectId: id, revision: sessionA().getState().revision, metaChanged: true });
    await vi.waitFor(() => expect(sessionB().getState().division.meta.ruleSetId).toBe('changji'));
    close();
  });

  it('reads a restored version in a read-only window, at the revision the restore announces', async () => {
    vi.stubGlobal('navigator', { ...globalThis.navigator, locks: webLocks().locks });
    const { windowA, id, sessionB, close } = await twoWindows('restore-announced');
    // What use-versions does on 恢复: replace the division, then announce the revision written.
    const restored = applyChange(sampleDivision(4), change('', [grid(1, { name: '恢复的名字' })])).division;
    const { revision } = await windowA.replaceDivision(id, restored, '恢复版本 1');
    announceSaved({ projectId: id, revision });
    await vi.waitFor(() => expect(sessionB().getState().division.grid.get('g1')?.name).toBe('恢复的名字'));
    expect(sessionB().getState().revision).toBe(revision);
    close();
  });
});
