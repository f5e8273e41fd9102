import Flatbush from 'flatbush';
import type { Overlay } from '../geometry/planar-overlay';

/**
 * Point location among chosen faces of an overlay: each face's sides (outer cycle and holes alike) as
 * segments in degrees, a box index over the faces, and an even-odd test. A point exactly on an edge goes
 * to either face; division never puts a cut through a census point, so that only happens where a guide
 * line runs through one.
 */
export class FaceLocator {
  private readonly faces: number[];
  private readonly segments: Float64Array[];
  private readonly index: Flatbush | undefined;

  constructor(overlay: Overlay, faces: readonly number[]) {
    this.faces = [...faces];
    this.segments = [];
    const boxes: [number, number, number, number][] = [];
    for (const face of this.faces) {
      const sides = overlay.faceSides(face);
      const coords = new Float64Array(sides.length * 4);
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      sides.forEach((side, i) => {
        const [ax, ay] = overlay.position(side.from);
        const [bx, by] = overlay.position(side.to);
        coords[4 * i] = ax;
        coords[4 * i + 1] = ay;
        coords[4 * i + 2] = bx;
        coords[4 * i + 3] = by;
        minX = Math.min(minX, ax, bx);
        minY = Math.min(minY, ay, by);
        maxX = Math.max(maxX, ax, bx);
        maxY = Math.max(maxY, ay, by);
      });
      this.segments.push(coords);
      boxes.push([minX, minY, maxX, maxY]);
    }
    if (boxes.length > 0) {
      const index = new Flatbush(boxes.length);
      for (const [minX, minY, maxX, maxY] of boxes) index.add(minX, minY, maxX, maxY);
      index.finish();
      this.index = index;
    }
  }

  /** The face containing the point, or -1. */
  locate(x: number, y: number): number {
    if (!this.index) return -1;
    const candidates = this.index.search(x, y, x, y);
    candidates.sort((a, b) => a - b);
    for (const i of candidates) {
      const coords = this.segments[i]!;
      let inside = false;
      for (let k = 0; k < coords.length; k += 4) {
        const ax = coords[k]!;
        const ay = coords[k + 1]!;
        const bx = coords[k + 2]!;
        const by = coords[k + 3]!;
        if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
      }
      if (inside) return this.faces[i]!;
    }
    // On an edge: the nearest candidate face by box (rare; a guide line through a census point).
    return candidates.length > 0 ? this.faces[candidates[0]!]! : -1;
  }
}
