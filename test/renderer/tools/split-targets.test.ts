import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { sketchCounts } from '../../../renderer/divide/sketch-counts';
import { splitTargets, splitTargetsCommand } from '../../../renderer/tools/split-targets';
import type { Division, RuleSet } from '../../../shared/model';
import { applyChange } from '../../../shared/model';
import { sameOutline } from '../../../shared/geometry/same-outline';
import { divisionOf } from '../../shared/geometry/division-fixtures';
import {
  communityEntity,
  gridEntity,
  microgridEntity,
  rect,
} from '../../shared/geometry/geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
const at = (dx: number, dy: number): Position => [X + dx, Y + dy];
const OTHER = '510302003002';
const RULES: RuleSet = {
  id: 'test',
  name: { zh: '测试', en: 'test' },
  source: { zh: '测试', en: 'test' },
  urban: { minHouseholds: 300, maxHouseholds: 500 },
  rural: null,
  microgrid: null,
  usesMicrogrids: true,
  requiresLeader: false,
};

const microgrid = (n: number, x0: number, x1: number) =>
  microgridEntity(1, n, rect(X + x0, Y, X + x1, Y + 0.002));

/** Community 光明 (grids 1 and 2, micro-grids in grid 1) and, east of it, community 新民 with one grid. */
function township(): Division {
  return divisionOf([
    communityEntity(rect(X, Y, X + 0.004, Y + 0.002)),
    communityEntity(rect(X + 0.004, Y, X + 0.008, Y + 0.002), {
      id: 'community-2',
      code: OTHER,
      name: '新民社区',
    }),
    gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002)),
    gridEntity(2, rect(X + 0.002, Y, X + 0.004, Y + 0.002)),
    gridEntity(1, rect(X + 0.004, Y, X + 0.008, Y + 0.002), {
      id: 'grid-new-1',
      code: `${OTHER}001`,
      parentCode: OTHER,
      name: '新民社区第1网格',
    }),
    microgrid(1, 0, 0.001),
    microgrid(2, 0.001, 0.002),
  ]);
}
const G1 = 'grid-510302003001001';
const G2 = 'grid-510302003001002';

describe('splitTargets (which grid 拆分 splits)', () => {
  it('a line that cuts one grid through and ends inside the next community’s grid splits only that grid', () => {
    const division = township();
    const line = [at(0.001, 0.001), at(0.005, 0.001)]; // starts in grid 1, through grid 2, ends in 新民
    const targets = splitTargets(division, line, null);
    expect(targets).toEqual({ ok: true, value: { layer: 'grid', ids: [G2] } });
    const after = applyChange(
      division,
      value(
        splitTargetsCommand(division, targets.ok ? targets.value : never(), line, { keepCodeOnLarger: true }),
      ),
    ).division;
    // 新民's grid keeps its outline (it only takes the cut's end vertex on the shared edge); grid 2 is in two.
    expect(
      sameOutline(division.grid.get('grid-new-1')!.geometry, after.grid.get('grid-new-1')!.geometry),
    ).toBe(true);
    expect([...after.grid.values()].filter((g) => g.parentCode !== OTHER)).toHaveLength(3);
  });

  it('splits every grid of one community the line cuts through', () => {
    const targets = splitTargets(township(), [at(-0.0005, 0.001), at(0.0045, 0.001)], null);
    expect(targets).toEqual({ ok: true, value: { layer: 'grid', ids: [G1, G2] } });
  });

  it('refuses, with a message in both languages, a line that cuts through grids of two communities', () => {
    // Through grid 2 and across the corner of 新民's grid: which one was meant is unclear.
    const line = [at(0.003, -0.0005), at(0.003, 0.001), at(0.0045, 0.001), at(0.0045, -0.0005)];
    const targets = splitTargets(township(), line, null);
    expect(targets.ok).toBe(false);
    if (targets.ok) return;
    expect(targets.problems[0]!.kind).toBe('several-communities');
    expect(targets.problems[0]!.message.zh).toContain('请先选中要拆分的网格');
    expect(targets.problems[0]!.message.en).toContain('select the grid to split first');
    // The preview says so before the line is finished.
    expect(
      sketchCounts(township(), RULES, {
        kind: 'line',
        geometry: { type: 'LineString', coordinates: line },
        gridId: null,
      }).refusal,
    ).toEqual(targets.problems[0]!.message);
    // With grid 2 selected, grid 2 is the one split.
    expect(splitTargets(township(), line, G2)).toEqual({ ok: true, value: { layer: 'grid', ids: [G2] } });
  });

  it('the selected grid is the target even when the line misses it, so the planner hears why', () => {
    const division = township();
    const line = [at(-0.0005, 0.001), at(0.0015, 0.001)];
    const targets = splitTargets(division, line, G2);
    expect(targets).toEqual({ ok: true, value: { layer: 'grid', ids: [G2] } });
    const result = splitTargetsCommand(division, { layer: 'grid', ids: [G2] }, line, {
      keepCodeOnLarger: true,
    });
    expect(result.ok).toBe(false);
  });

  it('a line that cuts only a micro-grid through splits that micro-grid', () => {
    const division = township();
    const line = [at(-0.0001, 0.001), at(0.0015, 0.001)]; // through micro-grid 1, ends in micro-grid 2
    expect(splitTargets(division, line, null)).toEqual({
      ok: true,
      value: { layer: 'microgrid', ids: ['m1'] },
    });
    expect(splitTargets(division, line, G1)).toEqual({
      ok: true,
      value: { layer: 'microgrid', ids: ['m1'] },
    });
    const preview = sketchCounts(division, RULES, {
      kind: 'line',
      geometry: { type: 'LineString', coordinates: line },
      gridId: null,
    });
    expect(preview.targets).toEqual({ layer: 'microgrid', ids: ['m1'] });
    expect(preview.parts).toHaveLength(2);
  });

  it('refuses a line that cuts nothing through', () => {
    const targets = splitTargets(township(), [at(0.0005, 0.0005), at(0.0015, 0.0015)], null);
    expect(targets.ok).toBe(false);
    if (!targets.ok) expect(targets.problems[0]!.kind).toBe('no-grid');
  });
});

function value<T>(result: { ok: true; value: T } | { ok: false }): T {
  if (!result.ok) throw new Error('refused');
  return result.value;
}
function never(): never {
  throw new Error('unreachable');
}
