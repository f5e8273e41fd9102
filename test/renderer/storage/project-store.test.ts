import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { change, emptyDivision } from '../../../shared/model';
import type { EditPersistence } from '../../../renderer/editor/editor-session';
import type { ProjectStore } from '../../../renderer/storage/project-store';
import { isStorageError } from '../../../renderer/storage/storage-error';
import { freshStore, grid, restart, sampleDivision } from './storage-fixtures';

describe('project store: projects', () => {
  it('starts empty, then lists created projects with their counts, most recently updated first', async () => {
    const store = await freshStore('list');
    expect(await store.isEmpty()).toBe(true);
    expect(await store.listProjects()).toEqual([]);

    const first = await store.createProject(sampleDivision(20, '甲'));
    const second = await store.createProject(emptyDivision({ name: '乙', ruleSetId: 'changji' }));
    expect(await store.isEmpty()).toBe(false);

    const list = await store.listProjects();
    expect(list.map((summary) => summary.name)).toEqual(['乙', '甲']);
    expect(list[1]).toEqual(first);
    expect(first.counts).toEqual({ township: 1, community: 1, grid: 3, microgrid: 1, census: 20 });
    expect(second.counts).toEqual({ township: 0, community: 0, grid: 0, microgrid: 0, census: 0 });
    expect(second.ruleSetId).toBe('changji');
    expect(first.id).not.toBe(second.id);
    store.close();
  });

  it('loads exactly the division it stored, with empty history, and survives a restart', async () => {
    const store = await freshStore('open');
    const division = sampleDivision(50);
    const { id } = await store.createProject(division);

    const reopened = await restart(store);
    const loaded = await reopened.loadProject(id);
    expect(loaded.division).toEqual(division);
    expect(loaded.undo).toEqual([]);
    expect(loaded.redo).toEqual([]);
    expect(loaded.summary.lastOpenedAt).toBeGreaterThanOrEqual(loaded.summary.updatedAt);
    reopened.close();
  });

  it('gives a project read ahead to the next read of its areas, and reads again after a write or for another', async () => {
    const store = await freshStore('prefetch');
    const division = sampleDivision(20);
    const areas = { ...division, census: new Map() };
    const { id } = await store.createProject(division);
    const other = await store.createProject(sampleDivision(3));

    store.prefetchProject(id);
    const first = store.loadProjectAreas(id);
    // Taken once: the next load is a read of its own, giving an equal division, not the same objects.
    const second = store.loadProjectAreas(id);
    expect(first).not.toBe(second);
    expect((await first).division).toEqual(areas);
    expect((await second).division).toEqual(areas);

    // Another project's load does not take it, and a write makes it stale.
    store.prefetchProject(id);
    expect((await store.loadProjectAreas(other.id)).division.grid.size).toBe(3);
    store.prefetchProject(id);
    await store.renameProject(id, '改名之后');
    expect((await store.loadProjectAreas(id)).division.meta.name).toBe('改名之后');

    // A prefetch of a project that is not there fails only for whoever takes it.
    store.prefetchProject('no-such-project');
    await expect(store.loadProjectAreas('no-such-project')).rejects.toSatisfy(isStorageError);
    store.close();
  });

  it('reads the areas first and the census at their revision: together the whole project', async () => {
    const store = await freshStore('areas-then-census');
    const division = sampleDivision(20);
    const { id } = await store.createProject(division);
    // One edit first, so that the revision the areas are read at is not the first one.
    await store.commit(id, change('改名', [grid(2)]), { kind: 'edit', inverse: change('改名', [grid(2)]) });
    const areas = await store.loadProjectAreas(id);
    expect(areas.revision).toBe(1);
    expect(areas.division.census.size).toBe(0);
    expect(areas.division.grid).toEqual(division.grid);
    const census = await store.loadCensus(id, areas.revision);
    expect(census).toBeDefined();
    expect({ ...areas.division, census }).toEqual(division);
    expect({ ...areas.division, census }).toEqual((await store.loadProject(id)).division);

    // An edit stored in between (another window's): the areas read are stale, so no census is given.
    await store.commit(id, change('改名', [{ ...grid(1), name: '新名' }]), {
      kind: 'edit',
      inverse: change('改名', [grid(1)]),
    });
    expect(await store.loadCensus(id, areas.revision)).toBeUndefined();
    await expect(store.loadCensus('no-such-project', 0)).rejects.toSatisfy(isStorageError);
    store.close();
  });

  it('reads a census of many chunks in batches, every point once and in order', async () => {
    // 47 points in chunks of 2: 24 chunks, more than one batch of the census read.
    const store = await freshStore('census-batches', { censusChunkSize: 2 });
    const division = sampleDivision(47);
    const { id } = await store.createProject(division);
    const areas = await store.loadProjectAreas(id);
    const census = await store.loadCensus(id, areas.revision);
    expect([...(census ?? new Map()).keys()]).toEqual([...division.census.keys()]);
    expect({ ...areas.division, census }).toEqual(division);
    store.close();
  });

  it('renames and updates meta without touching entities or history', async () => {
    const store = await freshStore('meta');
    const { id, updatedAt } = await store.createProject(sampleDivision(5));
    const renamed = await store.renameProject(id, '双河镇（第二稿）');
    expect(renamed.name).toBe('双河镇（第二稿）');
    expect(renamed.updatedAt).toBeGreaterThan(updatedAt);

    await store.updateMeta(id, { ruleSetId: 'changji', extra: { crs: 'WGS84', 版本: 2 } });
    const loaded = await store.loadProject(id);
    expect(loaded.division.meta).toEqual({
      name: '双河镇（第二稿）',
      ruleSetId: 'changji',
      extra: { crs: 'WGS84', 版本: 2 },
    });
    expect(loaded.division.grid.size).toBe(3);
    expect(loaded.undo).toEqual([]);
    store.close();
  });

  it('duplicates a project deeply: entities, history and settings, under a new id', async () => {
    const store = await freshStore('duplicate');
    const original = sampleDivision(30);
    const { id } = await store.createProject(original);
    const edit = change('改名', [grid(1, { name: '新名' })]);
    await store.commit(id, edit, { kind: 'edit', inverse: change('改名', [grid(1)]) });
    await store.setSetting(id, 'basemap', { kind: 'offline', opacity: 0.6 });

    const copy = await store.duplicateProject(id);
    expect(copy.id).not.toBe(id);
    expect(copy.name).toBe('双河镇网格规划（副本）');
    expect(copy.counts).toEqual((await store.loadProject(id)).summary.counts);

    const loadedCopy = await store.loadProject(copy.id);
    const loadedOriginal = await store.loadProject(id);
    expect(loadedCopy.division.grid.get('g1')?.name).toBe('新名');
    expect(loadedCopy.division).toEqual({
      ...loadedOriginal.division,
      meta: { ...loadedOriginal.division.meta, name: '双河镇网格规划（副本）' },
    });
    expect(loadedCopy.undo).toEqual(loadedOriginal.undo);
    expect(await store.getSetting(copy.id, 'basemap')).toEqual({ kind: 'offline', opacity: 0.6 });

    // The copy is independent: editing it leaves the original alone.
    await store.commit(copy.id, change('删网格', [], [{ layer: 'grid', id: 'g2' }]), {
      kind: 'edit',
      inverse: change('删网格', [grid(2)]),
    });
    expect((await store.loadProject(id)).division.grid.has('g2')).toBe(true);
    expect((await store.loadProject(copy.id)).division.grid.has('g2')).toBe(false);
    expect((await store.duplicateProject(id, '方案B')).name).toBe('方案B');
    store.close();
  });

  it('remembers the source Gauss-Kruger zone on the project row, loads it as meta and copies it', async () => {
    const store = await freshStore('source-zone');
    const { id } = await store.createProject(sampleDivision(2));
    expect((await store.loadProject(id)).division.meta.sourceZoneEpsg).toBeUndefined();
    const updated = await store.updateMeta(id, { sourceZoneEpsg: 4523 });
    expect(updated.sourceZoneEpsg).toBe(4523);
    expect((await store.loadProject(id)).division.meta.sourceZoneEpsg).toBe(4523);
    // Renaming keeps it; a duplicate has it; a project created from a division with one stores it.
    await store.renameProject(id, '改名');
    expect((await store.listProjects()).find((p) => p.id === id)?.sourceZoneEpsg).toBe(4523);
    const copy = await store.duplicateProject(id);
    expect(copy.sourceZoneEpsg).toBe(4523);
    const made = await store.createProject({
      ...sampleDivision(1),
      meta: { ...sampleDivision(1).meta, sourceZoneEpsg: 4544 },
    });
    expect((await store.loadProject(made.id)).division.meta.sourceZoneEpsg).toBe(4544);
    store.close();
  });

  it('deletes a project and every row of it, and says not-found afterwards', async () => {
    const store = await freshStore('delete');
    const keep = await store.createProject(sampleDivision(10, '留下'));
    const { id } = await store.createProject(sampleDivision(10, '删除'));
    await store.setSetting(id, 'fieldMapping', { 户数: 'households' });
    await store.deleteProject(id);

    expect((await store.listProjects()).map((summary) => summary.id)).toEqual([keep.id]);
    await expect(store.loadProject(id)).rejects.toSatisfy((error) => isStorageError(error, 'not-found'));
    await expect(store.deleteProject(id)).rejects.toSatisfy((error) => isStorageError(error, 'not-found'));
    await expect(store.renameProject(id, 'x')).rejects.toSatisfy((error) =>
      isStorageError(error, 'not-found'),
    );
    expect(await store.getSettings(id)).toEqual(new Map());
    expect((await store.loadProject(keep.id)).division.census.size).toBe(10);
    store.close();
  });

  it('remembers settings per project, without counting them as edits', async () => {
    const store = await freshStore('settings');
    const a = await store.createProject(sampleDivision(1, 'A'));
    const b = await store.createProject(sampleDivision(1, 'B'));
    await store.setSetting(a.id, 'basemap', 'tianditu-vector');
    await store.setSetting(a.id, 'fieldMapping', { 户数: 'households', 人口: 'population' });
    await store.setSetting(b.id, 'basemap', 'offline');

    const reopened = await restart(store);
    expect(await reopened.getSettings(a.id)).toEqual(
      new Map<string, unknown>([
        ['basemap', 'tianditu-vector'],
        ['fieldMapping', { 户数: 'households', 人口: 'population' }],
      ]),
    );
    expect(await reopened.getSetting(b.id, 'basemap')).toBe('offline');
    await reopened.deleteSetting(a.id, 'basemap');
    expect(await reopened.getSetting(a.id, 'basemap')).toBeUndefined();
    expect((await reopened.listProjects()).find((summary) => summary.id === a.id)?.updatedAt).toBe(
      a.updatedAt,
    );
    await expect(reopened.setSetting('no-such-project', 'k', 1)).rejects.toSatisfy((error) =>
      isStorageError(error, 'not-found'),
    );
    reopened.close();
  });

  it('fits the editor session persistence contract', () => {
    // Compile-time check: the store can be handed to the editor session as its persistence.
    const persistence = (store: ProjectStore): EditPersistence => store;
    expect(persistence).toBeTypeOf('function');
  });
});
