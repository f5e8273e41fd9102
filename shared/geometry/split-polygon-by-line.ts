import { appendAll, MIN_PIECE_AREA_M2 } from '../model';
import type { Polygon, Position } from 'geojson';
import type { AreaGeometry, LocalText, Result } from '../model';
import { fail, ok, text } from '../model';
import { polygonAreaM2 } from './ellipsoid-area';
import { locatePoint, PointLocation } from './locate-point';
import { preparePolygon } from './prepared-polygon';
import { invalidGeometryProblem } from './invalid-geometry-problem';
import { polygonsOf, toUnits } from './lattice';
import { buildOverlay } from './planar-overlay';
import type { RegionPolygon } from './planar-overlay';
import { verticesOf, vertexOnlyUpdates } from './trace-existing';
import type { AreaInput, ChangedArea } from './trace-existing';

/** Options of {@link splitPolygonByLine}. */
export interface SplitOptions {
  /**
   * Polygons around the one being split (its neighbouring grids). Where the cut ends on an edge they
   * share, they get the same new vertex, so the shared edge stays identical on both sides.
   */
  readonly neighbours?: readonly AreaInput[];
  /** A part smaller than this (m²) is taken for a slip of the mouse and the split is refused. Default 1. */
  readonly minPartAreaM2?: number;
  /** Names the polygon in messages; default 网格 / the grid. */
  readonly what?: LocalText;
}

/** The result of {@link splitPolygonByLine}. */
export interface SplitResult {
  /** Two or more parts, largest first. Together they are exactly the original polygon. */
  readonly parts: readonly Polygon[];
  /** Neighbours that gained the cut's end vertices on an edge they share (shape unchanged). */
  readonly neighbours: readonly ChangedArea[];
}

/**
 * Splits a polygon by a drawn polyline, in the manner of stack-notes' recipe generalised: every crossing
 * of the line with the boundary is computed, the polygon is cut into faces by the line, and each face is
 * one part. Both parts of a cut are traced from the same vertices, so the new shared edge is identical on
 * both sides, bit for bit; crossings are placed on the existing edge (to ~1e-13°), so the parts add up to
 * the original area. Ends of the line that run on outside or stop inside are ignored, so a line that
 * crosses more than twice or zig-zags gives more than two parts.
 *
 * Refuses, with a message for the planner: a line with fewer than two points, an invalid polygon, a line
 * that misses the polygon or does not cut it through, a line that loops inside the polygon (it would
 * leave a hole), and a cut that leaves a part under `minPartAreaM2`.
 *
 * Coordinates are rounded to 9 decimals (see `COORDINATE_DECIMALS`); the polygon should already be on
 * that lattice (everything the editor holds is), or the parts are compared with its rounded self.
 */
export function splitPolygonByLine(
  polygon: AreaGeometry,
  line: readonly Position[],
  options: SplitOptions = {},
): Result<SplitResult> {
  const what = options.what ?? text('网格', 'the grid');
  const distinct = new Set(
    line
      .filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
      .map((p) => `${toUnits(p[0]!)},${toUnits(p[1]!)}`),
  );
  if (distinct.size < 2) {
    return fail({
      kind: 'short-line',
      message: text(
        '拆分线至少需要两个不同的点：请画一条从网格外穿过网格到网格外的线。',
        'The split line needs at least two different points: draw a line from outside the grid, across it, to outside.',
      ),
    });
  }
  const invalid = invalidGeometryProblem(polygon, what);
  if (invalid) return fail(invalid);

  const neighbours = options.neighbours ?? [];
  const built = buildOverlay({
    polygons: [
      { geometry: polygon, role: 'fixed' },
      ...neighbours.map((n) => ({ geometry: n.geometry, role: 'fixed' as const })),
    ],
    lines: [line],
  });
  if (!built.ok) return built;
  const overlay = built.value;

  const groups = overlay.connectedGroups((face) => overlay.inside(face, 0), false);
  if (groups.length < 2) return fail(missedProblem(polygon, line, what));

  const rank = new Map<number, number>();
  overlay
    .sourceRings(0)
    .forEach((ring, r) => ring.forEach((v, i) => rank.has(v) || rank.set(v, r * 1e7 + i)));
  const regions: RegionPolygon[] = [];
  for (const group of groups) {
    const traced = overlay.trace(new Set(group), { startRank: (v) => rank.get(v) ?? 1e15 + v });
    appendAll(regions, traced);
  }
  const holesBefore = polygonsOf(polygon).reduce((sum, rings) => sum + rings.length - 1, 0);
  const holesAfter = regions.reduce((sum, region) => sum + region.holes.length, 0);
  if (regions.length !== groups.length || holesAfter > holesBefore) {
    return fail({
      kind: 'line-loops',
      message: text(
        `拆分线在${what.zh}内部绕成了圈，会留下一个洞：请画一条从网格外穿过网格到网格外、不绕圈的线。`,
        `The split line loops inside ${what.en} and would leave a hole: draw a line from outside, across, to outside, without a loop.`,
      ),
    });
  }
  const parts = regions
    .map((region) => overlay.toPolygon(region))
    .map((part) => ({ part, areaM2: polygonAreaM2(part) }))
    .sort((a, b) => b.areaM2 - a.areaM2);
  const minArea = options.minPartAreaM2 ?? MIN_PIECE_AREA_M2;
  const smallest = parts[parts.length - 1]!;
  if (smallest.areaM2 < minArea) {
    const shown = smallest.areaM2 < 0.1 ? smallest.areaM2.toPrecision(1) : smallest.areaM2.toFixed(1);
    return fail({
      kind: 'tiny-part',
      message: text(
        `这样拆分会切下一块只有 ${shown} 平方米的碎片：请重画拆分线（可吸附到顶点或边上）。`,
        `This cut would leave a sliver of only ${shown} m²: draw the line again (it can snap to vertices and edges).`,
      ),
    });
  }
  const shared = verticesOf(regions);
  return ok({
    parts: parts.map((p) => p.part),
    neighbours: vertexOnlyUpdates(overlay, neighbours, 1, shared),
  });
}

/** Why a line gave no split: it misses the polygon, or it enters without cutting it through. */
function missedProblem(polygon: AreaGeometry, line: readonly Position[], what: LocalText) {
  const prepared = preparePolygon(polygon);
  const touches =
    line.some((p) => locatePoint(prepared, p[0]!, p[1]!) !== PointLocation.outside) ||
    crossesBoundary(polygon, line);
  return touches
    ? {
        kind: 'line-not-through',
        message: text(
          `拆分线没有穿过${what.zh}：线的两端都要画到网格外面。请画一条从网格外穿过网格到网格外的线。`,
          `The split line does not cut through ${what.en}: both ends must be outside it. Draw a line from outside the grid, across it, to outside.`,
        ),
      }
    : {
        kind: 'line-misses',
        message: text(
          `拆分线没有碰到${what.zh}：请画一条从网格外穿过网格到网格外的线。`,
          `The split line does not touch ${what.en}: draw a line from outside the grid, across it, to outside.`,
        ),
      };
}

function crossesBoundary(polygon: AreaGeometry, line: readonly Position[]): boolean {
  const orient = (a: Position, b: Position, c: Position): number =>
    Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
  for (const rings of polygonsOf(polygon)) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        for (let j = 0; j + 1 < line.length; j++) {
          const c = line[j]!;
          const d = line[j + 1]!;
          if (orient(a, b, c) * orient(a, b, d) <= 0 && orient(c, d, a) * orient(c, d, b) <= 0) return true;
        }
      }
    }
  }
  return false;
}
