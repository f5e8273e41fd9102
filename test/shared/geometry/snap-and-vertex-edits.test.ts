import { describe, expect, it } from 'vitest';
import { deleteVertex } from '../../../shared/geometry/delete-vertex';
import { insertVertex } from '../../../shared/geometry/insert-vertex';
import { moveSharedVertex } from '../../../shared/geometry/move-shared-vertex';
import { snapCoordinate } from '../../../shared/geometry/snap-coordinate';
import { polygonAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import { expectValidOutput, polygon, rect, sharedEdges, verticesOf } from './geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
const WEST = { id: 'west', geometry: rect(X, Y, X + 0.002, Y + 0.002) };
const EAST = { id: 'east', geometry: rect(X + 0.002, Y, X + 0.004, Y + 0.002) };
/** A slanted edge from (X, Y) to (X + 0.0031, Y + 0.0017). */
const SLANTED = {
  id: 'slanted',
  geometry: polygon([
    [X, Y],
    [X + 0.0031, Y + 0.0017],
    [X, Y + 0.003],
  ]),
};

describe('snapCoordinate', () => {
  it('prefers a vertex within the tolerance over a nearer edge, naming every grid that has it', () => {
    // 0.5 m north of the shared corner's edge, 3 m from the corner itself.
    const result = snapCoordinate([X + 0.002 + 0.00003, Y + 0.002 + 0.000005], [WEST, EAST], {
      toleranceM: 5,
    });
    expect(result.kind).toBe('vertex');
    if (result.kind === 'none') return;
    expect(result.position).toEqual([X + 0.002, Y + 0.002]);
    expect(result.targets.map((t) => t.id).sort()).toEqual(['east', 'west']);
  });

  it('snaps to the nearest point of an edge when no vertex is near, on the edge to ~1e-13°', () => {
    const result = snapCoordinate([X + 0.0015, Y + 0.00082], [SLANTED], { toleranceM: 5 });
    expect(result.kind).toBe('edge');
    if (result.kind === 'none') return;
    const [x, y] = result.position as [number, number];
    // Off the line through (X, Y) and (X + 0.0031, Y + 0.0017) by a tiny fraction of a lattice unit.
    const off = Math.abs((x - X) * 0.0017 - (y - Y) * 0.0031) / Math.hypot(0.0031, 0.0017);
    expect(off).toBeLessThan(1e-11);
    expect(result.targets).toEqual([{ id: 'slanted', part: 0, ring: 0, index: 0 }]);
    expect(result.distanceM).toBeLessThan(5);
  });

  it('takes a tolerance in degrees of longitude, and snaps to nothing out of reach', () => {
    const far = snapCoordinate([X + 0.001, Y + 0.001], [WEST], { toleranceDeg: 0.0001 });
    expect(far).toEqual({ kind: 'none', position: [X + 0.001, Y + 0.001] });
    const near = snapCoordinate([X + 0.00005, Y + 0.001], [WEST], { toleranceDeg: 0.0001 });
    expect(near.kind).toBe('edge');
    expect(near.position).toEqual([X, Y + 0.001]);
  });
});

describe('moveSharedVertex', () => {
  it('moves the corner of every grid that has it, and nothing else', () => {
    const result = moveSharedVertex([WEST, EAST], [X + 0.002, Y + 0.002], [X + 0.0021, Y + 0.0019]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((c) => c.id)).toEqual(['west', 'east']);
    const [west, east] = result.value.map((c) => c.geometry);
    expect(verticesOf(west!).size).toBe(4);
    expectValidOutput(west!);
    expectValidOutput(east!);
    expect(sharedEdges(west!, east!)).toEqual([`${X + 0.002},${Y}|${X + 0.0021},${Y + 0.0019}`]);
  });

  it('refuses a move that makes a grid cross itself, and a vertex nobody has', () => {
    const crossing = moveSharedVertex([WEST], [X, Y], [X + 0.003, Y + 0.001]);
    expect(!crossing.ok && crossing.problems[0]!.kind).toBe('invalid-move');
    const nowhere = moveSharedVertex([WEST], [X + 0.001, Y + 0.001], [X, Y]);
    expect(!nowhere.ok && nowhere.problems[0]!.kind).toBe('no-vertex');
  });
});

describe('insertVertex and deleteVertex', () => {
  it('inserts the same vertex in both grids sharing an edge, on the edge', () => {
    const result = insertVertex(
      [WEST, EAST],
      [X + 0.002, Y],
      [X + 0.002, Y + 0.002],
      [X + 0.0021, Y + 0.0005],
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.position).toEqual([X + 0.002, Y + 0.0005]);
    const [west, east] = result.value.changed.map((c) => c.geometry);
    expect(sharedEdges(west!, east!)).toHaveLength(2);
    expect(polygonAreaM2(west!)).toBeCloseTo(polygonAreaM2(WEST.geometry), 8);
  });

  it('deletes a vertex from both grids sharing it', () => {
    const inserted = insertVertex([WEST, EAST], [X + 0.002, Y], [X + 0.002, Y + 0.002]);
    expect(inserted.ok).toBe(true);
    if (!inserted.ok) return;
    const grids = inserted.value.changed;
    const result = deleteVertex(grids, inserted.value.position);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(verticesOf(result.value[0]!.geometry)).toEqual(verticesOf(WEST.geometry));
    expect(verticesOf(result.value[1]!.geometry)).toEqual(verticesOf(EAST.geometry));
  });

  it('refuses to delete a junction of three boundaries and to leave fewer than three vertices', () => {
    const triangle = {
      id: 'triangle',
      geometry: polygon([
        [X, Y],
        [X + 0.001, Y],
        [X, Y + 0.001],
      ]),
    };
    const short = deleteVertex([triangle], [X, Y]);
    expect(!short.ok && short.problems[0]!.kind).toBe('short-ring');
    const north = { id: 'north', geometry: rect(X, Y + 0.002, X + 0.004, Y + 0.003) };
    const junction = deleteVertex([WEST, EAST, north], [X + 0.002, Y + 0.002]);
    expect(!junction.ok && junction.problems[0]!.kind).toBe('junction');
  });

  it('refuses an edge nobody has and one too short for another vertex', () => {
    const missing = insertVertex([WEST], [X, Y], [X + 0.002, Y + 0.002]);
    expect(!missing.ok && missing.problems[0]!.kind).toBe('no-edge');
    const tiny = { id: 'tiny', geometry: rect(X, Y, X + 0.000000001, Y + 0.000000001) };
    const short = insertVertex([tiny], [X, Y], [X + 0.000000001, Y]);
    expect(!short.ok && short.problems[0]!.kind).toBe('edge-too-short');
  });
});
