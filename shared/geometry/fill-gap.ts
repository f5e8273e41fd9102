import type { Polygon, Position } from 'geojson';
import type { AreaGeometry, Result } from '../model';
import { appendAll, fail, ok, text } from '../model';
import { polygonAreaM2 } from './ellipsoid-area';
import { interiorPoint } from './interior-point';
import { locatePoint, PointLocation } from './locate-point';
import { preparePolygon } from './prepared-polygon';
import { buildOverlay } from './planar-overlay';
import type { Overlay, RegionPolygon } from './planar-overlay';
import { asAreaGeometry, facesInside, traceExisting, verticesOf, vertexOnlyUpdates } from './trace-existing';
import type { AreaInput, ChangedArea } from './trace-existing';

/** A grid along a gap and the length of boundary they share. */
export interface GapNeighbour {
  readonly id: string;
  readonly sharedM: number;
}

/** An uncovered piece of a community (community minus the union of its grids). */
export interface Gap {
  readonly geometry: Polygon;
  readonly areaM2: number;
  /** A point inside the gap: to label it and to name it in {@link fillGap}. */
  readonly at: readonly [number, number];
  /** Grids along the gap, longest shared boundary first (ties: input order). */
  readonly neighbours: readonly GapNeighbour[];
}

/** Where {@link fillGap} puts a gap. */
export type GapTarget =
  | { readonly into: 'new-grid' }
  /** Into a neighbouring grid: `id`, or by default the one with the longest shared boundary. */
  | { readonly into: 'neighbour'; readonly id?: string };

/** The result of {@link fillGap}. */
export interface FillGapResult {
  readonly gap: Gap;
  /** The new grid's geometry, when the gap becomes a grid. */
  readonly created?: Polygon;
  /** The grid that took the gap (new geometry) and grids that gained vertices on shared edges. */
  readonly changed: readonly ChangedArea[];
}

/** The result of {@link fillSmallGaps}. */
export interface FillSmallGapsResult {
  /** Grids that took gaps, and grids that gained vertices on shared edges. */
  readonly changed: readonly ChangedArea[];
  /** The gaps that were filled, each with the id of the grid that took it. */
  readonly filled: readonly (Gap & { readonly into: string })[];
  /** Small gaps no grid touches along an edge (left as they are). */
  readonly unfilled: readonly Gap[];
}

interface GapFaces {
  readonly gap: Gap;
  readonly faces: readonly number[];
  readonly regions: RegionPolygon[];
}

function gapOverlay(parent: AreaGeometry, grids: readonly AreaInput[]): Result<Overlay> {
  return buildOverlay({
    polygons: [
      { geometry: parent, role: 'fixed' },
      ...grids.map((grid) => ({ geometry: grid.geometry, role: 'fixed' as const })),
    ],
  });
}

function gapsOf(overlay: Overlay, grids: readonly AreaInput[]): GapFaces[] {
  const covered = (face: number): boolean => {
    for (let s = 1; s <= grids.length; s++) if (overlay.inside(face, s)) return true;
    return false;
  };
  const found: GapFaces[] = [];
  for (const faces of overlay.connectedGroups((face) => overlay.inside(face, 0) && !covered(face))) {
    const set = new Set(faces);
    const regions = overlay.trace(set);
    for (const region of regions) {
      const geometry = overlay.toPolygon(region);
      const neighbours = grids
        .map((grid, index) => ({
          id: grid.id,
          index,
          sharedM: overlay.sharedBoundaryM(set, (face) => overlay.inside(face, index + 1)),
        }))
        .filter((n) => n.sharedM > 0)
        .sort((a, b) => b.sharedM - a.sharedM || a.index - b.index)
        .map(({ id, sharedM }) => ({ id, sharedM }));
      found.push({
        gap: {
          geometry,
          areaM2: polygonAreaM2(geometry),
          at: interiorPoint(preparePolygon(geometry)),
          neighbours,
        },
        // A group traces to one polygon (faces joined by edges); were it ever more, each shares the faces.
        faces,
        regions: [region],
      });
    }
  }
  return found.sort((a, b) => b.gap.areaM2 - a.gap.areaM2);
}

/**
 * Finds the uncovered pieces of a community: the community minus the union of its grids, each with its
 * area and the grids along it. Largest first. Pieces under `minAreaM2` (default 0: all) are left out,
 * e.g. floating-point slivers under the validator's tolerance.
 */
export function findGaps(
  parent: AreaGeometry,
  grids: readonly AreaInput[],
  options: { readonly minAreaM2?: number } = {},
): Result<Gap[]> {
  const built = gapOverlay(parent, grids);
  if (!built.ok) return built;
  const minArea = options.minAreaM2 ?? 0;
  return ok(
    gapsOf(built.value, grids)
      .map((g) => g.gap)
      .filter((gap) => gap.areaM2 >= minArea),
  );
}

/**
 * Fills one gap, the one containing `at` (e.g. a gap's `at` from {@link findGaps}, or where the planner
 * clicked): it becomes a new grid, or it goes to a neighbouring grid, by default the one with the longest
 * shared boundary. Both are exact: the gap's boundary is made of the community's and the grids' own
 * vertices, and the grid that takes it loses the edges it shared with it.
 */
export function fillGap(
  parent: AreaGeometry,
  grids: readonly AreaInput[],
  at: Position,
  target: GapTarget,
): Result<FillGapResult> {
  const built = gapOverlay(parent, grids);
  if (!built.ok) return built;
  const overlay = built.value;
  const gaps = gapsOf(overlay, grids);
  const found = gaps.find(
    (g) => locatePoint(preparePolygon(g.gap.geometry), at[0]!, at[1]!) !== PointLocation.outside,
  );
  if (!found) {
    return fail({
      kind: 'no-gap',
      message: text(
        '这里没有空白：所选位置已被网格覆盖，或在社区/行政村范围之外。',
        'There is no gap here: the place is covered by a grid or outside the community.',
      ),
    });
  }
  const gapVertices = verticesOf(found.regions);
  if (target.into === 'new-grid') {
    return ok({
      gap: found.gap,
      created: found.gap.geometry,
      changed: vertexOnlyUpdates(overlay, grids, 1, gapVertices),
    });
  }
  const neighbour = target.id ?? found.gap.neighbours[0]?.id;
  const index = grids.findIndex((grid) => grid.id === neighbour);
  if (index < 0 || !found.gap.neighbours.some((n) => n.id === neighbour)) {
    return fail({
      kind: 'no-neighbour',
      message: text(
        '这块空白没有与之共边的网格可以并入：请把它新建为网格。',
        'No grid shares an edge with this gap to take it: make it a new grid instead.',
      ),
    });
  }
  return ok({
    gap: found.gap,
    changed: giveGaps(overlay, grids, new Map([[index, [found]]]), gapVertices),
  });
}

/**
 * Gives every gap smaller than `maxAreaM2` to the grid with which it shares the longest boundary, all in
 * one overlay (a grid taking several gaps takes them all at once). Gaps no grid touches along an edge are
 * reported as unfilled.
 */
export function fillSmallGaps(
  parent: AreaGeometry,
  grids: readonly AreaInput[],
  maxAreaM2: number,
): Result<FillSmallGapsResult> {
  const built = gapOverlay(parent, grids);
  if (!built.ok) return built;
  const overlay = built.value;
  const byGrid = new Map<number, GapFaces[]>();
  const filled: (Gap & { into: string })[] = [];
  const unfilled: Gap[] = [];
  for (const found of gapsOf(overlay, grids)) {
    if (found.gap.areaM2 >= maxAreaM2) continue;
    const into = found.gap.neighbours[0]?.id;
    if (into === undefined) {
      unfilled.push(found.gap);
      continue;
    }
    const index = grids.findIndex((grid) => grid.id === into);
    const list = byGrid.get(index);
    if (list) list.push(found);
    else byGrid.set(index, [found]);
    filled.push({ ...found.gap, into });
  }
  const gapVertices = verticesOf([...byGrid.values()].flat().flatMap((g) => g.regions));
  return ok({ changed: giveGaps(overlay, grids, byGrid, gapVertices), filled, unfilled });
}

/** New geometries of grids that take gaps, and vertex updates of the others. */
function giveGaps(
  overlay: Overlay,
  grids: readonly AreaInput[],
  byGrid: ReadonlyMap<number, readonly GapFaces[]>,
  gapVertices: ReadonlySet<number>,
): ChangedArea[] {
  const changed: ChangedArea[] = [];
  const shared = new Set(gapVertices);
  for (const [index, gaps] of byGrid) {
    const faces = facesInside(overlay, index + 1);
    for (const gap of gaps) for (const face of gap.faces) faces.add(face);
    const traced = traceExisting(overlay, index + 1, faces, gapVertices);
    for (const v of verticesOf(traced.regions)) shared.add(v);
    changed.push({ id: grids[index]!.id, geometry: asAreaGeometry(traced.polygons) });
  }
  const others = grids.map((grid, index) => ({ grid, index })).filter(({ index }) => !byGrid.has(index));
  for (const { grid, index } of others) {
    appendAll(changed, vertexOnlyUpdates(overlay, [grid], index + 1, shared));
  }
  return changed;
}
