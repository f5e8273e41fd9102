import type { CensusTileAsk } from './census-tile-protocol';

/**
 * The tile requests a worker has yet to answer, first asked first answered. MapLibre cancels the
 * tiles it no longer needs (the view moved on); those are taken out before their turn, so a pan or a
 * zoom does not leave a backlog of tiles nobody will draw.
 */
export class CensusTileQueue {
  private readonly waiting = new Map<number, CensusTileAsk>();

  get size(): number {
    return this.waiting.size;
  }

  add(ask: CensusTileAsk): void {
    this.waiting.set(ask.id, ask);
  }

  /** Whether the request was still waiting. */
  cancel(id: number): boolean {
    return this.waiting.delete(id);
  }

  /** The oldest request, taken out of the queue. */
  next(): CensusTileAsk | undefined {
    for (const ask of this.waiting.values()) {
      this.waiting.delete(ask.id);
      return ask;
    }
    return undefined;
  }

  /** Takes out the requests for other revisions than `revision` (their census has been replaced). */
  dropStale(revision: number): CensusTileAsk[] {
    const stale = [...this.waiting.values()].filter((ask) => ask.revision !== revision);
    for (const ask of stale) this.waiting.delete(ask.id);
    return stale;
  }
}
