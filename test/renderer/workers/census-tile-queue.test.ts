import { describe, expect, it } from 'vitest';
import type { CensusTileAsk } from '../../../renderer/workers/census-tile-protocol';
import { CensusTileQueue } from '../../../renderer/workers/census-tile-queue';

const ask = (id: number, revision = 1): CensusTileAsk => ({ kind: 'tile', id, revision, z: 3, x: id, y: 0 });

describe('CensusTileQueue', () => {
  it('answers first asked first and never a cancelled request', () => {
    const queue = new CensusTileQueue();
    for (const id of [1, 2, 3, 4]) queue.add(ask(id));
    expect(queue.cancel(2)).toBe(true);
    expect(queue.next()?.id).toBe(1);
    expect(queue.cancel(1)).toBe(false); // already taken: nothing to cancel
    expect(queue.cancel(4)).toBe(true);
    expect(queue.next()?.id).toBe(3);
    expect(queue.next()).toBeUndefined();
    expect(queue.size).toBe(0);
  });

  it('takes out the requests of a replaced census, keeping the current one’s', () => {
    const queue = new CensusTileQueue();
    queue.add(ask(1, 1));
    queue.add(ask(2, 2));
    queue.add(ask(3, 1));
    expect(queue.dropStale(2).map((a) => a.id)).toEqual([1, 3]);
    expect(queue.size).toBe(1);
    expect(queue.next()?.id).toBe(2);
  });
});
