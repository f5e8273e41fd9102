import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change, Division, Entity } from '../../../shared/model';
import { applyChange, change, countByLayer } from '../../../shared/model';
import type { HistoryOp, ProjectStore } from '../../../renderer/storage/project-store';
import { openProjectStore } from '../../../renderer/storage/project-store';
import { isStorageError } from '../../../renderer/storage/storage-error';
import {
  censusPoint,
  freshDatabaseName,
  freshStore,
  grid,
  restart,
  sampleDivision,
} from './storage-fixtures';

/**
 * What the editor keeps in memory, driven the way the editor session drives the store: compute
 * applyChange first, then commit the change with its inverse.
 */
class Editor {
  undo: Change[] = [];
  redo: Change[] = [];

  constructor(
    public division: Division,
    readonly projectId: string,
    readonly limit: number,
  ) {}

  async edit(store: ProjectStore, c: Change): Promise<void> {
    await this.#commit(store, c, 'edit');
  }

  async undoOnce(store: ProjectStore): Promise<void> {
    const top = this.undo.at(-1);
    if (top) await this.#commit(store, top, 'undo');
  }

  async redoOnce(store: ProjectStore): Promise<void> {
    const top = this.redo.at(-1);
    if (top) await this.#commit(store, top, 'redo');
  }

  async #commit(store: ProjectStore, c: Change, kind: HistoryOp['kind']): Promise<void> {
    const { division, inverse } = applyChange(this.division, c);
    await store.commit(this.projectId, c, { kind, inverse });
    this.division = division;
    const bound = (stack: Change[]): Change[] => stack.slice(Math.max(0, stack.length - this.limit));
    if (kind === 'edit') {
      this.undo = bound([...this.undo, inverse]);
      this.redo = [];
    } else if (kind === 'undo') {
      this.undo = this.undo.slice(0, -1);
      this.redo = bound([...this.redo, inverse]);
    } else {
      this.redo = this.redo.slice(0, -1);
      this.undo = bound([...this.undo, inverse]);
    }
  }
}

/** The stored form puts census after the other layers; the effect of the change is the same. */
function normalized(c: Change): Change {
  const censusLast = <T extends { layer: string }>(items: readonly T[]): T[] => [
    ...items.filter((item) => item.layer !== 'census'),
    ...items.filter((item) => item.layer === 'census'),
  ];
  return { note: c.note, put: censusLast(c.put), delete: censusLast(c.delete) };
}

async function expectStoredEquals(store: ProjectStore, editor: Editor): Promise<void> {
  const loaded = await store.loadProject(editor.projectId);
  expect(loaded.division).toEqual(editor.division);
  expect(loaded.undo).toEqual(editor.undo.map(normalized));
  expect(loaded.redo).toEqual(editor.redo.map(normalized));
  expect(loaded.summary.counts).toEqual(countByLayer(editor.division));
}

describe('project store: history', () => {
  it('persists edit, undo and redo, and a fresh store after a restart sees the same stacks', async () => {
    const store = await freshStore('history');
    const division = sampleDivision(12);
    const { id } = await store.createProject(division);
    const editor = new Editor(division, id, 500);

    await editor.edit(store, change('改网格名', [grid(1, { name: '一网格' })]));
    await editor.edit(store, change('删网格', [], [{ layer: 'grid', id: 'g3' }]));
    await editor.edit(
      store,
      change('加网格和人口', [grid(4), censusPoint(100), censusPoint(3, { households: 9 })]),
    );
    await editor.undoOnce(store);
    await editor.undoOnce(store);
    await editor.redoOnce(store);

    const restarted = await restart(store);
    const loaded = await restarted.loadProject(id);
    expect(loaded.undo.map((entry) => entry.note)).toEqual(['改网格名', '删网格']);
    expect(loaded.redo.map((entry) => entry.note)).toEqual(['加网格和人口']);
    expect(loaded.division.grid.has('g3')).toBe(false);
    expect(loaded.division.grid.has('g4')).toBe(false);
    expect(loaded.summary.counts.grid).toBe(2);
    await expectStoredEquals(restarted, editor);

    // Keep editing after the restart from the loaded history: undo everything back to the start.
    const resumed = new Editor(loaded.division, id, 500);
    resumed.undo = [...loaded.undo];
    resumed.redo = [...loaded.redo];
    await resumed.undoOnce(restarted);
    await resumed.undoOnce(restarted);
    expect((await restarted.loadProject(id)).division).toEqual(division);
    // A new edit clears the redo stack.
    await resumed.edit(restarted, change('新编辑', [grid(5)]));
    expect((await restarted.loadProject(id)).redo).toEqual([]);
    await expectStoredEquals(restarted, resumed);
    restarted.close();
  });

  it('updates updatedAt on every commit', async () => {
    const store = await freshStore('updated-at');
    const { id, updatedAt } = await store.createProject(sampleDivision(1));
    const editor = new Editor(sampleDivision(1), id, 500);
    await editor.edit(store, change('改名', [grid(1, { name: 'x' })]));
    const after = (await store.listProjects())[0];
    expect(after?.updatedAt).toBeGreaterThan(updatedAt);
    store.close();
  });

  it('bounds each stack, dropping the oldest entries', async () => {
    const limit = 5;
    const store = await freshStore('bound', { historyLimit: limit });
    const division = sampleDivision(3);
    const { id } = await store.createProject(division);
    const editor = new Editor(division, id, limit);
    for (let step = 1; step <= 9; step++)
      await editor.edit(store, change(`第${step}步`, [grid(1, { name: `名${step}` })]));
    let loaded = await store.loadProject(id);
    expect(loaded.undo.map((entry) => entry.note)).toEqual(['第5步', '第6步', '第7步', '第8步', '第9步']);

    for (let step = 0; step < limit; step++) await editor.undoOnce(store);
    loaded = await store.loadProject(id);
    expect(loaded.undo).toEqual([]);
    expect(loaded.redo).toHaveLength(limit);
    // Undoing the five kept steps lands on step 4's state: older steps are gone for good.
    expect(loaded.division.grid.get('g1')?.name).toBe('名4');
    await expectStoredEquals(store, editor);
    store.close();
  });

  it('refuses to undo or redo an empty stack, and to commit to a missing project', async () => {
    const store = await freshStore('empty-stack');
    const { id } = await store.createProject(sampleDivision(1));
    const noop = change('无');
    const error: unknown = await store
      .commit(id, noop, { kind: 'undo', inverse: noop })
      .catch((e: unknown) => e);
    expect(isStorageError(error, 'not-found')).toBe(true);
    expect(isStorageError(error) && error.problem.message.zh).toContain('没有可撤销的操作');
    await expect(store.commit(id, noop, { kind: 'redo', inverse: noop })).rejects.toSatisfy((e) =>
      isStorageError(e, 'not-found'),
    );
    await expect(store.commit('missing', noop, { kind: 'edit', inverse: noop })).rejects.toSatisfy((e) =>
      isStorageError(e, 'not-found'),
    );
    store.close();
  });

  it('property: after random edits, undos and redos from two windows, a reload equals the in-memory result', async () => {
    const gridIds = [1, 2, 3, 4, 5];
    const censusIds = Array.from({ length: 24 }, (_, index) => index);
    const entityArb: fc.Arbitrary<Entity> = fc.oneof(
      fc
        .record({ index: fc.constantFrom(...gridIds), name: fc.string({ maxLength: 4 }) })
        .map(({ index, name }) => grid(index, { name })),
      fc
        .record({ index: fc.constantFrom(...censusIds), households: fc.nat(20), half: fc.boolean() })
        .map(({ index, households, half }) =>
          censusPoint(index, { households: half ? households + 0.5 : households }),
        ),
    );
    const refArb = fc.oneof(
      fc.constantFrom(...gridIds).map((index) => ({ layer: 'grid' as const, id: `g${index}` })),
      fc.constantFrom(...censusIds).map((index) => ({ layer: 'census' as const, id: `p${index}` })),
    );
    const stepArb = fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .record({ put: fc.array(entityArb, { maxLength: 6 }), del: fc.array(refArb, { maxLength: 4 }) })
          .map(({ put, del }) => ({ kind: 'edit' as const, change: change('随机编辑', put, del) })),
      },
      { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'redo' as const }) },
    );
    const runArb = fc.array(fc.record({ step: stepArb, window: fc.nat(1) }), { minLength: 1, maxLength: 25 });

    await fc.assert(
      fc.asyncProperty(runArb, async (run) => {
        const limit = 4;
        // Chunks of three points, so that a few dozen points cross many chunk boundaries.
        const options = { historyLimit: limit, censusChunkSize: 3 };
        const name = freshDatabaseName('property');
        const windows = [
          await openProjectStore(name, options),
          await openProjectStore(name, options),
        ] as const;
        const division = sampleDivision(10);
        const { id } = await windows[0].createProject(division);
        const editor = new Editor(division, id, limit);
        for (const { step, window } of run) {
          // Two store instances on one database: each one's cached chunk index must notice the other's writes.
          const store = windows[window] as ProjectStore;
          if (step.kind === 'edit') await editor.edit(store, step.change);
          else if (step.kind === 'undo') await editor.undoOnce(store);
          else await editor.redoOnce(store);
        }
        windows[1].close();
        const restarted = await restart(windows[0], options);
        await expectStoredEquals(restarted, editor);
        restarted.close();
      }),
      { numRuns: 40 },
    );
  });
});
