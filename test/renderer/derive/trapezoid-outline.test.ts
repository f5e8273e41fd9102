import { describe, expect, it } from 'vitest';
import type { Trapezoid } from '../../../renderer/derive/trapezoid-outline';
import { trapezoidOutline } from '../../../renderer/derive/trapezoid-outline';

const length = (lines: number[][][]): number =>
  lines.reduce((sum, [a, b]) => sum + Math.hypot(b![0]! - a![0]!, b![1]! - a![1]!), 0);

describe('trapezoidOutline', () => {
  it('outlines a rectangle cut into slabs without the lines between them', () => {
    const pieces: Trapezoid[] = [0, 1, 2].map((k) => ({
      y0: k,
      y1: k + 1,
      left0: 0,
      right0: 4,
      left1: 0,
      right1: 4,
    }));
    const lines = trapezoidOutline(pieces);
    // 3 + 3 sides of 1, and the bottom and top of 4: the perimeter, 14.
    expect(length(lines)).toBeCloseTo(14);
    expect(lines.some(([a, b]) => a![1] === 1 && b![1] === 1)).toBe(false);
  });

  it('keeps the stretches of a slab boundary covered from one side only (an L shape, a triangle tip)', () => {
    const pieces: Trapezoid[] = [
      // A 4-wide slab under a 2-wide one: the boundary at y = 1 from x = 2 to 4 is outline.
      { y0: 0, y1: 1, left0: 0, right0: 4, left1: 0, right1: 4 },
      { y0: 1, y1: 2, left0: 0, right0: 2, left1: 0, right1: 2 },
      // A triangle on top, its tip a point.
      { y0: 2, y1: 3, left0: 0, right0: 2, left1: 1, right1: 1 },
    ];
    const lines = trapezoidOutline(pieces);
    const horizontal = lines.filter(([a, b]) => a![1] === b![1]).map(([a, b]) => [a![0], b![0], a![1]]);
    expect(horizontal).toEqual(
      expect.arrayContaining([
        [0, 4, 0],
        [2, 4, 1],
      ]),
    );
    expect(horizontal).toHaveLength(2);
    // Bottom 4, the step 2, four upright sides of 1, and the triangle's two slanted sides.
    expect(length(lines)).toBeCloseTo(4 + 2 + 4 * 1 + 2 * Math.hypot(1, 1));
  });

  it('joins two pieces side by side along a boundary into one stretch', () => {
    const lines = trapezoidOutline([
      { y0: 0, y1: 1, left0: 0, right0: 1, left1: 0, right1: 1 },
      { y0: 1, y1: 2, left0: 1, right0: 2, left1: 1, right1: 2 },
    ]);
    // At y = 1 the lower piece's top [0, 1] and the upper piece's bottom [1, 2] meet at x = 1: one stretch.
    const atOne = lines.filter(([a, b]) => a![1] === 1 && b![1] === 1);
    expect(atOne).toEqual([
      [
        [0, 1],
        [2, 1],
      ],
    ]);
  });
});
