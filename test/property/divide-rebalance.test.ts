import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Grid, RuleSet } from '../../shared/model';
import { applyChange } from '../../shared/model';
import { rebalanceGrids } from '../../shared/divide/rebalance-grids';
import { Validator } from '../../shared/validate';
import { tilingParameters } from './geometry-arbitraries';
import type { RebalanceDraw } from './rebalance-case';
import { rebalanceCase } from './rebalance-case';

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
        (draw) => {
          const { before, grids, points } = rebalanceCase(draw);
          const { locked } = draw;
          const chosen = grids.filter((grid) => !grid.locked).map((grid) => grid.id);
          const result = rebalanceGrids(before, chosen, { ruleSet: BAND });
          if (chosen.length < 2) {
            expect(result.ok).toBe(false);
            return;
          }
          if (!result.ok) {
            // The unlocked cells may be split in two by the locked one: refused as not adjacent. Or
            // their households cannot all be within the band: refused as such, and only then.
            const kind = result.problems[0]!.kind;
            expect(['not-adjacent', 'cannot-rebalance', 'count-does-not-fit']).toContain(kind);
            if (kind === 'count-does-not-fit') {
              const counts = new Validator(before, BAND).counts();
              const selected = chosen.reduce((sum, id) => sum + counts.byGrid.get(id)!.households, 0);
              expect(selected < chosen.length * 20 || selected > chosen.length * 40).toBe(true);
            }
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

  it('a draw it once failed: 7 grids of 20–40 from 157 households (mean 22.4) all in the band', () => {
    // Atoms of up to 10 households (half the band) left one grid at 19 on every seed; finer atoms are
    // now tried when the total and the buildings allow every grid in the band.
    const draw = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../fixtures/divide/rebalance-near-min.json'), 'utf8'),
    ) as RebalanceDraw;
    const { before, grids } = rebalanceCase(draw);
    const chosen = grids.filter((grid) => !grid.locked).map((grid) => grid.id);
    const counts = new Validator(before, BAND).counts();
    expect(chosen.reduce((sum, id) => sum + counts.byGrid.get(id)!.households, 0)).toBe(157);
    const result = rebalanceGrids(before, chosen, { ruleSet: BAND });
    expect(result.ok && result.value.outcome.inBand).toBe(7);
  });
});
