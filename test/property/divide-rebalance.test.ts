import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CensusPoint, Grid, RuleSet } from '../../shared/model';
import { applyChange } from '../../shared/model';
import { rebalanceGrids } from '../../shared/divide/rebalance-grids';
import { locatePoint, PointLocation } from '../../shared/geometry/locate-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { Validator } from '../../shared/validate';
import { communityOf, division, gridOf, r9, tiling, tilingParameters } from './geometry-arbitraries';

const RUNS = { numRuns: Math.min(Number(process.env.PROPERTY_RUNS ?? 20), 200) };

const BAND: RuleSet = {
  id: 'test-band',
  name: { zh: '测试', en: 'test' },
  source: { zh: '测试', en: 'test' },
  urban: { minHouseholds: 20, maxHouseholds: 40 },
  rural: null,
  microgrid: null,
  usesMicrogrids: false,
  requiresLeader: false,
};

const COVER_RULES = new Set(['invalid-geometry', 'overlap', 'gap', 'outside-parent', 'unassigned-point']);

describe('rebalanceGrids (property)', () => {
  it('keeps the cover exact, the codes and the other grids, and every point counted once', () => {
    fc.assert(
      fc.property(
        tilingParameters
          .filter((p) => p.nx * p.ny >= 2)
          .chain((p) =>
            fc.record({
              p: fc.constant(p),
              raw: fc.array(
                fc.record({
                  u: fc.integer({ min: 1, max: 9999 }).map((n) => n / 10000),
                  v: fc.integer({ min: 1, max: 9999 }).map((n) => n / 10000),
                  households: fc.integer({ min: 1, max: 3 }),
                }),
                { minLength: 40, maxLength: 120 },
              ),
              locked: fc.integer({ min: 0, max: p.nx * p.ny - 1 }),
            }),
          ),
        ({ p, raw, locked }) => {
          const tiles = tiling(p);
          const community = communityOf(tiles.community);
          const grids: Grid[] = tiles.cells.map((cell, i) =>
            gridOf(i, cell, i === locked ? { locked: true } : {}),
          );
          const shape = preparePolygon(tiles.community);
          const points: CensusPoint[] = [];
          const positions = new Set<string>();
          raw.forEach(({ u, v, households }, i) => {
            const lon = r9(shape.minX + u * (shape.maxX - shape.minX));
            const lat = r9(shape.minY + v * (shape.maxY - shape.minY));
            if (locatePoint(shape, lon, lat, 1e-7) !== PointLocation.inside) return;
            // One point per position: each building has at most 3 households.
            const key = `${lon},${lat}`;
            if (positions.has(key)) return;
            positions.add(key);
            // Keep points off the cells' edges, where the tie rule rather than the rebalance decides.
            if (
              grids.some(
                (grid) =>
                  locatePoint(preparePolygon(grid.geometry), lon, lat, 1e-7) === PointLocation.boundary,
              )
            )
              return;
            points.push({
              layer: 'census',
              id: `p${i}`,
              lon,
              lat,
              households,
              population: 3 * households,
              extra: {},
            });
          });
          const before = division([community, ...grids, ...points]);
          const chosen = grids.filter((grid) => !grid.locked).map((grid) => grid.id);
          const result = rebalanceGrids(before, chosen, { ruleSet: BAND });
          if (chosen.length < 2) {
            expect(result.ok).toBe(false);
            return;
          }
          if (!result.ok) {
            // The unlocked cells may be split in two by the locked one: refused as not adjacent.
            expect(['not-adjacent', 'cannot-rebalance']).toContain(result.problems[0]!.kind);
            return;
          }
          const put = result.value.change.put as Grid[];
          expect(put.map((grid) => grid.code).sort()).toEqual(
            grids
              .filter((grid) => !grid.locked)
              .map((grid) => grid.code)
              .sort(),
          );
          const after = applyChange(before, result.value.change).division;
          const lockedGrid = grids[locked]!;
          expect(after.grid.get(lockedGrid.id)).toStrictEqual(lockedGrid);
          const validator = new Validator(after, BAND);
          const problems = validator.issues().filter((issue) => COVER_RULES.has(issue.rule));
          expect(problems.map((issue) => `${issue.rule} ${issue.areaM2 ?? ''}`)).toEqual([]);
          let counted = 0;
          for (const tally of validator.counts().byGrid.values()) counted += tally.households;
          const total = points.reduce((sum, point) => sum + point.households, 0);
          expect(counted).toBe(total);
          // Feasible with room to spare (buildings of at most 3 households): every grid in the band.
          const beforeCounts = new Validator(before, BAND).counts();
          const selected = chosen.reduce((sum, id) => sum + beforeCounts.byGrid.get(id)!.households, 0);
          if (selected >= chosen.length * 22 && selected <= chosen.length * 38)
            expect(result.value.outcome.inBand).toBe(chosen.length);
        },
      ),
      RUNS,
    );
  }, 120_000);
});
