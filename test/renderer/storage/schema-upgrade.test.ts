import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { CensusPoint, Grid, PackedIds } from '../../../shared/model';
import { change, encodeCensus, unpackIds } from '../../../shared/model';
import { encodeChange } from '../../../renderer/storage/history-codec';
import { openProjectStore } from '../../../renderer/storage/project-store';
import type { CensusChunkRowV4, EntityRow, HistoryRow, ProjectRowV1 } from '../../../renderer/storage/schema';
import { CURRENT_SCHEMA_VERSION, declareSchema } from '../../../renderer/storage/schema';
import { censusPoints, freshDatabaseName, grid } from './storage-fixtures';

/** Rows exactly as the first release (schema version 1) wrote them: no `lastOpenedAt`, no settings. */
function version1Rows(): {
  project: ProjectRowV1;
  entities: EntityRow[];
  chunks: CensusChunkRowV4[];
  history: HistoryRow[];
} {
  const grids: Grid[] = [grid(1), grid(2)];
  const points: CensusPoint[] = censusPoints(30);
  return {
    project: {
      id: 'v1-project',
      name: '旧版项目',
      ruleSetId: 'zigong',
      extra: { crs: 'CGCS2000' },
      createdAt: 1_600_000_000_000,
      updatedAt: 1_650_000_000_000,
      counts: { township: 0, community: 0, grid: 2, microgrid: 0, census: 30 },
      censusRevision: 3,
    },
    entities: grids.map((entity) => ({ projectId: 'v1-project', layer: 'grid', id: entity.id, entity })),
    chunks: [{ projectId: 'v1-project', chunk: 0, ...encodeCensus(points) }],
    history: [
      {
        projectId: 'v1-project',
        stack: 'undo',
        seq: 0,
        ...encodeChange({ note: '旧的编辑', put: [grid(1, { name: '旧名' })], delete: [] }),
      },
    ],
  };
}

describe('schema upgrades', () => {
  it('opens a version 1 database with the current code and upgrades its rows to version 2', async () => {
    const name = freshDatabaseName('upgrade');
    const rows = version1Rows();
    const v1 = new Dexie(name);
    declareSchema(v1, 1);
    await v1.table('projects').add(rows.project);
    await v1.table('entities').bulkAdd(rows.entities);
    await v1.table('censusChunks').bulkAdd(rows.chunks);
    await v1.table('history').bulkAdd(rows.history);
    expect(v1.verno).toBe(1);
    v1.close();

    const store = await openProjectStore(name);
    const [summary] = await store.listProjects();
    // The upgrade filled lastOpenedAt from updatedAt, so "recently opened" sorts old projects sensibly.
    expect(summary).toEqual({
      id: 'v1-project',
      name: '旧版项目',
      ruleSetId: 'zigong',
      createdAt: 1_600_000_000_000,
      updatedAt: 1_650_000_000_000,
      lastOpenedAt: 1_650_000_000_000,
      counts: { township: 0, community: 0, grid: 2, microgrid: 0, census: 30 },
    });
    const loaded = await store.loadProject('v1-project');
    expect(loaded.division.grid.get('g1')).toEqual(grid(1));
    expect(loaded.division.census).toEqual(new Map(censusPoints(30).map((point) => [point.id, point])));
    expect(loaded.division.meta).toEqual({
      name: '旧版项目',
      ruleSetId: 'zigong',
      extra: { crs: 'CGCS2000' },
    });
    expect(loaded.undo.map((entry) => entry.note)).toEqual(['旧的编辑']);
    // The table version 2 added works.
    await store.setSetting('v1-project', 'basemap', 'offline');
    expect(await store.getSetting('v1-project', 'basemap')).toBe('offline');
    store.close();

    const raw = new Dexie(name);
    await raw.open();
    expect(raw.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(raw.tables.map((table) => table.name).sort()).toEqual([
      'censusChunks',
      'entities',
      'history',
      'projects',
      'referenceLayers',
      'settings',
      'versionBodies',
      'versions',
    ]);
    expect(
      raw
        .table('projects')
        .schema.indexes.map((index) => index.name)
        .sort(),
    ).toEqual(['lastOpenedAt', 'updatedAt']);
    raw.close();
  });

  it('packs the ids of version 4 census chunks (v5), and the census reads and edits as before', async () => {
    const name = freshDatabaseName('upgrade-v5');
    const points = censusPoints(12);
    const v4 = new Dexie(name);
    declareSchema(v4, 4);
    await v4.table('projects').add({
      ...version1Rows().project,
      lastOpenedAt: 1,
      counts: { township: 0, community: 0, grid: 0, microgrid: 0, census: 12 },
    });
    const chunks: CensusChunkRowV4[] = [0, 1, 2].map((chunk) => ({
      projectId: 'v1-project',
      chunk,
      ...encodeCensus(points.slice(chunk * 4, chunk * 4 + 4)),
    }));
    await v4.table('censusChunks').bulkAdd(chunks);
    v4.close();

    const store = await openProjectStore(name, { censusChunkSize: 4 });
    const loaded = await store.loadProject('v1-project');
    expect(loaded.division.census).toEqual(new Map(points.map((point) => [point.id, point])));
    // An edit after the upgrade finds the point in its chunk through the packed ids.
    const moved = { ...points[5]!, households: 99 };
    await store.commit('v1-project', change('改户数', [moved], []), {
      kind: 'edit',
      inverse: change('改户数', [points[5]!], []),
    });
    const again = await store.loadProject('v1-project');
    expect(again.division.census.get(moved.id)).toEqual(moved);
    expect(again.division.census.size).toBe(12);
    store.close();

    const raw = new Dexie(name);
    await raw.open();
    const rows = (await raw.table('censusChunks').toArray()) as Record<string, unknown>[];
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.ids).toBeUndefined();
      expect(typeof row.idText).toBe('string');
      expect(row.idEnds).toBeInstanceOf(Uint32Array);
    }
    expect(rows.flatMap((row) => unpackIds(row as unknown as PackedIds))).toEqual(points.map((p) => p.id));
    raw.close();
  });

  it('reads and edits census chunks that an older release wrote into a database already at version 5', async () => {
    // Dexie 4 lets a release before v5 open the upgraded database as it is; the chunks it then writes
    // have the old shape, and v5's upgrade has run already. The project must still open and edit.
    const name = freshDatabaseName('older-rows');
    (await openProjectStore(name)).close();
    const points = censusPoints(8);
    const older = new Dexie(name);
    declareSchema(older);
    await older.open();
    expect(older.verno).toBe(CURRENT_SCHEMA_VERSION);
    await older.table('projects').add({
      ...version1Rows().project,
      lastOpenedAt: 1,
      counts: { township: 0, community: 0, grid: 0, microgrid: 0, census: 8 },
    });
    const chunks: CensusChunkRowV4[] = [0, 1].map((chunk) => ({
      projectId: 'v1-project',
      chunk,
      ...encodeCensus(points.slice(chunk * 4, chunk * 4 + 4)),
    }));
    await older.table('censusChunks').bulkAdd(chunks);
    older.close();

    const store = await openProjectStore(name, { censusChunkSize: 4 });
    const loaded = await store.loadProject('v1-project');
    expect(loaded.division.census).toEqual(new Map(points.map((point) => [point.id, point])));
    const moved = { ...points[6]!, households: 42 };
    await store.commit('v1-project', change('改户数', [moved], []), {
      kind: 'edit',
      inverse: change('改户数', [points[6]!], []),
    });
    const copy = await store.duplicateProject('v1-project', '副本');
    store.close();
    const again = await openProjectStore(name, { censusChunkSize: 4 });
    for (const id of ['v1-project', copy.id]) {
      const reloaded = await again.loadProject(id);
      expect(reloaded.division.census.get(moved.id)).toEqual(moved);
      expect(reloaded.division.census.size).toBe(8);
    }
    again.close();
  });

  it('still opens a database that a newer GridPlan extended (Dexie 4 opens higher versions as they are)', async () => {
    // A planner who reinstalls an older release must not lose access to the projects. Dexie 4 opens a
    // database of a higher version without a VersionError; this test pins that behaviour down.
    const name = freshDatabaseName('newer');
    const newer = new Dexie(name);
    declareSchema(newer);
    newer.version(CURRENT_SCHEMA_VERSION + 1).stores({ audit: '++id' });
    await newer.table('projects').add({ ...version1Rows().project, lastOpenedAt: 1 });
    newer.close();

    const store = await openProjectStore(name);
    expect((await store.listProjects()).map((summary) => summary.name)).toEqual(['旧版项目']);
    expect((await store.loadProject('v1-project')).division.census.size).toBe(0);
    store.close();
  });
});
