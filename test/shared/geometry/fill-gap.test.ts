import { describe, expect, it } from 'vitest';
import { fillGap, fillSmallGaps, findGaps } from '../../../shared/geometry/fill-gap';
import { polygonAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import { divisionOf, NO_RULE_SET_FOR_TESTS } from './division-fixtures';
import {
  communityEntity,
  expectValidOutput,
  gridEntity,
  polygon,
  rect,
  sharedEdges,
} from './geometry-test-helpers';
import type { AreaGeometry } from '../../../shared/model';
import { validateDivision } from '../../../shared/validate/validate-division';

const X = 104.75;
const Y = 29.36;
const COMMUNITY = rect(X, Y, X + 0.004, Y + 0.002);
/** West grid, and an east grid that leaves a 0.0005° strip uncovered between them. */
const WEST = rect(X, Y, X + 0.0015, Y + 0.002);
const EAST = rect(X + 0.002, Y, X + 0.004, Y + 0.002);
/** A small notch missing from the east grid's north-east corner. */
const EAST_NOTCHED = polygon([
  [X + 0.002, Y],
  [X + 0.004, Y],
  [X + 0.004, Y + 0.0019],
  [X + 0.0039, Y + 0.0019],
  [X + 0.0039, Y + 0.002],
  [X + 0.002, Y + 0.002],
]);

function gapIssues(grids: { id: string; geometry: AreaGeometry }[]): string[] {
  const division = divisionOf([
    communityEntity(COMMUNITY),
    ...grids.map((grid, i) => gridEntity(i + 1, grid.geometry)),
  ]);
  return validateDivision(division, NO_RULE_SET_FOR_TESTS)
    .issues.filter((issue) => issue.rule === 'gap' || issue.rule === 'overlap')
    .map((issue) => `${issue.rule} ${issue.areaM2 ?? ''}`);
}

describe('findGaps', () => {
  it('finds the uncovered pieces with their areas and neighbours, largest first', () => {
    const result = findGaps(COMMUNITY, [
      { id: 'west', geometry: WEST },
      { id: 'east', geometry: EAST_NOTCHED },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [strip, notch] = result.value;
    expect(result.value).toHaveLength(2);
    expectValidOutput(strip!.geometry);
    expect(strip!.areaM2).toBeCloseTo(polygonAreaM2(rect(X + 0.0015, Y, X + 0.002, Y + 0.002)), 6);
    expect(strip!.neighbours.map((n) => n.id)).toEqual(['west', 'east']);
    expect(strip!.neighbours[0]!.sharedM).toBeCloseTo(222, 0);
    expect(notch!.neighbours.map((n) => n.id)).toEqual(['east']);
    expect(notch!.areaM2).toBeLessThan(150);
  });

  it('finds nothing where grids tile the community', () => {
    const result = findGaps(COMMUNITY, [
      { id: 'west', geometry: rect(X, Y, X + 0.002, Y + 0.002) },
      { id: 'east', geometry: EAST },
    ]);
    expect(result.ok && result.value).toEqual([]);
  });
});

describe('fillGap', () => {
  const grids = [
    { id: 'west', geometry: WEST },
    { id: 'east', geometry: EAST },
  ];
  const at = [X + 0.00175, Y + 0.001];

  it('makes a gap a new grid that shares both neighbours’ edges exactly', () => {
    const result = fillGap(COMMUNITY, grids, at, { into: 'new-grid' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const created = result.value.created!;
    expectValidOutput(created);
    expect(sharedEdges(created, WEST)).toHaveLength(1);
    expect(sharedEdges(created, EAST)).toHaveLength(1);
    expect(gapIssues([...grids, { id: 'new', geometry: created }])).toEqual([]);
  });

  it('gives a gap to the neighbour with the longest shared edge, or the one named', () => {
    const longest = fillGap(COMMUNITY, grids, at, { into: 'neighbour' });
    expect(longest.ok && longest.value.changed.map((c) => c.id)).toEqual(['west']);
    const named = fillGap(COMMUNITY, grids, at, { into: 'neighbour', id: 'east' });
    expect(named.ok).toBe(true);
    if (!named.ok) return;
    const east = named.value.changed.find((c) => c.id === 'east')!.geometry;
    expectValidOutput(east);
    expect(gapIssues([grids[0]!, { id: 'east', geometry: east }])).toEqual([]);
  });

  it('refuses a place that is not a gap', () => {
    const result = fillGap(COMMUNITY, grids, [X + 0.0005, Y + 0.001], { into: 'new-grid' });
    expect(!result.ok && result.problems[0]!.kind).toBe('no-gap');
  });
});

describe('fillSmallGaps', () => {
  it('fills the gaps below the threshold and leaves the larger ones', () => {
    const grids = [
      { id: 'west', geometry: WEST },
      { id: 'east', geometry: EAST_NOTCHED },
    ];
    const result = fillSmallGaps(COMMUNITY, grids, 500);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.filled.map((g) => g.into)).toEqual(['east']);
    const east = result.value.changed.find((c) => c.id === 'east')!.geometry;
    expectValidOutput(east);
    // The notch's corners stay as vertices (operations never drop a grid's own vertices).
    expect(polygonAreaM2(east)).toBeCloseTo(polygonAreaM2(EAST), 6);
    expect(gapIssues([grids[0]!, { id: 'east', geometry: east }])).toHaveLength(1);
  });

  it('fills every gap with a large enough threshold: no gap left', () => {
    const grids = [
      { id: 'west', geometry: WEST },
      { id: 'east', geometry: EAST_NOTCHED },
    ];
    const result = fillSmallGaps(COMMUNITY, grids, 1e9);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const after = grids.map((grid) => result.value.changed.find((c) => c.id === grid.id) ?? grid);
    expect(gapIssues(after)).toEqual([]);
  });
});
