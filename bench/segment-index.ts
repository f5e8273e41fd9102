import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { metresPerDegree } from '../shared/geometry/metres-per-degree';

/** Segments of lines in degrees with a box index, for "is this point within d metres of a line". */
export class SegmentIndex {
  private readonly coords: number[] = [];
  private readonly index: Flatbush | undefined;

  constructor(lines: readonly (readonly Position[])[]) {
    for (const line of lines) {
      for (let k = 0; k + 1 < line.length; k++) {
        this.coords.push(line[k]![0]!, line[k]![1]!, line[k + 1]![0]!, line[k + 1]![1]!);
      }
    }
    const count = this.coords.length / 4;
    if (count === 0) return;
    this.index = new Flatbush(count);
    for (let s = 0; s < count; s++) {
      const [ax, ay, bx, by] = this.coords.slice(4 * s, 4 * s + 4) as [number, number, number, number];
      this.index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    }
    this.index.finish();
  }

  /** Whether (x, y) is within `metres` of a segment. */
  near(x: number, y: number, metres: number): boolean {
    if (!this.index) return false;
    const scale = metresPerDegree(y);
    const dx = metres / scale.lon;
    const dy = metres / scale.lat;
    const hits = this.index.search(x - dx, y - dy, x + dx, y + dy);
    for (const s of hits) {
      const ax = (this.coords[4 * s]! - x) * scale.lon;
      const ay = (this.coords[4 * s + 1]! - y) * scale.lat;
      const bx = (this.coords[4 * s + 2]! - x) * scale.lon;
      const by = (this.coords[4 * s + 3]! - y) * scale.lat;
      const lx = bx - ax;
      const ly = by - ay;
      const t = Math.max(0, Math.min(1, -(ax * lx + ay * ly) / (lx * lx + ly * ly || 1)));
      if (Math.hypot(ax + t * lx, ay + t * ly) <= metres) return true;
    }
    return false;
  }
}
