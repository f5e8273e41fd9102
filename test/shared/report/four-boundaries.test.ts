import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fourBoundaries, formatBoundary } from '../../../shared/report/four-boundaries';
import type { BoundarySide } from '../../../shared/report/four-boundaries';
import { cells, community, division, grid, roads, township } from './report-fixtures';

// Township: cells x 0..6, y 1..3; community A (光明社区) x 0..3, community B (建设社区) x 3..6.
// The grid under test, G, is x 2..3, y 1..2: north of it grid N, west of it grid W, east of it
// community B without grids, south of it outside the township.
const A = '510302003001';
const B = '510302003002';
const base = [
  township(cells(0, 1, 6, 3)),
  community(A, '光明社区', cells(0, 1, 3, 3)),
  community(B, '建设社区', cells(3, 1, 6, 3)),
];
const G = grid(`${A}001`, '光明社区第1网格', A, cells(2, 1, 3, 2));
const N = grid(`${A}002`, '光明社区第2网格', A, cells(0, 2, 3, 3));
const W = grid(`${A}003`, '光明社区第3网格', A, cells(0, 1, 2, 2));

function bySide(sides: BoundarySide[]): Record<string, BoundarySide> {
  return Object.fromEntries(sides.map((side) => [side.side, side]));
}

describe('fourBoundaries', () => {
  it('names the neighbouring grid, another community and the township edge', () => {
    const sides = bySide(fourBoundaries(G, division(...base, G, N, W), []));
    expect(sides.north).toMatchObject({ kind: 'grid', name: '光明社区第2网格', code: N.code });
    expect(sides.west).toMatchObject({ kind: 'grid', name: '光明社区第3网格', code: W.code });
    expect(sides.east).toMatchObject({ kind: 'community', name: '建设社区', code: B });
    expect(sides.south).toMatchObject({ kind: 'edge', name: '新街街道' });
    expect(sides.north!.share).toBeCloseTo(1, 5);
    // The order notices print them in.
    expect(fourBoundaries(G, division(...base, G, N, W), []).map((s) => s.side)).toEqual([
      'north',
      'east',
      'south',
      'west',
    ]);
  });

  it('prefers a named street running along a side over the grid beyond it', () => {
    const street = roads({
      name: '人民路',
      points: [
        [2.02, 0.8],
        [2.02, 2.4],
      ],
    });
    const sides = bySide(fourBoundaries(G, division(...base, G, N, W), [street]));
    expect(sides.west).toMatchObject({ kind: 'street', name: '人民路' });
    // A street crossing the grid is not a boundary of it.
    const crossing = roads({
      name: '横街',
      points: [
        [1.5, 1.5],
        [3.5, 1.5],
      ],
    });
    expect(bySide(fourBoundaries(G, division(...base, G, N, W), [crossing])).east).toMatchObject({
      kind: 'community',
    });
    // Unnamed streets cannot name a side.
    const unnamed = roads({
      name: '',
      points: [
        [2.02, 0.8],
        [2.02, 2.4],
      ],
    });
    expect(bySide(fourBoundaries(G, division(...base, G, N, W), [unnamed])).west).toMatchObject({
      kind: 'grid',
    });
  });

  it('takes the longest neighbour of a side shared by several', () => {
    // North of G: two grids, one covering 70% of the side.
    const left = grid(`${A}004`, '左网格', A, cells(0, 2, 2.7, 3));
    const right = grid(`${A}005`, '右网格', A, cells(2.7, 2, 3, 3));
    const sides = bySide(fourBoundaries(G, division(...base, G, W, left, right), []));
    expect(sides.north).toMatchObject({ kind: 'grid', name: '左网格' });
    expect(sides.north!.share).toBeGreaterThan(0.6);
    expect(sides.north!.share).toBeLessThan(0.8);
  });

  it('says when land of the community lies in no grid, and the community edge without a township', () => {
    const sides = bySide(fourBoundaries(G, division(...base, G), []));
    expect(sides.west).toMatchObject({ kind: 'unassigned', name: '光明社区' });
    const noTownship = bySide(
      fourBoundaries(G, division(community(A, '光明社区', cells(0, 1, 3, 3)), G), []),
    );
    expect(noTownship.east).toMatchObject({ kind: 'edge', name: '光明社区' });
  });

  it('prints the sides in Chinese and English', () => {
    const sides = fourBoundaries(G, division(...base, G, N, W), []);
    expect(sides.map((side) => formatBoundary(side, 'zh'))).toEqual([
      { side: '北至', text: '光明社区第2网格' },
      { side: '东至', text: '建设社区' },
      { side: '南至', text: '新街街道界' },
      { side: '西至', text: '光明社区第3网格' },
    ]);
    expect(formatBoundary(sides[2]!, 'en')).toEqual({ side: 'South', text: 'boundary of 新街街道' });
  });

  it('finds each side of a rectangle among four neighbours whatever its size, winding and first vertex', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        (width, height, clockwise, shift) => {
          const shape = cells(10, 10, 10 + width, 10 + height, clockwise);
          const ring = shape.coordinates[0]!.slice(0, -1);
          const rotated = [...ring.slice(shift), ...ring.slice(0, shift)];
          const target = grid('g', '中', A, { type: 'Polygon', coordinates: [[...rotated, rotated[0]!]] });
          const neighbours = [
            grid('n', '北网格', A, cells(10, 10 + height, 10 + width, 12 + height)),
            grid('s', '南网格', A, cells(10, 8, 10 + width, 10)),
            grid('e', '东网格', A, cells(10 + width, 10, 12 + width, 10 + height)),
            grid('w', '西网格', A, cells(8, 10, 10, 10 + height)),
          ];
          const sides = bySide(fourBoundaries(target, division(target, ...neighbours), []));
          expect(sides.north!.name).toBe('北网格');
          expect(sides.south!.name).toBe('南网格');
          expect(sides.east!.name).toBe('东网格');
          expect(sides.west!.name).toBe('西网格');
        },
      ),
      { numRuns: 40 },
    );
  });
});
