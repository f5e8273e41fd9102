import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { carvePolygon } from '../../../shared/geometry/carve-polygon';
import { clipToParentAndAvoidOverlap } from '../../../shared/geometry/clip-to-parent-and-avoid-overlap';
import { divisionOf, NO_RULE_SET_FOR_TESTS } from './division-fixtures';
import type { AreaGeometry, Grid } from '../../../shared/model';
import { polygonAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import { validateDivision } from '../../../shared/validate/validate-division';
import {
  communityEntity,
  expectValidOutput,
  gridEntity,
  rect,
  sharedEdges,
  verticesOf,
} from './geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
/** A community of 2×1 grids, each 0.002° square. */
const COMMUNITY = rect(X, Y, X + 0.004, Y + 0.002);
const WEST = rect(X, Y, X + 0.002, Y + 0.002);
const EAST = rect(X + 0.002, Y, X + 0.004, Y + 0.002);
const GRIDS = [
  { id: 'west', geometry: WEST },
  { id: 'east', geometry: EAST },
];

/** Overlap and gap issues of the community with these grids. */
function coverageIssues(grids: Grid[]): string[] {
  const division = divisionOf([communityEntity(COMMUNITY), ...grids]);
  return validateDivision(division, NO_RULE_SET_FOR_TESTS)
    .issues.filter((issue) => issue.rule === 'overlap' || issue.rule === 'gap')
    .map((issue) => `${issue.rule} ${issue.codes.join(',')}`);
}

function carve(drawn: Polygon, parent: AreaGeometry | undefined = COMMUNITY) {
  const result = carvePolygon({ drawn, ...(parent ? { parent } : {}), carveFrom: GRIDS });
  if (!result.ok) throw new Error(result.problems[0]!.message.en);
  return result.value;
}

describe('carvePolygon', () => {
  it('cuts a school inside one grid out of it, leaving a hole the school fills exactly', () => {
    const school = rect(X + 0.0005, Y + 0.0005, X + 0.001, Y + 0.001);
    const { carved, reduced } = carve(school);
    expectValidOutput(carved);
    expect(reduced.map((r) => r.id)).toEqual(['west']);
    const west = reduced[0]!.pieces[0]!;
    expectValidOutput(west);
    expect(west.coordinates).toHaveLength(2);
    expect(sharedEdges(west, carved)).toHaveLength(4);
    expect(polygonAreaM2(west) + polygonAreaM2(carved)).toBeCloseTo(polygonAreaM2(WEST), 4);
  });

  it('cuts across two grids: each keeps exactly the carved vertices along the cut', () => {
    const park = rect(X + 0.0015, Y + 0.0005, X + 0.0025, Y + 0.0025);
    const { carved, reduced } = carve(park);
    expectValidOutput(carved);
    // Clipped to the community: the park's top stops at the community's edge.
    expect(Math.max(...carved.coordinates[0]!.map((p) => p[1]!))).toBe(Y + 0.002);
    const pieces = Object.fromEntries(reduced.map((r) => [r.id, r.pieces]));
    expect(pieces.west).toHaveLength(1);
    expect(pieces.east).toHaveLength(1);
    for (const rest of [pieces.west![0]!, pieces.east![0]!]) {
      expectValidOutput(rest);
      const carvedVertices = verticesOf(carved);
      const onCut = sharedEdges(rest, carved);
      expect(onCut.length).toBeGreaterThan(0);
      for (const edge of onCut) for (const end of edge.split('|')) expect(carvedVertices).toContain(end);
    }
    const issues = coverageIssues([
      gridEntity(1, pieces.west![0]!),
      gridEntity(2, pieces.east![0]!),
      gridEntity(3, carved, { gridType: 'exclusive', exclusiveCategory: 'park' }),
    ]);
    expect(issues).toEqual([]);
  });

  it('removes a grid the carved area covers entirely', () => {
    const { reduced } = carve(rect(X - 0.001, Y - 0.001, X + 0.0025, Y + 0.003));
    const west = reduced.find((r) => r.id === 'west')!;
    expect(west.pieces).toEqual([]);
    expect(west.lostArea).toBe(true);
  });

  it('reports a grid the carved area cuts apart, with its pieces', () => {
    const road = rect(X + 0.0008, Y - 0.001, X + 0.0012, Y + 0.003);
    const { reduced } = carve(road);
    const west = reduced.find((r) => r.id === 'west')!;
    expect(west.pieces).toHaveLength(2);
    west.pieces.forEach(expectValidOutput);
  });

  it('gives crumbs of a grid left along the drawing to the carved area', () => {
    // A band across the west grid that stops 1e-8° (1 mm) short of its west edge: a ~0.2 m² crumb.
    const almost = rect(X + 0.00000001, Y - 0.001, X + 0.001, Y + 0.003);
    const { carved, reduced } = carve(almost);
    expect(Math.min(...carved.coordinates[0]!.map((p) => p[0]!))).toBe(X);
    expect(reduced.find((r) => r.id === 'west')!.pieces).toHaveLength(1);
  });

  it('avoids grids given to avoid, which only take its vertices', () => {
    const result = carvePolygon({
      drawn: rect(X + 0.001, Y + 0.0005, X + 0.003, Y + 0.0015),
      parent: COMMUNITY,
      carveFrom: [{ id: 'west', geometry: WEST }],
      avoid: [{ id: 'east', geometry: EAST }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Math.max(...result.value.carved.coordinates[0]!.map((p) => p[0]!))).toBe(X + 0.002);
    const east = result.value.touched.find((t) => t.id === 'east')!;
    expect(polygonAreaM2(east.geometry)).toBeCloseTo(polygonAreaM2(EAST), 6);
    expect(sharedEdges(east.geometry, result.value.carved)).toHaveLength(1);
  });

  it('refuses a drawing outside the community', () => {
    const result = carvePolygon({
      drawn: rect(X + 0.01, Y, X + 0.011, Y + 0.001),
      parent: COMMUNITY,
      carveFrom: GRIDS,
    });
    expect(!result.ok && result.problems[0]!.kind).toBe('nothing-left');
  });
});

describe('clipToParentAndAvoidOverlap', () => {
  it('keeps only what is inside the community and not yet covered, on the neighbours’ vertices', () => {
    // West grid only; the drawing overlaps it and sticks out of the community.
    const drawn = rect(X + 0.0015, Y - 0.0005, X + 0.0045, Y + 0.0025);
    const result = clipToParentAndAvoidOverlap(drawn, COMMUNITY, [{ id: 'west', geometry: WEST }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectValidOutput(result.value.geometry);
    expect(verticesOf(result.value.geometry)).toEqual(verticesOf(EAST));
    expect(sharedEdges(result.value.geometry, WEST)).toHaveLength(1);
    expect(result.value.neighbours).toEqual([]);
  });

  it('gives a neighbour the vertex where the drawing leaves its edge', () => {
    const drawn = rect(X + 0.0015, Y + 0.0005, X + 0.003, Y + 0.0015);
    const result = clipToParentAndAvoidOverlap(drawn, COMMUNITY, [{ id: 'west', geometry: WEST }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const west = result.value.neighbours.find((n) => n.id === 'west')!;
    expectValidOutput(west.geometry);
    expect(sharedEdges(west.geometry, result.value.geometry)).toHaveLength(1);
  });

  it('refuses a drawing whose rest falls into pieces, and one over covered ground', () => {
    const across = rect(X + 0.0005, Y - 0.0005, X + 0.001, Y + 0.0025);
    const pieces = clipToParentAndAvoidOverlap(across, COMMUNITY, [
      { id: 'band', geometry: rect(X, Y + 0.0008, X + 0.004, Y + 0.0012) },
    ]);
    expect(!pieces.ok && pieces.problems[0]!.kind).toBe('many-pieces');
    const covered = clipToParentAndAvoidOverlap(
      rect(X + 0.0005, Y + 0.0005, X + 0.001, Y + 0.001),
      COMMUNITY,
      GRIDS,
    );
    expect(!covered.ok && covered.problems[0]!.kind).toBe('nothing-left');
  });
});
