import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { compactnessVerdict, gridQuality } from '../../../renderer/derive/grid-quality';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

describe('gridQuality', () => {
  it('ranks a long strip below a near-square and counts parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 50 }), (stretch) => {
        const square = gridQuality(rect(104, 29, 104.001, 29.001));
        const strip = gridQuality(rect(104, 29, 104 + 0.001 * stretch, 29.001));
        expect(strip.compactness).toBeLessThan(square.compactness);
        expect(compactnessVerdict(strip.compactness)).not.toBe('compact');
      }),
      { numRuns: 20 },
    );
    expect(compactnessVerdict(gridQuality(rect(104, 29, 104.001, 29.001)).compactness)).toBe('compact');
    const two = gridQuality({
      type: 'MultiPolygon',
      coordinates: [
        rect(104, 29, 104.001, 29.001).coordinates,
        rect(104.002, 29, 104.003, 29.001).coordinates,
      ],
    });
    expect(two.parts).toBe(2);
  });

  it('computes once per geometry object', () => {
    const geometry = rect(104, 29, 104.002, 29.001);
    expect(gridQuality(geometry)).toBe(gridQuality(geometry));
  });
});
