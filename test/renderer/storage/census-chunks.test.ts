import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CensusPoint } from '../../../shared/model';
import {
  applyChange,
  change,
  concatCensus,
  countByLayer,
  decodeCensus,
  divisionOf,
  encodeCensus,
  unpackIds,
} from '../../../shared/model';
import { CENSUS_CHUNK_SIZE } from '../../../renderer/storage/census-columns';
import type { GridPlanDatabase } from '../../../renderer/storage/schema';
import { declareSchema } from '../../../renderer/storage/schema';
import { censusPoint, censusPoints, freshStore, restart, sampleDivision } from './storage-fixtures';

describe('census columns', () => {
  it('keeps details only for the points that have some, and restores every field', () => {
    const points = censusPoints(100);
    const columns = encodeCensus(points);
    const withDetails = points.filter(
      (p) => p.address !== undefined || p.personal !== undefined || Object.keys(p.extra).length > 0,
    );
    expect(columns.details).toHaveLength(withDetails.length);
    expect(columns.details.length).toBeLessThan(points.length / 2);
    expect(columns.lon).toBeInstanceOf(Float64Array);
    expect(columns.households).toBeInstanceOf(Uint32Array);
    expect(decodeCensus(columns)).toEqual(points);
  });

  it('falls back to Float64Array for counts that a Uint32Array would change', () => {
    const odd: CensusPoint[] = [
      censusPoint(1, { households: 1.5 }),
      censusPoint(2, { population: 2 ** 33 }),
      censusPoint(3, { households: -1, population: Number.NaN }),
    ];
    const columns = encodeCensus(odd);
    expect(columns.households).toBeInstanceOf(Float64Array);
    expect(columns.population).toBeInstanceOf(Float64Array);
    expect(decodeCensus(columns)).toEqual(odd);
  });
});

/** Chunk number → point ids, read straight from the database. */
async function storedChunks(dbName: string): Promise<Map<number, readonly string[]>> {
  const db = new Dexie(dbName) as GridPlanDatabase;
  declareSchema(db);
  const rows = await db.censusChunks.toArray();
  db.close();
  return new Map(rows.map((row) => [row.chunk, unpackIds(row)]));
}

describe('concatCensus', () => {
  it('joins blocks as if the points had been encoded together, widening counts when one block needs it', () => {
    const first = censusPoints(30);
    const second = [censusPoint(100, { households: 2.5 }), ...censusPoints(20, 200)];
    const joined = concatCensus([encodeCensus(first), encodeCensus([]), encodeCensus(second)]);
    expect(joined.households).toBeInstanceOf(Float64Array);
    expect(decodeCensus(joined)).toEqual([...first, ...second]);
    expect(concatCensus([encodeCensus(first)]).households).toBeInstanceOf(Uint32Array);
  });
});

describe('project store: census chunks', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('round-trips 12,345 points with addresses, personal data and extra properties', async () => {
    const store = await freshStore('census-round-trip');
    const division = divisionOf({ name: '人口', ruleSetId: 'zigong', extra: {} }, censusPoints(12_345));
    const { id, counts } = await store.createProject(division);
    expect(counts.census).toBe(12_345);

    const reopened = await restart(store);
    const loaded = await reopened.loadProject(id);
    expect(loaded.division.census.size).toBe(12_345);
    expect(loaded.division).toEqual(division);
    // Spot checks that say what the round trip keeps, in case the deep equality above is ever loosened.
    expect(loaded.division.census.get('p77')).toEqual({
      layer: 'census',
      id: 'p77',
      lon: 104.7 + 77e-5 + 1e-9,
      lat: 29.3 - 1e-9,
      households: 3,
      population: 7,
      extra: {},
      address: '双河镇桂花路77号',
      personal: { 户主: '李77', 电话: '13900000077' },
    });
    expect(loaded.division.census.get('p1002')).not.toHaveProperty('address');
    expect(loaded.division.census.get('p1002')).not.toHaveProperty('personal');
    expect(loaded.division.census.get('p13')?.extra).toEqual({ 楼栋: '13栋', 层数: 13, 空置: false });
    expect([...loaded.division.census.keys()]).toEqual([...division.census.keys()]);
    reopened.close();
  });

  it('rewrites only what a census change touches and appends new points across chunk boundaries', async () => {
    const store = await freshStore('census-commit');
    // 12,345 points: two full chunks and a tail of 2,345.
    const division = divisionOf({ name: '人口', ruleSetId: 'zigong', extra: {} }, censusPoints(12_345));
    const { id } = await store.createProject(division);
    const added = censusPoints(6_000, 20_000);
    const edit = change(
      '导入补充人口',
      [
        ...added,
        censusPoint(5_001, { households: 42, address: '改过的地址' }),
        censusPoint(2, { extra: { 新: true } }),
      ],
      [
        { layer: 'census', id: 'p0' },
        { layer: 'census', id: 'p12344' },
        { layer: 'census', id: 'p-not-there' },
        { layer: 'census', id: 'p2' }, // deleted and put again in the same change: the put wins
      ],
    );
    const { division: expected, inverse } = applyChange(division, edit);
    await store.commit(id, edit, { kind: 'edit', inverse });

    const chunks = await storedChunks(store.name);
    expect([...chunks.keys()]).toEqual([0, 1, 2, 3]);
    expect([...chunks.values()].map((ids) => ids.length)).toEqual([
      4_999,
      5_000,
      5_000,
      6_000 - (5_000 - 2_344),
    ]);
    expect(chunks.get(1)?.[1]).toBe('p5001'); // replaced in place
    expect(chunks.get(0)?.[1]).toBe('p2');
    expect(chunks.get(2)?.[2_344]).toBe('p20000'); // new points fill the last chunk first

    const reopened = await restart(store);
    const loaded = await reopened.loadProject(id);
    expect(loaded.division).toEqual(expected);
    expect(loaded.summary.counts).toEqual(countByLayer(expected));
    expect(loaded.summary.counts.census).toBe(12_345 - 2 + 6_000);

    // And back: undo restores the original points (the inverse re-puts p0 and p12344, deletes the added ones).
    const undone = applyChange(expected, inverse);
    await reopened.commit(id, inverse, { kind: 'undo', inverse: undone.inverse });
    const afterUndo = await reopened.loadProject(id);
    expect(afterUndo.division).toEqual(division);
    expect(afterUndo.summary.counts.census).toBe(12_345);
    reopened.close();
  });

  it('rewrites just the one chunk holding an edited point', async () => {
    const store = await freshStore('census-one-chunk');
    const division = divisionOf(
      { name: '人口', ruleSetId: 'zigong', extra: {} },
      censusPoints(3 * CENSUS_CHUNK_SIZE),
    );
    const { id } = await store.createProject(division);
    const edit = change('改户数', [censusPoint(CENSUS_CHUNK_SIZE + 7, { households: 99 })]);
    const { inverse } = applyChange(division, edit);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    await store.commit(id, edit, { kind: 'edit', inverse });
    const chunkWrites = put.mock.contexts.filter(
      (context) => (context as IDBObjectStore).name === 'censusChunks',
    );
    expect(chunkWrites).toHaveLength(1);
    store.close();
  });

  it('stores the census part of history entries as columns and restores it', async () => {
    const store = await freshStore('census-history');
    const division = sampleDivision(CENSUS_CHUNK_SIZE + 10);
    const { id } = await store.createProject(division);
    const edit = change(
      '全部删除人口',
      [],
      [...division.census.keys()].map((pid) => ({ layer: 'census' as const, id: pid })),
    );
    const applied = applyChange(division, edit);
    await store.commit(id, edit, { kind: 'edit', inverse: applied.inverse });
    const loaded = await (await restart(store)).loadProject(id);
    expect(loaded.division.census.size).toBe(0);
    expect(loaded.undo).toHaveLength(1);
    expect(divisionOf(division.meta, loaded.undo[0]?.put ?? []).census).toEqual(division.census);
  });
});
