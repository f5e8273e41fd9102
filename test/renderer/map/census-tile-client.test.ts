import { describe, expect, it } from 'vitest';
import { CensusTileClient } from '../../../renderer/map/census-tile-client';
import { censusTileUrl, parseCensusTileUrl } from '../../../renderer/map/census-tile-url';
import type { CensusTileRequest } from '../../../renderer/workers/census-tile-protocol';

function started() {
  const posted: CensusTileRequest[] = [];
  const indexed: number[] = [];
  const client = new CensusTileClient(
    (request) => posted.push(request),
    (revision) => indexed.push(revision),
  );
  const columns = () => [new Float64Array(1), new Float64Array(1), new Uint32Array(1)] as const;
  return { client, posted, indexed, columns };
}

const bytes = Uint8Array.of(1, 2, 3);

describe('CensusTileClient', () => {
  it('shows the latest census only once binned, ignoring the answer about an older one', () => {
    const { client, posted, indexed, columns } = started();
    expect(client.send(...columns())).toBe(1);
    expect(client.send(...columns())).toBe(2);
    expect(posted.map((r) => [r.kind, 'revision' in r ? r.revision : null])).toEqual([
      ['census', 1],
      ['census', 2],
    ]);
    client.receive({ kind: 'indexed', revision: 1, points: 1 });
    expect(indexed).toEqual([]);
    expect(client.revision).toBe(0);
    client.receive({ kind: 'indexed', revision: 2, points: 1 });
    expect(indexed).toEqual([2]);
    expect(client.revision).toBe(2);
  });

  it('answers tiles of another revision with an empty tile, without asking the worker', async () => {
    const { client, posted, columns } = started();
    await expect(client.tile(0, 0, 0, 0, new AbortController().signal)).resolves.toHaveLength(0);
    client.send(...columns());
    client.receive({ kind: 'indexed', revision: 1, points: 1 });
    client.send(...columns());
    await expect(client.tile(2, 0, 0, 0, new AbortController().signal)).resolves.toHaveLength(0);
    expect(posted.filter((r) => r.kind === 'tile')).toEqual([]);
  });

  it('asks the worker for a tile of the census shown and gives its answer', async () => {
    const { client, posted, columns } = started();
    client.send(...columns());
    client.receive({ kind: 'indexed', revision: 1, points: 1 });
    const tile = client.tile(1, 5, 6, 7, new AbortController().signal);
    const ask = posted.at(-1) as { id: number };
    expect(ask).toEqual({ kind: 'tile', id: ask.id, revision: 1, z: 5, x: 6, y: 7 });
    client.receive({ kind: 'tile', id: ask.id, bytes });
    await expect(tile).resolves.toBe(bytes);
    expect(client.waiting).toBe(0);
  });

  it('cancels in the worker a tile MapLibre aborts, and ignores its late answer', async () => {
    const { client, posted, columns } = started();
    client.send(...columns());
    client.receive({ kind: 'indexed', revision: 1, points: 1 });
    const abort = new AbortController();
    const tile = client.tile(1, 5, 6, 7, abort.signal);
    const { id } = posted.at(-1) as { id: number };
    abort.abort();
    await expect(tile).rejects.toMatchObject({ name: 'AbortError' });
    expect(posted.at(-1)).toEqual({ kind: 'cancel', id });
    expect(client.waiting).toBe(0);
    client.receive({ kind: 'tile', id, bytes });
    abort.abort();
    expect(posted.filter((r) => r.kind === 'cancel')).toHaveLength(1);
    // Aborted before it was asked: never sent.
    const before = posted.length;
    await expect(client.tile(1, 0, 0, 0, abort.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(posted).toHaveLength(before);
  });

  it('answers what is still waiting with empty tiles when closed', async () => {
    const { client, columns } = started();
    client.send(...columns());
    client.receive({ kind: 'indexed', revision: 1, points: 1 });
    const tile = client.tile(1, 0, 0, 0, new AbortController().signal);
    client.close();
    await expect(tile).resolves.toHaveLength(0);
  });
});

describe('the census tile URL', () => {
  it('carries the map’s key and the revision, read back from a tile’s URL', () => {
    expect(censusTileUrl(3, 12)).toBe('gp-census://3/12/{z}/{x}/{y}');
    expect(parseCensusTileUrl('gp-census://3/12/14/13120/6980')).toEqual([3, 12, 14, 13120, 6980]);
    expect(parseCensusTileUrl('gp-census://3/12/14/13120')).toBeNull();
    expect(parseCensusTileUrl('https://3/12/14/13120/6980')).toBeNull();
  });
});
