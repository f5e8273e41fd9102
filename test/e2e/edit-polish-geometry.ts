import type { Position } from 'geojson';
import { interiorPoint } from '../../shared/geometry/interior-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import type { Division, Grid } from '../../shared/model';
import { splitTargets } from '../../renderer/tools/split-targets';

const key = (p: Position): string => `${p[0]},${p[1]}`;
const ringOf = (grid: Grid): Position[] =>
  grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : grid.geometry.coordinates[0]![0]!;

/** Lines for the split-target tests: grid `a` next to grid `b` of another community. */
export interface CrossCommunityLines {
  readonly a: Grid;
  readonly b: Grid;
  /** A straight line from just inside `b`, across the edge they share, through and out of `a`: splits `a` only. */
  readonly endsInNeighbour: Position[];
  /** The same line from beyond `b`: it cuts through both, so without a selection it is refused. */
  readonly throughBoth: Position[];
}

/**
 * Finds two grids of different communities sharing an edge, and straight two-point lines through the
 * shared edge's midpoint and `a`'s interior: one starting just inside `b` (the split tool must split `a`
 * only), one starting beyond `b` (refused). Checked with the tool's own choice of targets before the UI is
 * driven.
 */
export function crossCommunityLines(division: Division): CrossCommunityLines {
  const grids = [...division.grid.values()].filter((g) => g.geometry.type === 'Polygon' && !g.locked);
  for (const a of grids)
    for (const b of grids) {
      if (a.parentCode === b.parentCode) continue;
      const ringA = ringOf(a);
      const edgesB = new Set<string>();
      const ringB = ringOf(b);
      for (let i = 0; i + 1 < ringB.length; i++) edgesB.add(`${key(ringB[i]!)}|${key(ringB[i + 1]!)}`);
      for (let i = 0; i + 1 < ringA.length; i++) {
        const p = ringA[i]!;
        const q = ringA[i + 1]!;
        if (!edgesB.has(`${key(q)}|${key(p)}`) && !edgesB.has(`${key(p)}|${key(q)}`)) continue;
        const m: Position = [(p[0]! + q[0]!) / 2, (p[1]! + q[1]!) / 2];
        const ca = interiorPoint(preparePolygon(a.geometry));
        const along = (t: number): Position => [m[0]! + (ca[0] - m[0]!) * t, m[1]! + (ca[1] - m[1]!) * t];
        for (const k of [1.6, 2.2, 3]) {
          const one = splitTargets(division, [along(-0.15), along(k)], null);
          if (!(
            one.ok &&
            one.value.layer === 'grid' &&
            one.value.ids.length === 1 &&
            one.value.ids[0] === a.id
          ))
            continue;
          for (const s of [0.6, 1, 1.5, 2.5]) {
            const both = splitTargets(division, [along(-s), along(k)], null);
            if (!both.ok && both.problems[0]!.kind === 'several-communities')
              return { a, b, endsInNeighbour: [along(-0.15), along(k)], throughBoth: [along(-s), along(k)] };
          }
        }
      }
    }
  throw new Error('no pair of grids of different communities with a usable shared edge');
}

/**
 * A vertex of a grid shared with exactly one other grid and with no community boundary, both of its edges
 * shared with that grid: dragging it a little snaps to nothing once the grid's own geometry is left out.
 */
export function innerSharedVertex(division: Division): { grid: Grid; other: Grid; vertex: Position } {
  const communityVertices = new Set<string>();
  for (const c of division.community.values())
    for (const rings of c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates)
      for (const ring of rings) for (const p of ring) communityVertices.add(key(p));
  const grids = [...division.grid.values()].filter((g) => g.geometry.type === 'Polygon');
  const owners = new Map<string, Grid[]>();
  for (const g of grids)
    for (const p of ringOf(g).slice(0, -1)) owners.set(key(p), [...(owners.get(key(p)) ?? []), g]);
  let best: { grid: Grid; other: Grid; vertex: Position; clearance: number } | undefined;
  for (const grid of grids) {
    const ring = ringOf(grid).slice(0, -1);
    ring.forEach((v, i) => {
      const who = owners.get(key(v)) ?? [];
      if (who.length !== 2 || communityVertices.has(key(v))) return;
      const other = who.find((g) => g !== grid)!;
      const before = ring[(i + ring.length - 1) % ring.length]!;
      const after = ring[(i + 1) % ring.length]!;
      const otherKeys = new Set(ringOf(other).map(key));
      if (!otherKeys.has(key(before)) || !otherKeys.has(key(after))) return;
      // Room around it: the nearest other vertex of any grid.
      let clearance = Infinity;
      for (const k of owners.keys()) {
        if (k === key(v)) continue;
        const [x, y] = k.split(',').map(Number) as [number, number];
        clearance = Math.min(clearance, Math.hypot(x - v[0]!, y - v[1]!));
      }
      if (!best || clearance > best.clearance) best = { grid, other, vertex: v, clearance };
    });
  }
  if (!best) throw new Error('no inner shared vertex');
  return best;
}
