import { describe, expect, it } from 'vitest';
import { concatCensusNumbers, concatPackedIds, packIds } from '../../../shared/model';
import {
  handOver,
  isShared,
  SHARED_COLUMNS as shared,
  sharedMemoryAvailable,
} from '../../../renderer/platform/shared-columns';

describe('census columns in shared memory', () => {
  it('hands a shared column over as it is: nothing copied, nothing transferred', () => {
    const column = shared.float64(3);
    column.set([1, 2, 3]);
    const transfer: Transferable[] = [];
    expect(handOver(column, transfer)).toBe(column);
    expect(transfer).toEqual([]);
  });

  it('hands a plain column over as a copy whose buffer is transferred, the original untouched', () => {
    const column = Uint32Array.from([7, 8, 9]);
    const transfer: Transferable[] = [];
    const given = handOver(column, transfer);
    expect(given).not.toBe(column);
    expect([...given]).toEqual([7, 8, 9]);
    expect(transfer).toEqual([given.buffer]);
    // What a transfer does to the copy: the window's own column keeps its values.
    structuredClone(given, { transfer: transfer as ArrayBuffer[] });
    expect(given.length).toBe(0);
    expect([...column]).toEqual([7, 8, 9]);
  });

  it('joins chunks into the columns the allocator makes, with the same values as plain columns', () => {
    const blocks = [
      {
        lon: Float64Array.from([104.1, 104.2]),
        lat: Float64Array.from([29.1, 29.2]),
        households: Uint32Array.from([3, 4]),
        population: Uint32Array.from([9, 12]),
        details: [],
      },
      {
        lon: Float64Array.from([104.3]),
        lat: Float64Array.from([29.3]),
        households: Uint32Array.from([5]),
        population: Uint32Array.from([15]),
        details: [],
      },
    ];
    const plain = concatCensusNumbers(blocks);
    const inShared = concatCensusNumbers(blocks, shared);
    for (const name of ['lon', 'lat', 'households', 'population'] as const) {
      expect(isShared(inShared[name])).toBe(true);
      expect(isShared(plain[name])).toBe(false);
      expect([...inShared[name]]).toEqual([...plain[name]]);
    }
    const ids = concatPackedIds([packIds(['a', 'bb']), packIds(['ccc'])], shared);
    expect(isShared(ids.idEnds)).toBe(true);
    expect([...ids.idEnds]).toEqual([...concatPackedIds([packIds(['a', 'bb']), packIds(['ccc'])]).idEnds]);
  });

  it('is not used where the page is not cross-origin isolated (Node has no such page)', () => {
    expect(sharedMemoryAvailable()).toBe(false);
  });
});
