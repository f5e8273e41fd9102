import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChange, change, countByLayer, divisionOf } from '../../../shared/model';
import {
  censusPoint,
  censusPoints,
  community,
  freshStore,
  grid,
  restart,
  sampleDivision,
} from './storage-fixtures';

describe('project store: replaceDivision (imports)', () => {
  it('replaces every entity, keeps the meta, and can be undone like an edit', async () => {
    const store = await freshStore('replace', { censusChunkSize: 7 });
    const original = sampleDivision(40);
    const { id } = await store.createProject(original);
    // Some history first: one edit undone, so the redo stack is not empty before the import.
    const edit = change('改名', [grid(1, { name: '改' })]);
    const applied = applyChange(original, edit);
    await store.commit(id, edit, { kind: 'edit', inverse: applied.inverse });
    await store.commit(id, applied.inverse, {
      kind: 'undo',
      inverse: applyChange(applied.division, applied.inverse).inverse,
    });

    const imported = divisionOf({ name: '文件里的名字', ruleSetId: 'changji', extra: { from: 'file' } }, [
      community,
      grid(2, { name: '导入的二' }),
      grid(7),
      censusPoint(5, { households: 12 }),
      ...censusPoints(25, 1000),
    ]);
    const result = await store.replaceDivision(id, imported, '导入 双河镇.geojson');
    expect(result.summary.counts).toEqual(countByLayer(imported));
    // The returned change is what the editor applies to its own copy to stay in step with the store.
    const inMemory = applyChange(original, result.change);
    expect(inMemory.division).toEqual({ ...imported, meta: original.meta });

    const reopened = await restart(store);
    const loaded = await reopened.loadProject(id);
    expect(loaded.division).toEqual({ ...imported, meta: original.meta });
    // The revision a restore announces to other windows is the stored one.
    expect(result.revision).toBe(loaded.revision);
    expect(loaded.redo).toEqual([]);
    expect(loaded.undo.map((entry) => entry.note)).toEqual(['导入 双河镇.geojson']);

    // Undo the import: the project is as it was.
    const top = loaded.undo[0];
    if (!top) throw new Error('the import must be on the undo stack');
    // The stored inverse (built from the old rows) does what the editor's own inverse does.
    expect(applyChange(inMemory.division, top).division).toEqual(
      applyChange(inMemory.division, inMemory.inverse).division,
    );
    expect(new Set(top.put)).toEqual(new Set(inMemory.inverse.put));
    expect(new Set(top.delete)).toEqual(new Set(inMemory.inverse.delete));
    const undone = applyChange(loaded.division, top);
    await reopened.commit(id, top, { kind: 'undo', inverse: undone.inverse });
    const afterUndo = await reopened.loadProject(id);
    expect(afterUndo.division).toEqual(original);
    expect(afterUndo.summary.counts).toEqual(countByLayer(original));
    expect(afterUndo.redo.map((entry) => entry.note)).toEqual(['导入 双河镇.geojson']);
    reopened.close();
  });

  it('imports into an empty project, and an empty import empties the project', async () => {
    const store = await freshStore('replace-empty');
    const empty = divisionOf({ name: '空', ruleSetId: 'zigong', extra: {} }, []);
    const { id } = await store.createProject(empty);
    const full = sampleDivision(30);
    await store.replaceDivision(id, full, '导入');
    expect((await store.loadProject(id)).division).toEqual({ ...full, meta: empty.meta });
    await store.replaceDivision(id, empty, '清空');
    const loaded = await store.loadProject(id);
    expect(loaded.division).toEqual(empty);
    expect(loaded.summary.counts).toEqual(countByLayer(empty));
    expect(applyChange(loaded.division, loaded.undo.at(-1) ?? change('')).division).toEqual({
      ...full,
      meta: empty.meta,
    });
    store.close();
  });
});
