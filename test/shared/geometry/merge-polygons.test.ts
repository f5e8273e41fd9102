import { describe, expect, it } from 'vitest';
import { mergePolygons } from '../../../shared/geometry/merge-polygons';
import type { AreaGeometry } from '../../../shared/model';
import { polygonAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import { expectValidOutput, polygon, rect, verticesOf } from './geometry-test-helpers';

const X = 104.75;
const Y = 29.36;

function merged(polygons: AreaGeometry[], labels?: string[]) {
  return mergePolygons(polygons, labels ? { labels } : {});
}

describe('mergePolygons', () => {
  it('cancels the shared edge of two squares exactly, keeping only their own vertices', () => {
    const a = rect(X, Y, X + 0.002, Y + 0.002);
    const b = rect(X + 0.002, Y, X + 0.004, Y + 0.002);
    const result = merged([a, b]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectValidOutput(result.value);
    // Corners of the result; the ends of the shared edge stay (they are also the squares' corners).
    expect(result.value.coordinates[0]).toEqual([
      [X, Y],
      [X + 0.002, Y],
      [X + 0.004, Y],
      [X + 0.004, Y + 0.002],
      [X + 0.002, Y + 0.002],
      [X, Y + 0.002],
      [X, Y],
    ]);
    expect(polygonAreaM2(result.value)).toBeCloseTo(polygonAreaM2(a) + polygonAreaM2(b), 6);
  });

  it('merges three grids in a row, given in any order', () => {
    const grids = [0, 2, 1].map((i) => rect(X + i * 0.001, Y, X + (i + 1) * 0.001, Y + 0.001));
    const result = merged(grids);
    expect(result.ok && result.value.coordinates).toHaveLength(1);
  });

  it('tolerates a shared edge drawn twice with 1e-9 degree noise', () => {
    const a = rect(X, Y, X + 0.002, Y + 0.002);
    const b = polygon([
      [X + 0.002 + 1e-9, Y],
      [X + 0.004, Y],
      [X + 0.004, Y + 0.002],
      [X + 0.002 - 1e-9, Y + 0.002],
    ]);
    const result = merged([a, b]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectValidOutput(result.value);
    expect(result.value.coordinates).toHaveLength(1);
    expect(verticesOf(result.value).size).toBe(6);
  });

  it('merges across a T-junction (a vertex of one lying on the other’s edge)', () => {
    const tall = rect(X, Y, X + 0.001, Y + 0.002);
    const lower = rect(X + 0.001, Y, X + 0.002, Y + 0.001);
    const upper = rect(X + 0.001, Y + 0.001, X + 0.002, Y + 0.002);
    const result = merged([tall, lower, upper]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectValidOutput(result.value);
    expect(polygonAreaM2(result.value)).toBeCloseTo(polygonAreaM2(rect(X, Y, X + 0.002, Y + 0.002)), 5);
  });

  it('keeps an enclosed gap as a hole', () => {
    const ring = [
      rect(X, Y, X + 0.003, Y + 0.001),
      rect(X, Y + 0.002, X + 0.003, Y + 0.003),
      rect(X, Y + 0.001, X + 0.001, Y + 0.002),
      rect(X + 0.002, Y + 0.001, X + 0.003, Y + 0.002),
    ];
    const result = merged(ring);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectValidOutput(result.value);
    expect(result.value.coordinates).toHaveLength(2);
  });

  describe('refuses', () => {
    it('grids that touch only at a corner, naming them', () => {
      const result = merged(
        [rect(X, Y, X + 0.001, Y + 0.001), rect(X + 0.001, Y + 0.001, X + 0.002, Y + 0.002)],
        ['510302003001001', '510302003001002'],
      );
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems[0]!.kind).toBe('not-adjacent');
      expect(result.problems[0]!.message.zh).toContain('510302003001002');
    });

    it('grids far apart', () => {
      const result = merged([rect(X, Y, X + 0.001, Y + 0.001), rect(X + 0.003, Y, X + 0.004, Y + 0.001)]);
      expect(!result.ok && result.problems[0]!.kind).toBe('not-adjacent');
    });

    it('a single grid', () => {
      const result = merged([rect(X, Y, X + 0.001, Y + 0.001)]);
      expect(!result.ok && result.problems[0]!.kind).toBe('too-few');
    });

    it('an invalid grid', () => {
      const bowTie = polygon([
        [X, Y],
        [X + 0.001, Y + 0.001],
        [X + 0.001, Y],
        [X, Y + 0.001],
      ]);
      const result = merged([bowTie, rect(X + 0.001, Y, X + 0.002, Y + 0.001)]);
      expect(!result.ok && result.problems[0]!.kind).toBe('invalid-geometry');
    });
  });
});
