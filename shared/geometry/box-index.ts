import Flatbush from 'flatbush';

/** An axis-aligned box in degrees. */
export interface Box {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/**
 * A spatial index of boxes by id that accepts edits. Flatbush is static (fast to build and query,
 * cannot change), so edits go to a small side list that queries scan, and entries of the static index
 * that were edited or deleted are skipped; when the side list grows past an eighth of the index the
 * whole index is rebuilt. An edit session (a few grids at a time) never pays for a rebuild.
 */
export class BoxIndex {
  private ids: string[] = [];
  private index: Flatbush | undefined;
  private readonly stale = new Set<string>();
  private readonly edited = new Map<string, Box>();
  private readonly boxes = new Map<string, Box>();

  constructor(entries: Iterable<readonly [string, Box]> = []) {
    for (const [id, box] of entries) this.boxes.set(id, box);
    this.rebuild();
  }

  /** Number of boxes. */
  get size(): number {
    return this.boxes.size;
  }

  /** The box of an id. */
  get(id: string): Box | undefined {
    return this.boxes.get(id);
  }

  /** Sets (inserts or replaces) the box of an id, or removes it when `box` is undefined. */
  set(id: string, box: Box | undefined): void {
    if (box) this.boxes.set(id, box);
    else this.boxes.delete(id);
    this.stale.add(id);
    if (box) this.edited.set(id, box);
    else this.edited.delete(id);
    if (this.stale.size > Math.max(64, this.ids.length / 8)) this.rebuild();
  }

  /** Ids whose boxes meet the query box (touching counts). */
  search(minX: number, minY: number, maxX: number, maxY: number): string[] {
    const out: string[] = [];
    if (this.index) {
      for (const i of this.index.search(minX, minY, maxX, maxY)) {
        const id = this.ids[i]!;
        if (!this.stale.has(id)) out.push(id);
      }
    }
    for (const [id, box] of this.edited) {
      if (box.minX <= maxX && box.maxX >= minX && box.minY <= maxY && box.maxY >= minY) out.push(id);
    }
    return out;
  }

  private rebuild(): void {
    this.ids = [...this.boxes.keys()];
    this.stale.clear();
    this.edited.clear();
    if (this.ids.length === 0) {
      this.index = undefined;
      return;
    }
    const index = new Flatbush(this.ids.length);
    for (const id of this.ids) {
      const box = this.boxes.get(id)!;
      index.add(box.minX, box.minY, box.maxX, box.maxY);
    }
    index.finish();
    this.index = index;
  }
}
