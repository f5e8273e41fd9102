import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { carvePolygon } from '../../shared/geometry/carve-polygon';
import { fillGap, fillSmallGaps, findGaps } from '../../shared/geometry/fill-gap';
import type { AreaGeometry, Grid } from '../../shared/model';
import { countCensus } from '../../shared/geometry/count-census';
import { edgesOf, expectValidOutput } from '../shared/geometry/geometry-test-helpers';
import {
  censusPoints,
  communityOf,
  division,
  gridOf,
  issuesOf,
  onBoundary,
  RUNS,
  starParameters,
  starPolygon,
  tiling,
  tilingParameters,
} from './geometry-arbitraries';

const COVERAGE = ['overlap', 'gap', 'invalid-geometry', 'outside-parent'];

function households(
  community: AreaGeometry,
  grids: readonly Grid[],
  points: Parameters<typeof division>[0],
): number {
  const counts = countCensus(division([communityOf(community), ...grids, ...points]));
  return [...counts.byGrid.values()].reduce((sum, tally) => sum + tally.households, 0);
}

describe('carve a random exclusive area out of a tiling', () => {
  it('leaves no overlap and no gap, keeps households, and shares the cut edges bit for bit', () => {
    const carveCase = fc.tuple(tilingParameters, starParameters, censusPoints);
    fc.assert(
      fc.property(carveCase, ([parameters, star, points]) => {
        const { community, cells } = tiling(parameters);
        const drawn = starPolygon(star);
        const result = carvePolygon({
          drawn,
          parent: community,
          carveFrom: cells.map((geometry, i) => ({ id: String(i), geometry })),
        });
        if (!result.ok) {
          expect(['nothing-left', 'many-pieces']).toContain(result.problems[0]!.kind);
          return;
        }
        const { carved, reduced } = result.value;
        expectValidOutput(carved);
        const byId = new Map(reduced.map((r) => [r.id, r.pieces]));
        const pieces: Polygon[] = cells.flatMap((cell, i) => byId.get(String(i)) ?? [cell]);
        pieces.forEach(expectValidOutput);
        const after = [
          ...pieces.map((piece, i) => gridOf(i, piece)),
          gridOf(pieces.length, carved, { gridType: 'exclusive' }),
        ];
        expect(issuesOf(division([communityOf(community), ...after]), COVERAGE)).toEqual([]);
        const before = cells.map((cell, i) => gridOf(i, cell));
        expect(households(community, after, points)).toBe(households(community, before, points));
        // Every edge of the carved area inside the community is an edge of a reduced grid.
        const reducedEdges = new Set(pieces.flatMap((piece) => [...edgesOf(piece)]));
        for (const edge of edgesOf(carved)) {
          const [[ax, ay], [bx, by]] = edge.split('|').map((p) => p.split(',').map(Number)) as [
            [number, number],
            [number, number],
          ];
          if (!onBoundary(community, (ax + bx) / 2, (ay + by) / 2, 1e-10))
            expect(reducedEdges).toContain(edge);
        }
      }),
      RUNS,
    );
  });
});

/** A tiling with some cells left out: the gaps to fill. */
const gappyCase = tilingParameters.chain((parameters) =>
  fc.tuple(
    fc.constant(parameters),
    fc.array(fc.boolean(), {
      minLength: parameters.nx * parameters.ny,
      maxLength: parameters.nx * parameters.ny,
    }),
  ),
);

describe('fill the gaps of a random tiling', () => {
  it('giving every gap to a neighbour leaves no gap and no overlap', () => {
    fc.assert(
      fc.property(gappyCase, ([parameters, keep]) => {
        const { community, cells } = tiling(parameters);
        const grids = cells.map((geometry, i) => ({ id: String(i), geometry })).filter((_, i) => keep[i]);
        if (grids.length === 0) return;
        const result = fillSmallGaps(community, grids, Infinity);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value.unfilled).toEqual([]);
        const changed = new Map(result.value.changed.map((c) => [c.id, c.geometry]));
        result.value.changed.forEach((c) => expectValidOutput(c.geometry));
        const after = grids.map((grid, i) => gridOf(i, changed.get(grid.id) ?? grid.geometry));
        expect(issuesOf(division([communityOf(community), ...after]), ['overlap', 'gap'])).toEqual([]);
      }),
      RUNS,
    );
  });

  it('making every gap a new grid leaves no gap and no overlap', () => {
    fc.assert(
      fc.property(gappyCase, ([parameters, keep]) => {
        const { community, cells } = tiling(parameters);
        let grids: { id: string; geometry: AreaGeometry }[] = cells
          .map((geometry, i) => ({ id: String(i), geometry }))
          .filter((_, i) => keep[i]);
        const gaps = findGaps(community, grids);
        expect(gaps.ok).toBe(true);
        if (!gaps.ok) return;
        for (const [n, gap] of gaps.value.entries()) {
          const filled = fillGap(community, grids, [...gap.at], { into: 'new-grid' });
          expect(filled.ok).toBe(true);
          if (!filled.ok) return;
          const changed = new Map(filled.value.changed.map((c) => [c.id, c.geometry]));
          grids = [
            ...grids.map((grid) => ({ id: grid.id, geometry: changed.get(grid.id) ?? grid.geometry })),
            { id: `new-${n}`, geometry: filled.value.created! },
          ];
        }
        grids.forEach((grid) => expectValidOutput(grid.geometry));
        const after = grids.map((grid, i) => gridOf(i, grid.geometry));
        expect(issuesOf(division([communityOf(community), ...after]), ['overlap', 'gap'])).toEqual([]);
      }),
      RUNS,
    );
  });
});
