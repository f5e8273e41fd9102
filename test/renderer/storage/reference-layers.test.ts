import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { ReferenceLayer } from '../../../shared/model';
import { openProjectStore } from '../../../renderer/storage/project-store';
import { StorageError } from '../../../renderer/storage/storage-error';
import { declareSchema } from '../../../renderer/storage/schema';
import { freshDatabaseName, freshStore, restart, sampleDivision } from './storage-fixtures';

function streets(id: string, name = '道路'): ReferenceLayer {
  return {
    id,
    name,
    role: 'road',
    visible: true,
    labelField: 'name',
    features: [
      {
        type: 'Feature',
        properties: { name: '人民路' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [104.75, 29.36],
            [104.76, 29.361],
          ],
        },
      },
    ],
  };
}

describe('reference layers in the project store', () => {
  it('adds, lists in order, renames in place, hides and deletes, surviving a restart', async () => {
    let store = await freshStore('refs');
    const project = await store.createProject(sampleDivision(3));
    await store.putReferenceLayer(project.id, streets('b'));
    await store.putReferenceLayer(project.id, { ...streets('a', '河流'), role: 'river' });
    expect((await store.listReferenceLayers(project.id)).map((l) => l.id)).toEqual(['b', 'a']);

    await store.putReferenceLayer(project.id, streets('b', '主干道'));
    await store.setReferenceLayerVisible(project.id, 'a', false);
    store = await restart(store);
    const listed = await store.listReferenceLayers(project.id);
    expect(listed.map((l) => [l.id, l.name, l.visible])).toEqual([
      ['b', '主干道', true],
      ['a', '河流', false],
    ]);
    expect(listed[0]!.features).toEqual(streets('b').features);

    await store.deleteReferenceLayer(project.id, 'b');
    expect((await store.listReferenceLayers(project.id)).map((l) => l.id)).toEqual(['a']);
    // The division and its history were not touched.
    expect((await store.loadProject(project.id)).undo).toEqual([]);
    store.close();
  });

  it('copies them with a duplicated project and removes them with a deleted one', async () => {
    const store = await freshStore('refs-copy');
    const project = await store.createProject(sampleDivision(3));
    await store.putReferenceLayer(project.id, streets('s'));
    const copy = await store.duplicateProject(project.id);
    await store.setReferenceLayerVisible(copy.id, 's', false);
    expect((await store.listReferenceLayers(project.id))[0]!.visible).toBe(true);
    expect((await store.listReferenceLayers(copy.id))[0]!.visible).toBe(false);
    await store.deleteProject(project.id);
    expect(await store.listReferenceLayers(project.id)).toEqual([]);
    expect(await store.listReferenceLayers(copy.id)).toHaveLength(1);
    store.close();
  });

  it('refuses layers of a missing project or a missing layer with a bilingual message, writing nothing', async () => {
    const store = await freshStore('refs-missing');
    const error = await store.putReferenceLayer('nope', streets('s')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).kind).toBe('not-found');
    expect((error as StorageError).problem.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(await store.listReferenceLayers('nope')).toEqual([]);
    const project = await store.createProject(sampleDivision(1));
    const hidden = await store.setReferenceLayerVisible(project.id, 'gone', false).catch((e: unknown) => e);
    expect((hidden as StorageError).kind).toBe('not-found');
    expect(await store.listReferenceLayers(project.id)).toEqual([]);
    store.close();
  });

  it('upgrades a version 2 database: its projects and settings stay, reference layers can be added', async () => {
    const name = freshDatabaseName('refs-v2');
    const v2 = new Dexie(name);
    declareSchema(v2, 2);
    await v2.table('projects').add({
      id: 'old',
      name: '旧项目',
      ruleSetId: 'zigong',
      extra: {},
      createdAt: 1,
      updatedAt: 2,
      lastOpenedAt: 3,
      counts: { township: 0, community: 0, grid: 0, microgrid: 0, census: 0 },
      censusRevision: 0,
    });
    await v2.table('settings').add({ projectId: 'old', key: 'basemap', value: { kind: 'offline' } });
    expect(v2.verno).toBe(2);
    v2.close();

    const store = await openProjectStore(name);
    expect((await store.listProjects()).map((p) => p.name)).toEqual(['旧项目']);
    expect(await store.getSetting('old', 'basemap')).toEqual({ kind: 'offline' });
    expect(await store.listReferenceLayers('old')).toEqual([]);
    await store.putReferenceLayer('old', streets('s'));
    expect((await store.listReferenceLayers('old')).map((l) => l.name)).toEqual(['道路']);
    store.close();
  });
});
