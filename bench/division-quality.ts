import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import type { AreaGeometry, Division, ReferenceLayer, RuleSet } from '../shared/model';
import { isLineRole } from '../shared/model';
import { polygonsOf } from '../shared/geometry/lattice';
import { locatePoint, PointLocation } from '../shared/geometry/locate-point';
import { segmentLengthM } from '../shared/geometry/metres-per-degree';
import { preparePolygon } from '../shared/geometry/prepared-polygon';
import { polsbyPopper } from '../shared/geometry/polsby-popper';
import { validateDivision } from '../shared/validate/validate-division';
import { SegmentIndex } from './segment-index';

// The quality figures of issue 13, measured the same way on any division (baselines and GridPlan's
// proposal alike), from the division alone: the validator for gaps, overlaps and household targets,
// point location for "every census point in exactly one grid", and geometry for compactness and for
// how much of the grids' internal boundaries lies on streets.

/** Quality of the grids of some communities of a division. */
export interface DivisionQuality {
  readonly urbanGrids: number;
  /** Urban grids within the rule set's target (households or population, as the validator judges). */
  readonly urbanInBand: number;
  readonly grids: number;
  /** Gap and overlap issues of at least 1 m² (the validator's default tolerance), and other errors. */
  readonly gaps: number;
  readonly overlaps: number;
  readonly otherErrors: number;
  readonly points: number;
  /** Census points inside exactly one grid (a point on a shared edge counts once, by the tie rule). */
  readonly pointsExactlyOnce: number;
  /** Polsby-Popper 4πA/P² over the urban grids (areas and perimeters in metres). */
  readonly compactnessMean: number;
  readonly compactnessMin: number;
  /** Share of the internal grid boundary length (not on a community boundary) lying on guide lines. */
  readonly streetShare: number;
  /** The same, counting compound polygon edges (never-cut guides) as well as guide lines. */
  readonly guideShare: number;
  readonly internalBoundaryKm: number;
}

export function ringsOf(geometry: AreaGeometry): Position[][] {
  return polygonsOf(geometry).flat();
}

/** Lines of the guide layers that boundaries should follow (roads, rivers, railways). */
export function guideLines(guides: readonly ReferenceLayer[]): Position[][] {
  const lines: Position[][] = [];
  for (const layer of guides) {
    if (!isLineRole(layer.role)) continue;
    for (const feature of layer.features) {
      const g = feature.geometry;
      if (g.type === 'LineString') lines.push(g.coordinates);
      else if (g.type === 'MultiLineString') lines.push(...g.coordinates);
    }
  }
  return lines;
}

/** Outlines of the guide polygons (compounds, buildings): edges a boundary may follow without cutting them. */
function guidePolygonRings(guides: readonly ReferenceLayer[]): Position[][] {
  const rings: Position[][] = [];
  for (const layer of guides) {
    if (isLineRole(layer.role)) continue;
    for (const feature of layer.features) {
      const g = feature.geometry;
      if (g.type === 'Polygon' || g.type === 'MultiPolygon') rings.push(...ringsOf(g));
    }
  }
  return rings;
}

/**
 * Measures the grids of the named communities (all when `communityCodes` is empty). Gaps and overlaps
 * are counted over the whole division (the validator's `gap` and `overlap` issues of grids).
 */
export function divisionQuality(
  division: Division,
  ruleSet: RuleSet,
  guides: readonly ReferenceLayer[],
  communityCodes: readonly string[] = [],
): DivisionQuality {
  const chosen = (code: string) => communityCodes.length === 0 || communityCodes.includes(code);
  const report = validateDivision(division, ruleSet, { minAreaM2: 1 });
  const gridRows = report.grids.filter((g) => chosen(g.parentCode));
  const urbanRows = gridRows.filter((g) => g.gridType === 'urban');
  // Grid-level issues only: a gap inside a chosen community, an overlap between two grids.
  const gridCodes = new Set([...division.grid.values()].map((g) => g.code));
  const communityCodesAll = new Set([...division.community.values()].map((c) => c.code));
  const gaps = report.issues.filter(
    (i) =>
      i.rule === 'gap' &&
      i.parentCode !== undefined &&
      communityCodesAll.has(i.parentCode) &&
      chosen(i.parentCode),
  ).length;
  const overlaps = report.issues.filter(
    (i) => i.rule === 'overlap' && i.codes.every((c) => gridCodes.has(c)),
  ).length;
  const otherErrors = report.issues.filter(
    (i) =>
      i.severity === 'error' && !['gap', 'overlap', 'unassigned-point', 'missing-attribute'].includes(i.rule),
  ).length;

  const grids = [...division.grid.values()].filter((g) => chosen(g.parentCode));
  const prepared = grids.map((g) => preparePolygon(g.geometry));
  const boxes = new Flatbush(Math.max(1, prepared.length));
  for (const p of prepared) boxes.add(p.minX, p.minY, p.maxX, p.maxY);
  if (prepared.length === 0) boxes.add(0, 0, 0, 0);
  boxes.finish();
  const communityByCode = new Map([...division.community.values()].map((c) => [c.code, c]));
  const communities = [...division.community.values()].filter((c) => chosen(c.code));
  const preparedCommunities = communities.map((c) => preparePolygon(c.geometry));
  let points = 0;
  let once = 0;
  for (const point of division.census.values()) {
    if (!preparedCommunities.some((c) => locatePoint(c, point.lon, point.lat) !== PointLocation.outside))
      continue;
    points++;
    let inside = 0;
    let boundary = 0;
    for (const k of boxes.search(point.lon, point.lat, point.lon, point.lat)) {
      if (k >= prepared.length) continue;
      const where = locatePoint(prepared[k]!, point.lon, point.lat);
      if (where === PointLocation.inside) inside++;
      else if (where === PointLocation.boundary) boundary++;
    }
    if (inside === 1 || (inside === 0 && boundary > 0)) once++;
  }

  const urbanGrids = grids.filter((g) => g.gridType === 'urban');
  const scores = urbanGrids.map((g) => polsbyPopper(g.geometry));
  const streets = new SegmentIndex(guideLines(guides));
  const edges = new SegmentIndex(guidePolygonRings(guides));
  let internal = 0;
  let onStreet = 0;
  let onGuide = 0;
  for (const grid of grids) {
    const parent = communityByCode.get(grid.parentCode);
    const outline = new SegmentIndex(parent ? ringsOf(parent.geometry) : []);
    for (const ring of ringsOf(grid.geometry)) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [ax, ay] = ring[k] as [number, number];
        const [bx, by] = ring[k + 1] as [number, number];
        const length = segmentLengthM(ax, ay, bx, by);
        // Pieces of at most 10 m, each judged at its middle: a boundary partly on a street counts partly.
        const pieces = Math.max(1, Math.ceil(length / 10));
        for (let s = 0; s < pieces; s++) {
          const t = (s + 0.5) / pieces;
          const x = ax + (bx - ax) * t;
          const y = ay + (by - ay) * t;
          if (outline.near(x, y, 0.5)) continue;
          internal += length / pieces;
          if (streets.near(x, y, 1)) {
            onStreet += length / pieces;
            onGuide += length / pieces;
          } else if (edges.near(x, y, 1)) onGuide += length / pieces;
        }
      }
    }
  }
  return {
    urbanGrids: urbanRows.length,
    urbanInBand: urbanRows.filter((g) => g.target === 'ok').length,
    grids: gridRows.length,
    gaps,
    overlaps,
    otherErrors,
    points,
    pointsExactlyOnce: once,
    compactnessMean: scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : 0,
    compactnessMin: scores.length > 0 ? Math.min(...scores) : 0,
    streetShare: internal > 0 ? onStreet / internal : 0,
    guideShare: internal > 0 ? onGuide / internal : 0,
    internalBoundaryKm: internal / 2000,
  };
}
