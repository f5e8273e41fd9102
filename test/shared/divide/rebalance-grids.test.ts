import { describe, expect, it } from 'vitest';
import type { Grid, MicroGrid } from '../../../shared/model';
import { applyChange, builtinRuleSet, change } from '../../../shared/model';
import { rebalanceGrids } from '../../../shared/divide/rebalance-grids';
import { applied, geometryIssues } from './divide-test-helpers';
import { gridOf, pointAtM, rectM, syntheticCommunity } from './divide-fixtures';

const zigong = builtinRuleSet('zigong')!;

function grid(code: string, box: [number, number, number, number], more: Partial<Grid> = {}): Grid {
  return gridOf(code, rectM(...box), more);
}

/** A 900 × 600 m community covered by three grids: a thin, over-full west grid and two others. */
function threeGrids(more: Partial<Grid> = {}) {
  const grids = [
    grid('001', [0, 0, 500, 600]),
    grid('002', [500, 0, 700, 600], more),
    grid('003', [700, 0, 900, 600]),
  ];
  return {
    grids,
    ...syntheticCommunity({
      widthM: 900,
      heightM: 600,
      streetsX: [300, 600],
      streetsY: [300],
      buildingsPerBlock: 4,
      maxHouseholdsPerBuilding: 24,
      seed: 29,
      grids,
    }),
  };
}

/** Rebalances every grid of {@link threeGrids} along its streets. */
function rebalanceAll(s: ReturnType<typeof threeGrids>) {
  return rebalanceGrids(
    s.division,
    s.grids.map((g) => g.id),
    { ruleSet: zigong, guides: [s.streets] },
  );
}

describe('rebalanceGrids', () => {
  it('redistributes adjacent grids into the band, keeping their number, ids and codes', () => {
    const s = threeGrids();
    const before = applied(s.division, { put: [], delete: [], note: '' }, zigong).validator.counts();
    const householdsBefore = s.grids.map((g) => before.byGrid.get(g.id)!.households);
    expect(householdsBefore.some((h) => h < 300 || h > 500)).toBe(true);
    const result = rebalanceAll(s);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const put = result.value.change.put.filter((e): e is Grid => e.layer === 'grid');
    expect(put.map((g) => g.id).sort()).toEqual(s.grids.map((g) => g.id).sort());
    expect(put.map((g) => g.code).sort()).toEqual(s.grids.map((g) => g.code).sort());
    expect(result.value.outcome.inBand).toBe(3);
    const { validator } = applied(s.division, result.value.change, zigong);
    expect(geometryIssues(validator)).toEqual([]);
    const counts = validator.counts();
    for (const g of put) {
      expect(counts.byGrid.get(g.id)!.households).toBeGreaterThanOrEqual(300);
      expect(counts.byGrid.get(g.id)!.households).toBeLessThanOrEqual(500);
    }
    // The west part keeps the west grid's code: it overlaps it most.
    const west = put.find((g) => g.id === 'g-001')!;
    const xs = (west.geometry.coordinates.flat(Infinity) as number[]).filter((_, i) => i % 2 === 0);
    const westEdge = (s.grids[0]!.geometry.coordinates.flat(Infinity) as number[])[0]!;
    expect(Math.min(...xs)).toBeCloseTo(westEdge, 9);
  });

  it('refuses locked, non-adjacent, exclusive and cross-community selections', () => {
    const locked = threeGrids({ locked: true });
    const refusedLocked = rebalanceGrids(locked.division, ['g-001', 'g-002'], { ruleSet: zigong });
    expect(!refusedLocked.ok && refusedLocked.problems[0]!.kind).toBe('locked');
    if (!refusedLocked.ok) expect(refusedLocked.problems[0]!.message.zh).toContain('510302001001002');

    const s = threeGrids();
    const apart = rebalanceGrids(s.division, ['g-001', 'g-003'], { ruleSet: zigong });
    expect(!apart.ok && apart.problems[0]!.kind).toBe('not-adjacent');

    const exclusive = threeGrids({ gridType: 'exclusive' });
    const refusedExclusive = rebalanceGrids(exclusive.division, ['g-001', 'g-002'], { ruleSet: zigong });
    expect(!refusedExclusive.ok && refusedExclusive.problems[0]!.kind).toBe('exclusive');

    const foreign = threeGrids({ parentCode: '510302001002' });
    const refusedForeign = rebalanceGrids(foreign.division, ['g-001', 'g-002'], { ruleSet: zigong });
    expect(!refusedForeign.ok && refusedForeign.problems[0]!.kind).toBe('different-communities');

    const one = rebalanceGrids(s.division, ['g-001'], { ruleSet: zigong });
    expect(!one.ok && one.problems[0]!.kind).toBe('too-few-grids');
  });

  it('refuses grids whose households cannot all be within the band, saying why (the count, not the streets)', () => {
    const s = threeGrids();
    const { byGrid } = applied(s.division, { put: [], delete: [], note: '' }, zigong).validator.counts();
    const total = byGrid.get('g-001')!.households + byGrid.get('g-002')!.households;
    // A band whose maximum two grids cannot hold: every reshaping leaves one over it.
    const max = Math.floor((total - 1) / 2);
    const tight = { ...zigong, urban: { ...zigong.urban, minHouseholds: 1, maxHouseholds: max } };
    const refused = rebalanceGrids(s.division, ['g-001', 'g-002'], { ruleSet: tight, guides: [s.streets] });
    expect(!refused.ok && refused.problems[0]!.kind).toBe('count-does-not-fit');
    if (!refused.ok) {
      expect(refused.problems[0]!.message.zh).toContain(`所选 2 个网格共 ${total} 户`);
      expect(refused.problems[0]!.message.en).toContain('Add a neighbouring grid with room');
    }
  });

  it('refuses grids with micro-grids, which reshaping would leave outside their grid', () => {
    const s = threeGrids();
    const microgrid: MicroGrid = {
      layer: 'microgrid',
      id: 'm-001',
      code: '510302001002001',
      name: '第1微网格',
      parentCode: '510302001001002',
      geometry: rectM(500, 0, 700, 300),
      extra: {},
    };
    const division = applyChange(s.division, change('', [microgrid])).division;
    const refused = rebalanceGrids(division, ['g-001', 'g-002'], { ruleSet: zigong });
    expect(!refused.ok && refused.problems[0]!.kind).toBe('has-microgrids');
    if (!refused.ok) {
      expect(refused.problems[0]!.message.zh).toContain('网格 510302001001002 内划有微网格');
      expect(refused.problems[0]!.message.en).toContain('Grid 510302001001002 has micro-grids');
    }
  });

  it('drops a justification about the old households, and keeps the planner’s own note', () => {
    const s = threeGrids({ justification: '户数不足：有大片公园绿地', note: '网格长兼管东侧停车场' });
    const result = rebalanceAll(s);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const reshaped = result.value.change.put.find((e): e is Grid => e.layer === 'grid' && e.id === 'g-002')!;
    expect(reshaped.justification).toBeUndefined();
    expect(reshaped.note).toContain('网格长兼管东侧停车场');
  });

  it('refuses grids without a household target, and grids without households', () => {
    const s = threeGrids();
    const rural = {
      ...s.division,
      grid: new Map([...s.division.grid].map(([id, g]) => [id, { ...g, gridType: 'rural' as const }])),
    };
    const ids = s.grids.map((g) => g.id);
    const noTarget = rebalanceGrids(rural, ids, { ruleSet: zigong });
    expect(!noTarget.ok && noTarget.problems[0]!.kind).toBe('no-target');
    const empty = rebalanceGrids({ ...s.division, census: new Map() }, ids, { ruleSet: zigong });
    expect(!empty.ok && empty.problems[0]!.kind).toBe('no-households');
  });

  it('takes "or about 1,000 people" into account: 1,100 households of 2,000 people fit two grids', () => {
    const s = threeGrids();
    const two = [grid('001', [0, 0, 450, 600]), grid('002', [450, 0, 900, 600])];
    const census = new Map(
      Array.from({ length: 100 }, (_, i) => {
        const point = pointAtM(`p${i}`, 20 + (i % 10) * 88, 30 + Math.floor(i / 10) * 58, 11, 20);
        return [point.id, point] as const;
      }),
    );
    const division = { ...s.division, grid: new Map(two.map((g) => [g.id, g])), census };
    const result = rebalanceGrids(division, ['g-001', 'g-002'], { ruleSet: zigong });
    expect(result.ok, result.ok ? '' : result.problems[0]!.message.en).toBe(true);
    if (!result.ok) return;
    const { validator } = applied(division, result.value.change, zigong);
    expect(validator.issues().filter((issue) => issue.rule.startsWith('household-'))).toEqual([]);
  });

  it('says a building over the band is why three grids cannot be balanced, not that buildings are too few', () => {
    const s = threeGrids();
    const points = [pointAtM('tower', 250, 300, 700, 700)];
    for (let i = 0; i < 200; i++)
      points.push(pointAtM(`p${i}`, 20 + (i % 20) * 44, 20 + Math.floor(i / 20) * 56, 1, 1));
    const division = { ...s.division, census: new Map(points.map((p) => [p.id, p])) };
    const refused = rebalanceGrids(
      division,
      s.grids.map((g) => g.id),
      { ruleSet: zigong },
    );
    expect(!refused.ok && refused.problems[0]!.kind).toBe('unit-over-band');
    if (!refused.ok) expect(refused.problems[0]!.message.en).toContain('has 700 households, over 300–500');
  });
});
