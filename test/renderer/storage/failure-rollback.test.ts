import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Change, Division } from '../../../shared/model';
import { applyChange, change, divisionOf } from '../../../shared/model';
import type { LoadedProject, ProjectStore } from '../../../renderer/storage/project-store';
import type { StorageErrorKind } from '../../../renderer/storage/storage-error';
import { StorageError, isStorageError, toStorageError } from '../../../renderer/storage/storage-error';
import { censusPoint, censusPoints, freshStore, grid, sampleDivision } from './storage-fixtures';

/** Everything a planner could see of a project, minus lastOpenedAt (loading itself sets it). */
async function snapshot(
  store: ProjectStore,
  id: string,
): Promise<Omit<LoadedProject, 'summary'> & { updatedAt: number }> {
  const { summary, ...rest } = await store.loadProject(id);
  return { ...rest, updatedAt: summary.updatedAt };
}

/** Makes IndexedDB writes to one object store fail the way a full disk or an abort does. */
function failWritesTo(storeName: string, errorName: string): void {
  for (const method of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[method];
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === storeName) throw new DOMException('simulated failure', errorName);
      return original.apply(this, args);
    });
  }
}

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StorageError)) throw new Error(`expected a StorageError, got ${String(error)}`);
  return error;
}

async function projectWithHistory(
  label: string,
): Promise<{ store: ProjectStore; id: string; division: Division }> {
  const store = await freshStore(label, { censusChunkSize: 4 });
  const start = sampleDivision(10);
  const { id } = await store.createProject(start);
  const first = change('第一次编辑', [grid(1, { name: '一' })]);
  const applied = applyChange(start, first);
  await store.commit(id, first, { kind: 'edit', inverse: applied.inverse });
  return { store, id, division: applied.division };
}

/** A change touching the area layers and census chunks, so a failure late in the commit has undone work. */
function bigEdit(division: Division): { edit: Change; inverse: Change } {
  const edit = change(
    '大改动',
    [grid(2, { name: '二' }), grid(9), censusPoint(3, { households: 77 }), ...censusPoints(6, 500)],
    [
      { layer: 'grid', id: 'g3' },
      { layer: 'census', id: 'p0' },
    ],
  );
  return { edit, inverse: applyChange(division, edit).inverse };
}

describe('project store: a failed write changes nothing', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a full disk while writing the history rolls back the entity and census writes before it', async () => {
    const { store, id, division } = await projectWithHistory('quota');
    const before = await snapshot(store, id);
    const { edit, inverse } = bigEdit(division);

    failWritesTo('history', 'QuotaExceededError');
    const error = await rejection(store.commit(id, edit, { kind: 'edit', inverse }));
    vi.restoreAllMocks();

    expect(error.kind).toBe('quota');
    expect(error.problem).toEqual({
      kind: 'quota',
      message: {
        zh: '磁盘空间不足，保存失败：本次修改未保存，之前的数据完好。请释放磁盘空间后重试。',
        en: 'Not enough disk space, saving failed: This change was not saved; your earlier data is intact. Free some disk space and try again.',
      },
    });
    expect(await snapshot(store, id)).toEqual(before);

    // The store is still usable, and its cached census index was not fooled by the rolled-back write.
    await store.commit(id, edit, { kind: 'edit', inverse });
    expect((await store.loadProject(id)).division).toEqual(applyChange(division, edit).division);
    store.close();
  });

  it('an entity that cannot be stored (it holds a function) is refused and nothing changes', async () => {
    const { store, id, division } = await projectWithHistory('clone');
    const before = await snapshot(store, id);
    // `extra` is typed `unknown` per key, so TypeScript cannot stop this; IndexedDB's structured clone does.
    const broken = grid(4, { extra: { onClick: () => 'not data' } });
    const edit = change('坏数据', [censusPoint(1, { households: 50 }), broken]);

    const error = await rejection(
      store.commit(id, edit, { kind: 'edit', inverse: applyChange(division, edit).inverse }),
    );
    expect(error.kind).toBe('unknown');
    expect(error.problem.message.zh).toContain('本次修改未保存，之前的数据完好');
    expect(error.cause).toBeDefined();
    expect(await snapshot(store, id)).toEqual(before);
    store.close();
  });

  it('an inverse that cannot be stored fails the whole commit, census chunks included', async () => {
    const { store, id, division } = await projectWithHistory('clone-inverse');
    const before = await snapshot(store, id);
    const { edit, inverse } = bigEdit(division);
    const brokenInverse: Change = { ...inverse, put: [...inverse.put, grid(7, { extra: { f: () => 1 } })] };

    const error = await rejection(store.commit(id, edit, { kind: 'edit', inverse: brokenInverse }));
    expect(error.kind).toBe('unknown');
    expect(await snapshot(store, id)).toEqual(before);
    store.close();
  });

  it('an aborted transaction during undo leaves both stacks as they were', async () => {
    const { store, id, division } = await projectWithHistory('abort');
    const before = await snapshot(store, id);
    const top = before.undo.at(-1);
    if (!top) throw new Error('the fixture has one edit on the undo stack');

    failWritesTo('history', 'AbortError');
    const error = await rejection(
      store.commit(id, top, { kind: 'undo', inverse: applyChange(division, top).inverse }),
    );
    vi.restoreAllMocks();

    expect(error.kind).toBe('aborted');
    expect(error.problem.message.zh).toContain('保存被中断');
    expect(await snapshot(store, id)).toEqual(before);
    store.close();
  });

  it('a failed import or project creation leaves no trace', async () => {
    const { store, id } = await projectWithHistory('import');
    const before = await snapshot(store, id);
    const projectsBefore = await store.listProjects();
    const imported = divisionOf({ name: '导入', ruleSetId: 'zigong', extra: {} }, [
      grid(8),
      ...censusPoints(20, 100),
    ]);

    failWritesTo('censusChunks', 'QuotaExceededError');
    expect((await rejection(store.replaceDivision(id, imported, '导入'))).kind).toBe('quota');
    expect((await rejection(store.createProject(imported))).kind).toBe('quota');
    expect((await rejection(store.duplicateProject(id))).kind).toBe('quota');
    vi.restoreAllMocks();

    expect(await store.listProjects()).toEqual(projectsBefore);
    expect(await snapshot(store, id)).toEqual(before);
    store.close();
  });
});

describe('project store: reading on a full disk', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('still opens a project when recording lastOpenedAt fails', async () => {
    const { store, id, division } = await projectWithHistory('read-full-disk');
    failWritesTo('projects', 'QuotaExceededError');
    const loaded = await store.loadProject(id);
    vi.restoreAllMocks();
    expect(loaded.division).toEqual(division);
    expect(loaded.undo).toHaveLength(1);
    store.close();
  });
});

describe('storage errors', () => {
  it('classifies Dexie and DOM errors, looking through wrappers', () => {
    const kindOf = (error: unknown): StorageErrorKind => toStorageError(error, 'save').kind;
    expect(kindOf(new DOMException('x', 'QuotaExceededError'))).toBe('quota');
    // A full disk usually arrives as an AbortError whose inner error is the quota error.
    expect(
      kindOf(
        Object.assign(new Error('x'), {
          name: 'AbortError',
          inner: new DOMException('y', 'QuotaExceededError'),
        }),
      ),
    ).toBe('quota');
    expect(kindOf(Object.assign(new Error('x'), { name: 'DatabaseClosedError' }))).toBe('aborted');
    expect(kindOf(new TypeError('x'))).toBe('unknown');
    expect(kindOf('a string')).toBe('unknown');
    const notFound = new StorageError('not-found', 'load');
    expect(toStorageError(notFound, 'save')).toBe(notFound);
    expect(isStorageError(notFound, 'quota')).toBe(false);
    expect(notFound.text.en).toContain('not found');
    expect(notFound.message).toContain('找不到该项目');
  });
});
