import { describe, expect, it } from 'vitest';
import { crossSign, orientation } from '../../../shared/geometry/exact-orientation';
import { roundGeometry, toDegrees, toUnits } from '../../../shared/geometry/lattice';
import { latticeNearSegment } from '../../../shared/geometry/lattice-near-segment';
import { buildOverlay } from '../../../shared/geometry/planar-overlay';
import type { Overlay } from '../../../shared/geometry/planar-overlay';
import { polygon, rect, verticesOf } from './geometry-test-helpers';

function overlayOf(...args: Parameters<typeof buildOverlay>): Overlay {
  const built = buildOverlay(...args);
  if (!built.ok) throw new Error(built.problems[0]!.message.en);
  return built.value;
}

describe('exact orientation', () => {
  it('gets the sign right where floating point loses it', () => {
    // Products near 1e23 differ by 1: doubles round both to the same value.
    const big = 180_000_000_000;
    expect(crossSign(big, big - 1, big + 1, big)).toBe(1);
    expect(crossSign(big + 1, big, big, big - 1)).toBe(-1);
    expect(crossSign(big, big, 2 * big, 2 * big)).toBe(0);
    expect(orientation(0, 0, 10, 0, 5, 1)).toBe(1);
    expect(orientation(0, 0, 10, 0, 5, -1)).toBe(-1);
  });
});

describe('lattice', () => {
  it('round-trips 9-decimal coordinates exactly and prints at most 9 decimals', () => {
    for (const value of [104.123456789, -0.000000001, 29.3865207, 180, -180]) {
      expect(toDegrees(toUnits(value))).toBe(value);
    }
    expect(toDegrees(toUnits(104.1234567891234))).toBe(104.123456789);
    expect(Object.is(toDegrees(toUnits(-1e-12)), 0)).toBe(true);
  });

  it('rounds geometry and drops the duplicates rounding makes', () => {
    const rounded = roundGeometry(
      polygon([
        [0, 0],
        [1e-12, 0],
        [1, 0],
        [1, 1.0000000000004],
        [0, 1],
      ]),
    );
    expect(rounded.coordinates[0]).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });

  it('finds a lattice point almost exactly on a slanted segment near a crossing', () => {
    const [x, y] = latticeNearSegment(0, 0, 7_000_003, 3_000_001, 3_500_000, 1_500_000)!;
    const offLine = Math.abs(x * 3_000_001 - y * 7_000_003) / Math.hypot(7_000_003, 3_000_001);
    expect(offLine).toBeLessThan(0.01);
    expect(Math.abs(x - 3_500_000)).toBeLessThanOrEqual(1024);
    // Exact points are found when they exist (a diagonal, an axis-parallel edge).
    expect(latticeNearSegment(0, 0, 100, 100, 40.3, 40.6)).toEqual([40, 40]);
    expect(latticeNearSegment(0, 5, 100, 5, 40.3, 5.4)).toEqual([40, 5]);
    // No lattice point strictly inside a unit segment.
    expect(latticeNearSegment(0, 0, 1, 0, 0.5, 0)).toBeUndefined();
  });
});

describe('planar overlay', () => {
  it('refuses to trace faces when noding makes more segments than allowed', () => {
    // Ten lines each way across a square: 4 + 2 × 10 × 11 segments once noded.
    const lines = Array.from({ length: 10 }, (_, i) => (i + 1) * 1e-4).flatMap((d) => [
      [
        [-1e-4, d],
        [1.2e-3, d],
      ],
      [
        [d, -1e-4],
        [d, 1.2e-3],
      ],
    ]);
    const input = { polygons: [{ geometry: rect(0, 0, 1.1e-3, 1.1e-3), role: 'fixed' as const }], lines };
    expect(buildOverlay(input).ok).toBe(true);
    const refused = buildOverlay({ ...input, maxSegments: 100 });
    expect(!refused.ok && refused.problems[0]!.kind).toBe('too-many-segments');
    if (!refused.ok) expect(refused.problems[0]!.message.en).toContain('cross too often');
  });

  it('takes polygons stacked along one line, whose many cuts coincide, as before the round was bounded', () => {
    // Forty rectangles over each other, all on the same two lines: 40² cuts on those lines, merged into
    // a few hundred segments. Counting every cut refused them at a limit of 6 segments per rectangle.
    const n = 40;
    const step = 1e-4;
    const polygons = Array.from({ length: n }, (_, i) => ({
      role: 'free' as const,
      geometry: rect(i * step, 0, (i + n) * step, 1e-3),
    }));
    expect(buildOverlay({ polygons, maxSegments: 6 * n }).ok).toBe(true);
  });

  it('stops a scribble crossing itself millions of times within the round, not after finding every crossing', () => {
    // 6,000 random vertices over a square cross about 9 million times: found all, that took 45 s and
    // 3.5 GB before the refusal. The round now stops once the cuts pass the limit.
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 1e-2;
    const scribble = Array.from({ length: 6000 }, () => [random(), random()]);
    const refused = buildOverlay({
      polygons: [{ geometry: rect(0, 0, 1e-2, 1e-2), role: 'fixed' as const }],
      lines: [scribble],
      maxSegments: 60_000,
    });
    expect(!refused.ok && refused.problems[0]!.kind).toBe('too-many-segments');
    // Bounded work, with a wide margin (0.2 s now, 40 s before): not a speed measurement.
  }, 10_000);

  it('labels faces of two overlapping squares with winding numbers', () => {
    const overlay = overlayOf({
      polygons: [
        { geometry: rect(0, 0, 2e-3, 2e-3), role: 'fixed' },
        { geometry: rect(1e-3, 1e-3, 3e-3, 3e-3), role: 'fixed' },
      ],
    });
    const labels = overlay
      .faces()
      .map((face) => `${overlay.winding(face, 0)}${overlay.winding(face, 1)}`)
      .sort();
    expect(labels).toEqual(['01', '10', '11']);
    const both = overlay.faces().filter((face) => overlay.inside(face, 0) && overlay.inside(face, 1));
    // Rings start at the earliest input vertex: the first square's corner.
    expect(overlay.polygonsOf(new Set(both))[0]!.coordinates[0]).toEqual([
      [0.002, 0.002],
      [0.001, 0.002],
      [0.001, 0.001],
      [0.002, 0.001],
      [0.002, 0.002],
    ]);
  });

  it('puts a component inside the face that encloses it (holes without touching)', () => {
    const overlay = overlayOf({
      polygons: [
        { geometry: rect(0, 0, 3e-3, 3e-3), role: 'fixed' },
        { geometry: rect(1e-3, 1e-3, 2e-3, 2e-3), role: 'free' },
      ],
    });
    const outerOnly = overlay.faces().filter((face) => overlay.inside(face, 0) && !overlay.inside(face, 1));
    expect(outerOnly).toHaveLength(1);
    const [ring] = overlay.polygonsOf(new Set(outerOnly));
    expect(ring!.coordinates).toHaveLength(2);
  });

  it('drops the dangling ends of a line and keeps the cut', () => {
    const overlay = overlayOf({
      polygons: [{ geometry: rect(0, 0, 1e-3, 1e-3), role: 'fixed' }],
      lines: [
        [
          [-1e-3, 5e-4],
          [2e-3, 5e-4],
        ],
      ],
    });
    expect(overlay.faceCount).toBe(2);
    expect(overlay.connectedGroups((face) => overlay.inside(face, 0), false)).toHaveLength(2);
    expect(overlay.connectedGroups((face) => overlay.inside(face, 0))).toHaveLength(1);
  });

  it('merges an edge drawn twice with 1e-9 degree noise into one edge', () => {
    const overlay = overlayOf({
      polygons: [
        { geometry: rect(0, 0, 1e-3, 1e-3), role: 'fixed' },
        {
          geometry: polygon([
            [1e-3 + 1e-9, 0],
            [2e-3, 0],
            [2e-3, 1e-3],
            [1e-3 - 1e-9, 1e-3],
          ]),
          role: 'fixed',
        },
      ],
    });
    expect(overlay.faceCount).toBe(2);
    const union = overlay.polygonsOf(new Set(overlay.faces()));
    expect(union).toHaveLength(1);
    expect(verticesOf(union[0]!).size).toBe(4 + 2);
  });

  it('splits a region that touches itself at a vertex into simple rings', () => {
    // Two squares meeting at one corner: one region, two shells.
    const overlay = overlayOf({
      polygons: [
        { geometry: rect(0, 0, 1e-3, 1e-3), role: 'fixed' },
        { geometry: rect(1e-3, 1e-3, 2e-3, 2e-3), role: 'fixed' },
      ],
    });
    expect(overlay.polygonsOf(new Set(overlay.faces()))).toHaveLength(2);
  });
});
