import { describe, expect, it } from 'vitest';
import { snapToDivision } from '../../../renderer/editor/snap-to-division';
import type { SnapExclusion } from '../../../renderer/editor/snap-to-division';
import { divisionOf } from '../../shared/geometry/division-fixtures';
import { communityEntity, gridEntity, polygon, rect } from '../../shared/geometry/geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
// Community 0.006° wide, its outline through the grids' corners; grid 1 west, grid 2 in the middle, grid 3
// east; 0.0001° ≈ 10 m of tolerance.
const outline = polygon([
  [X, Y],
  [X + 0.002, Y],
  [X + 0.004, Y],
  [X + 0.006, Y],
  [X + 0.006, Y + 0.002],
  [X + 0.004, Y + 0.002],
  [X + 0.002, Y + 0.002],
  [X, Y + 0.002],
]);
const division = divisionOf([
  communityEntity(outline),
  gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002)),
  gridEntity(2, rect(X + 0.002, Y, X + 0.004, Y + 0.002)),
  gridEntity(3, rect(X + 0.004, Y, X + 0.006, Y + 0.002)),
]);
const TOLERANCE = 0.0001;
const editing = (sequence: number): SnapExclusion => {
  const grid = division.grid.get(`grid-51030200300100${sequence}`)!;
  return { layer: 'grid', id: grid.id, geometry: grid.geometry };
};

describe('snapToDivision while a grid’s vertex is dragged (issue 11 item 8)', () => {
  // The north-east corner of grid 1, which grid 2 and the community share, dragged ~2 m south-west.
  const dragged: [number, number] = [X + 0.002 - 0.00002, Y + 0.002 - 0.00002];

  it('snaps back to the old corner when nothing is excluded (what planners tripped over)', () => {
    expect(snapToDivision(division, dragged, TOLERANCE)).toEqual({
      position: [X + 0.002, Y + 0.002],
      kind: 'vertex',
    });
  });

  it('stays where it was dropped: neither the grid’s own vertices and edges nor the copies its neighbours share attract it', () => {
    // Grid 2's northern edge leaves the corner: it attracts along its length, not at the old corner.
    expect(snapToDivision(division, dragged, TOLERANCE, [], editing(1))).toBeUndefined();
    const along = snapToDivision(
      division,
      [X + 0.002 + 0.00003, Y + 0.002 - 0.00001],
      TOLERANCE,
      [],
      editing(1),
    );
    expect(along?.kind).toBe('edge');
    expect(along?.position[0]).toBeCloseTo(X + 0.002 + 0.00003, 9);
  });

  it('still snaps to other features: a neighbour’s own edge, another grid’s vertex', () => {
    // Near grid 2's southern edge away from grid 1: an edge of another feature (also the community's).
    const nearEdge = snapToDivision(division, [X + 0.003, Y + 0.00002], TOLERANCE, [], editing(1));
    expect(nearEdge?.kind).toBe('edge');
    expect(nearEdge?.position[1]).toBeCloseTo(Y, 9);
    // Editing grid 2: grid 3's far corner is not grid 2's, and it attracts the pointer.
    const nearVertex = snapToDivision(division, [X + 0.006 - 0.00002, Y + 0.001], TOLERANCE, [], editing(2));
    expect(nearVertex?.kind).toBe('edge');
    const corner = snapToDivision(division, [X + 0.006 - 0.00002, Y + 0.00001], TOLERANCE, [], editing(2));
    expect(corner).toEqual({ position: [X + 0.006, Y], kind: 'vertex' });
  });
});
