import type { Polygon } from 'geojson';
import type { AreaGeometry, LocalText, Problem, Result } from '../model';
import { fail, ok, text } from '../model';
import { polygonAreaM2 } from './ellipsoid-area';
import { invalidGeometryProblem } from './invalid-geometry-problem';
import { buildOverlay } from './planar-overlay';
import type { Overlay } from './planar-overlay';
import { facesInside, traceExisting, verticesOf, vertexOnlyUpdates } from './trace-existing';
import type { AreaInput, ChangedArea } from './trace-existing';

/** What {@link overlayNewArea} works on. */
export interface NewAreaInput {
  /** The polygon the planner drew. */
  readonly drawn: AreaGeometry;
  /** The community (or grid, for a micro-grid) the new area must stay inside; none: no clipping. */
  readonly parent?: AreaGeometry;
  /** Existing areas the new one is cut out of (carve). */
  readonly carveFrom: readonly AreaInput[];
  /** Existing areas the new one must avoid (clip), which keep their shape. */
  readonly avoid: readonly AreaInput[];
  /** Pieces smaller than this (m²) are slivers: see {@link overlayNewArea}. */
  readonly minPieceAreaM2: number;
  /** Names the new area in messages. */
  readonly what: LocalText;
}

/** A reduced existing area: no piece when it is covered, several when the new area cuts it apart. */
export interface ReducedArea {
  readonly id: string;
  /** What is left of it, largest first. */
  readonly pieces: readonly Polygon[];
  /** False when it only gained vertices on an edge it shares with the new area. */
  readonly lostArea: boolean;
}

/** The result of {@link overlayNewArea}. */
export interface NewAreaResult {
  readonly geometry: Polygon;
  /** Areas of `carveFrom` whose shape changed. */
  readonly reduced: readonly ReducedArea[];
  /** Areas of `avoid` that gained vertices of the new area on edges they share with it. */
  readonly touched: readonly ChangedArea[];
}

/**
 * The new area (drawn ∩ parent − avoided), the carved areas minus it, and vertex updates of avoided
 * areas, all traced from one overlay so that every edge between them is identical on both sides.
 *
 * Slivers: pieces of the new area under `minPieceAreaM2` away from its main piece are dropped (they stay
 * with whoever held them); pieces of a carved area under `minPieceAreaM2` that the new area would leave
 * behind are given to the new area (a drawing that almost follows a boundary must not leave crumbs).
 * Two or more pieces of the new area above the threshold are refused: the planner should draw them one
 * at a time.
 */
export function overlayNewArea(input: NewAreaInput): Result<NewAreaResult> {
  const invalid = invalidGeometryProblem(input.drawn, input.what);
  if (invalid) return fail(invalid);
  const hasParent = input.parent !== undefined;
  const carveStart = hasParent ? 2 : 1;
  const avoidStart = carveStart + input.carveFrom.length;
  const built = buildOverlay({
    polygons: [
      { geometry: input.drawn, role: 'free' },
      ...(input.parent ? [{ geometry: input.parent, role: 'fixed' as const }] : []),
      ...input.carveFrom.map((area) => ({ geometry: area.geometry, role: 'fixed' as const })),
      ...input.avoid.map((area) => ({ geometry: area.geometry, role: 'fixed' as const })),
    ],
  });
  if (!built.ok) return built;
  const overlay = built.value;
  const avoided = (face: number): boolean => {
    for (let i = 0; i < input.avoid.length; i++) if (overlay.inside(face, avoidStart + i)) return true;
    return false;
  };
  const candidate = (face: number): boolean =>
    overlay.inside(face, 0) && (!hasParent || overlay.inside(face, 1)) && !avoided(face);
  const pieces = overlay
    .connectedGroups(candidate)
    .map((faces) => ({ faces, areaM2: areaOfFaces(overlay, faces) }))
    .sort((a, b) => b.areaM2 - a.areaM2);
  const significant = pieces.filter((piece) => piece.areaM2 >= input.minPieceAreaM2);
  if (significant.length === 0) return fail(nothingLeftProblem(input.what, hasParent));
  if (significant.length > 1) return fail(manyPiecesProblem(input.what, significant.length));
  const region = new Set(significant[0]!.faces);

  // Crumbs of carved areas next to the new area go to it.
  for (let i = 0; i < input.carveFrom.length; i++) {
    const inside = facesInside(overlay, carveStart + i);
    if (![...inside].some((face) => region.has(face))) continue;
    for (const faces of overlay.connectedGroups((face) => inside.has(face) && !region.has(face))) {
      const touchesNew = [...overlay.adjacentFaces(new Set(faces))].some((face) => region.has(face));
      const inParent = !hasParent || faces.every((face) => overlay.inside(face, 1));
      if (touchesNew && inParent && areaOfFaces(overlay, faces) < input.minPieceAreaM2)
        for (const face of faces) region.add(face);
    }
  }

  const traced = overlay.trace(region);
  if (traced.length !== 1) return fail(manyPiecesProblem(input.what, traced.length));
  const shared = verticesOf(traced);
  const reduced: ReducedArea[] = [];
  input.carveFrom.forEach((area, i) => {
    const source = carveStart + i;
    const before = facesInside(overlay, source);
    const after = new Set([...before].filter((face) => !region.has(face)));
    if (after.size === before.size) {
      const updated = vertexOnlyUpdates(overlay, [area], source, shared);
      if (updated.length > 0)
        reduced.push({ id: area.id, pieces: polygonsOfGeometry(updated[0]!.geometry), lostArea: false });
      return;
    }
    const groups = overlay.connectedGroups((face) => after.has(face));
    const left = groups
      .flatMap((faces) => traceExisting(overlay, source, new Set(faces), shared).polygons)
      .map((polygon) => ({ polygon, areaM2: polygonAreaM2(polygon) }))
      .sort((a, b) => b.areaM2 - a.areaM2)
      .map((piece) => piece.polygon);
    reduced.push({ id: area.id, pieces: left, lostArea: true });
  });
  return ok({
    geometry: overlay.toPolygon(traced[0]!),
    reduced,
    touched: vertexOnlyUpdates(overlay, input.avoid, avoidStart, shared),
  });
}

function polygonsOfGeometry(geometry: AreaGeometry): Polygon[] {
  return geometry.type === 'Polygon'
    ? [geometry]
    : geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

/** Area in m² of a set of faces (traced, so holes count). */
export function areaOfFaces(overlay: Overlay, faces: readonly number[]): number {
  return overlay.polygonsOf(new Set(faces)).reduce((sum, polygon) => sum + polygonAreaM2(polygon), 0);
}

function nothingLeftProblem(what: LocalText, hasParent: boolean): Problem {
  return {
    kind: 'nothing-left',
    message: hasParent
      ? text(
          `所画的${what.zh}不在所属社区/行政村内，或已全部被其他网格占用：请在空白处或社区/行政村范围内重画。`,
          `The drawing of ${what.en} is outside its community or village, or entirely over other grids: draw it again inside.`,
        )
      : text(
          `所画的${what.zh}已全部被其他网格占用：请在空白处重画。`,
          `The drawing of ${what.en} is entirely over other grids: draw it again in an empty place.`,
        ),
  };
}

function manyPiecesProblem(what: LocalText, count: number): Problem {
  return {
    kind: 'many-pieces',
    message: text(
      `所画的${what.zh}去掉社区/行政村以外和与其他网格重叠的部分后分成了 ${count} 块：一个网格只能是一块，请分开画。`,
      `Without the parts outside its community and over other grids, the drawing of ${what.en} falls into ${count} pieces: a grid is one piece, draw them one at a time.`,
    ),
  };
}
