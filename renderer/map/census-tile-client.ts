import type { CensusTileAsk, CensusTileReply, CensusTileRequest } from '../workers/census-tile-protocol';
import { handOver } from '../platform/shared-columns';

/** How the client reaches the census tile worker. */
export type PostCensusTileRequest = (request: CensusTileRequest, transfer: Transferable[]) => void;

const EMPTY = new Uint8Array(0);

/**
 * The window's side of the census tile worker: sends it each new census under a new revision, says
 * when the worker has binned the latest one (older answers are ignored), and turns MapLibre's tile
 * requests into worker requests, cancelling those MapLibre aborts. A request for a revision that is
 * not the one shown is answered with an empty tile at once: MapLibre is about to drop that tile.
 */
export class CensusTileClient {
  private sent = 0;
  private shown = 0;
  private nextId = 0;
  private readonly pending = new Map<number, (bytes: Uint8Array) => void>();

  constructor(
    private readonly post: PostCensusTileRequest,
    private readonly onIndexed: (revision: number, points: number) => void,
  ) {}

  /** The revision whose tiles the map should ask for (0 before any census is binned). */
  get revision(): number {
    return this.shown;
  }

  /** Tile requests sent and not yet answered or cancelled. */
  get waiting(): number {
    return this.pending.size;
  }

  /**
   * Sends the columns as the newest census: shared as they are when in shared memory, else copies
   * handed over (the caller's columns stay whole).
   */
  send(lon: Float64Array, lat: Float64Array, households: Uint32Array | Float64Array): number {
    const revision = ++this.sent;
    const transfer: Transferable[] = [];
    this.post(
      {
        kind: 'census',
        revision,
        lon: handOver(lon, transfer),
        lat: handOver(lat, transfer),
        households: handOver(households, transfer),
      },
      transfer,
    );
    return revision;
  }

  receive(reply: CensusTileReply): void {
    if (reply.kind === 'indexed') {
      // A census sent since has not been binned yet: its own answer will follow.
      if (reply.revision !== this.sent) return;
      this.shown = reply.revision;
      this.onIndexed(reply.revision, reply.points);
      return;
    }
    const settle = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    settle?.(reply.bytes);
  }

  /** The MVT bytes of a tile; rejects with an AbortError when `signal` aborts first. */
  tile(revision: number, z: number, x: number, y: number, signal: AbortSignal): Promise<Uint8Array> {
    if (revision !== this.shown || revision === 0) return Promise.resolve(EMPTY);
    if (signal.aborted) return Promise.reject(new DOMException('tile cancelled', 'AbortError'));
    const ask: CensusTileAsk = { kind: 'tile', id: ++this.nextId, revision, z, x, y };
    return new Promise<Uint8Array>((resolve, reject) => {
      const abort = (): void => {
        if (!this.pending.delete(ask.id)) return;
        this.post({ kind: 'cancel', id: ask.id }, []);
        reject(new DOMException('tile cancelled', 'AbortError'));
      };
      signal.addEventListener('abort', abort, { once: true });
      this.pending.set(ask.id, (bytes) => {
        signal.removeEventListener('abort', abort);
        resolve(bytes);
      });
      this.post(ask, []);
    });
  }

  /** Answers every waiting request with an empty tile (the worker is gone). */
  close(): void {
    for (const settle of this.pending.values()) settle(EMPTY);
    this.pending.clear();
  }
}
