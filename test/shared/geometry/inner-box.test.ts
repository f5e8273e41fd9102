import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { innerBox } from '../../../shared/geometry/inner-box';
import { EDGE_TOLERANCE_DEG, locatePoint, PointLocation } from '../../../shared/geometry/locate-point';
import { preparePolygon } from '../../../shared/geometry/prepared-polygon';
import { buildPartition, partitionParameters } from '../../property/validate-arbitraries';
import { polygon } from '../validate/entities';

describe('innerBox', () => {
  it('lies inside every grid of random partitions, clear of the edges by the tolerance', () => {
    fc.assert(
      fc.property(partitionParameters, (parameters) => {
        for (const ring of buildPartition(parameters).rings) {
          const prepared = { ...preparePolygon({ type: 'Polygon', coordinates: [ring] }), inner: undefined };
          const box = innerBox(prepared);
          if (!box) continue;
          const fx = [0, 0.5, 1];
          for (const u of fx) {
            for (const v of fx) {
              const x = box.minX + u * (box.maxX - box.minX);
              const y = box.minY + v * (box.maxY - box.minY);
              // Without the shortcut, with the tolerance: strictly inside.
              expect(locatePoint(prepared, x, y, EDGE_TOLERANCE_DEG)).toBe(PointLocation.inside);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('finds a box in a U-shaped polygon, in one of its arms', () => {
    const u = preparePolygon(
      polygon([
        [0, 0],
        [3, 0],
        [3, 3],
        [2, 3],
        [2, 1],
        [1, 1],
        [1, 3],
        [0, 3],
      ]),
    );
    expect(u.inner).toBeDefined();
    const { minX, minY, maxX, maxY } = u.inner!;
    expect(locatePoint({ ...u, inner: undefined }, (minX + maxX) / 2, (minY + maxY) / 2)).toBe(
      PointLocation.inside,
    );
  });
});
