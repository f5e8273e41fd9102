import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../../shared/model';
import { checkGeometry, isTangled, partCount } from '../../../shared/geometry/check-geometry';
import { rect } from '../validate/entities';
import { star } from './tangles';

const kinds = (geometry: AreaGeometry, holesAllowed = true): string[] =>
  checkGeometry(geometry, { holesAllowed }).map((defect) => `${defect.kind}:${defect.severity}`);

const polygon = (...rings: Position[][]): AreaGeometry => ({ type: 'Polygon', coordinates: rings });

describe('checkGeometry', () => {
  it('accepts a valid polygon, and a hole inside its ring where holes are allowed', () => {
    expect(kinds(rect(0, 0, 1, 1))).toEqual([]);
    const holed = polygon(
      rect(0, 0, 3, 3).coordinates[0]!,
      rect(1, 1, 2, 2).coordinates[0]!.slice().reverse(),
    );
    expect(kinds(holed)).toEqual([]);
    expect(kinds(holed, false)).toEqual(['hole:error']);
  });

  it('finds bow-ties, spikes and a ring touching itself', () => {
    expect(
      kinds(
        polygon([
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toEqual(['self-intersection:error']);
    expect(
      kinds(
        polygon([
          [0, 0],
          [2, 0],
          [3, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ]),
      ),
    ).toContain('self-intersection:error');
    // A figure eight through a shared vertex.
    expect(
      kinds(
        polygon([
          [0, 0],
          [1, 1],
          [2, 0],
          [2, 2],
          [1, 1],
          [0, 2],
          [0, 0],
        ]),
      ),
    ).toEqual(['self-intersection:error']);
  });

  it('finds unclosed, short and out-of-range rings and repeated vertices', () => {
    expect(
      kinds(
        polygon([
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ]),
      ),
    ).toEqual(['unclosed-ring:error']);
    expect(
      kinds(
        polygon([
          [0, 0],
          [1, 0],
          [0, 0],
        ]),
      ),
    ).toEqual(['short-ring:error']);
    expect(
      kinds(
        polygon([
          [0, 0],
          [1, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ]),
      ),
    ).toEqual(['duplicate-vertex:warning']);
    expect(
      kinds(
        polygon([
          [0, 0],
          [200, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toEqual(['bad-coordinate:error']);
    expect(
      kinds(
        polygon([
          [0, 0],
          [Number.NaN, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toEqual(['bad-coordinate:error']);
    expect(kinds({ type: 'Polygon', coordinates: [] })).toEqual(['empty:error']);
  });

  it('finds holes outside their ring and rings that cross', () => {
    expect(kinds(polygon(rect(0, 0, 1, 1).coordinates[0]!, rect(2, 2, 3, 3).coordinates[0]!))).toEqual([
      'hole-outside:error',
    ]);
    expect(kinds(polygon(rect(0, 0, 2, 2).coordinates[0]!, rect(1, 1, 3, 3).coordinates[0]!))).toEqual([
      'ring-crossing:error',
      'hole-outside:error',
    ]);
  });

  it('stops counting crossings at 100, saying at least', () => {
    const [defect] = checkGeometry(star(0, 0, 1, 61), { holesAllowed: true });
    expect(defect).toMatchObject({ kind: 'self-intersection', count: 100, atLeast: true });
    const [bowTie] = checkGeometry(
      polygon([
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ]),
      { holesAllowed: true },
    );
    expect(bowTie).not.toHaveProperty('atLeast');
  });

  it('reports crossings as unchecked past its bounded pair tests, and checks a comb of 1,000 long teeth', () => {
    // Teeth stacked north to south, each across the whole width: every long edge meets every other in x.
    const comb = (teeth: number): AreaGeometry => {
      const ring: Position[] = [
        [0, 0],
        [1, 0],
      ];
      for (let i = 0; i < teeth; i++) {
        const y = (i + 0.5) / teeth;
        const h = 0.25 / teeth;
        ring.push([1, y], [10, y], [10, y + h], [1, y + h]);
      }
      ring.push([1, 1], [0, 1], [0, 0]);
      return polygon(ring);
    };
    expect(kinds(comb(1_000))).toEqual([]);
    expect(kinds(comb(25_000))).toEqual(['unchecked-crossings:error']);
    // Crossings found before the check stopped are a lower bound: a tangle, as far as anyone can tell.
    const crossed = comb(25_000);
    const ring = crossed.coordinates[0] as Position[];
    // A small bow-tie at the west end of the bottom edge, found before the long teeth are reached.
    ring.splice(1, 0, [0.3, -0.05], [0.3, 0.05], [0.2, -0.05]);
    const defects = checkGeometry(crossed, { holesAllowed: true });
    expect(defects.map((defect) => defect.kind)).toContain('unchecked-crossings');
    expect(defects.find((defect) => defect.kind === 'self-intersection')).toMatchObject({ atLeast: true });
    expect(isTangled(defects)).toBe(true);
  });

  it('counts parts', () => {
    expect(partCount(rect(0, 0, 1, 1))).toBe(1);
    expect(
      partCount({
        type: 'MultiPolygon',
        coordinates: [rect(0, 0, 1, 1).coordinates, rect(2, 2, 3, 3).coordinates],
      }),
    ).toBe(2);
  });
});
