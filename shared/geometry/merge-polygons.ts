import type { Polygon } from 'geojson';
import type { AreaGeometry, LocalText, Result } from '../model';
import { fail, ok, text } from '../model';
import { invalidGeometryProblem } from './invalid-geometry-problem';
import { buildOverlay } from './planar-overlay';

/** Options of {@link mergePolygons}. */
export interface MergeOptions {
  /** Names of the polygons for messages, parallel to the input (e.g. grid codes). */
  readonly labels?: readonly string[];
  /**
   * Edges closer than this (lattice units of 1e-9°) count as the same edge; default 2 (shared edges
   * drawn twice with floating-point noise still merge without a sliver).
   */
  readonly snapUnits?: number;
}

/**
 * Merges two or more adjacent polygons into one. The overlay cancels every edge the polygons share, so
 * with bit-identical shared edges the result is exact: its boundary is made of the inputs' own vertices
 * (no new vertex, no rounding). Edges that match only within the snap distance merge as well.
 *
 * Refuses polygons that are not all connected by shared edges of positive length (touching at a corner
 * is not enough: the result would be two pieces), invalid polygons, and fewer than two inputs. A gap
 * enclosed by the merged polygons stays a hole of the result.
 */
export function mergePolygons(
  polygons: readonly AreaGeometry[],
  options: MergeOptions = {},
): Result<Polygon> {
  const label = (i: number): LocalText => {
    const name = options.labels?.[i];
    return name ? text(`网格（${name}）`, `grid ${name}`) : text(`第 ${i + 1} 个网格`, `grid ${i + 1}`);
  };
  if (polygons.length < 2) {
    return fail({
      kind: 'too-few',
      message: text('合并至少需要选择两个网格。', 'Select at least two grids to merge.'),
    });
  }
  for (let i = 0; i < polygons.length; i++) {
    const invalid = invalidGeometryProblem(polygons[i]!, label(i));
    if (invalid) return fail(invalid);
  }
  const built = buildOverlay({
    polygons: polygons.map((geometry) => ({ geometry, role: 'fixed' as const })),
    ...(options.snapUnits !== undefined ? { snapUnits: options.snapUnits } : {}),
  });
  if (!built.ok) return built;
  const overlay = built.value;

  // Which inputs touch along an edge (or overlap): they are joined by an edge between faces inside them.
  const n = polygons.length;
  const root = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)));
  const insideOf = (face: number): number[] => {
    const list: number[] = [];
    for (let s = 0; s < n; s++) if (overlay.inside(face, s)) list.push(s);
    return list;
  };
  const region = new Set<number>();
  for (const face of overlay.faces()) {
    const here = insideOf(face);
    if (here.length === 0) continue;
    region.add(face);
    for (const s of here) root[find(s)] = find(here[0]!);
  }
  for (const face of region) {
    const here = insideOf(face);
    for (const across of overlay.adjacentFaces(new Set([face]))) {
      for (const t of insideOf(across)) root[find(t)] = find(here[0]!);
    }
  }
  const lonely = Array.from({ length: n }, (_, i) => i).filter((i) => find(i) !== find(0));
  const pieces = overlay.trace(region);
  if (lonely.length > 0 || pieces.length !== 1) {
    const names = (lonely.length > 0 ? lonely : [1]).map(label);
    return fail({
      kind: 'not-adjacent',
      message: text(
        `所选网格不相邻：${names.map((l) => l.zh).join('、')}与其他网格没有公共边，无法合并成一个网格。`,
        `The selected grids are not adjacent: ${names.map((l) => l.en).join(', ')} shares no edge with the others, so they cannot become one grid.`,
      ),
    });
  }
  return ok(overlay.toPolygon(pieces[0]!));
}
