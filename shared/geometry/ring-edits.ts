import type { Position } from 'geojson';
import type { AreaGeometry, LocalText, Problem } from '../model';
import { text } from '../model';
import { toUnits } from './lattice';

/** True when two positions are the same point of the 1e-9° lattice. */
export function samePoint(a: Position, b: Position): boolean {
  return toUnits(a[0]!) === toUnits(b[0]!) && toUnits(a[1]!) === toUnits(b[1]!);
}

/**
 * Rewrites every ring of an area geometry through `edit`, which gets the ring without its closing vertex
 * and returns the new open ring; rings are closed again and consecutive duplicates (also across the
 * closing point) dropped. Returns undefined when `edit` changed nothing.
 */
export function editRings(
  geometry: AreaGeometry,
  edit: (ring: Position[]) => Position[],
): { geometry: AreaGeometry; shortRing: boolean } | undefined {
  let changed = false;
  let shortRing = false;
  const polygon = (rings: Position[][]): Position[][] =>
    rings.map((ring) => {
      const open = ring.length > 1 && samePoint(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring;
      const edited = edit(open);
      if (edited.length === open.length && edited.every((p, i) => p === open[i])) return ring;
      changed = true;
      const out: Position[] = [];
      for (const p of edited) if (!out.length || !samePoint(out[out.length - 1]!, p)) out.push(p);
      while (out.length > 1 && samePoint(out[0]!, out[out.length - 1]!)) out.pop();
      if (out.length < 3) shortRing = true;
      return out.length > 0 ? [...out, out[0]!] : out;
    });
  const next: AreaGeometry =
    geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: polygon(geometry.coordinates) }
      : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon) };
  return changed ? { geometry: next, shortRing } : undefined;
}

/** The refusal when an edit would leave a ring with fewer than three distinct vertices. */
export function shortRingProblem(what: LocalText): Problem {
  return {
    kind: 'short-ring',
    message: text(
      `${what.zh}的边界至少要有 3 个不同的顶点，不能再删或合并顶点。`,
      `The boundary of ${what.en} needs at least 3 different vertices: no vertex can be removed.`,
    ),
  };
}
