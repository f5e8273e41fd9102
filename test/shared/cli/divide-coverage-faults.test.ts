import { describe, expect, it } from 'vitest';
import { coverageFaults, faultLine } from '../../../shared/cli/divide-coverage-faults';
import type { CommunityOutcome } from '../../../shared/divide/divide-outcome';
import type { Grid } from '../../../shared/model';
import { applyChange, builtinRuleSet, change } from '../../../shared/model';
import { FOUR_BLOCKS, gridOf, rectM, syntheticCommunity } from '../divide/divide-fixtures';

const zigong = builtinRuleSet('zigong')!;

function outcome(code: string): CommunityOutcome {
  return {
    communityId: `c-${code}`,
    code,
    households: 0,
    population: 0,
    grids: 2,
    inBand: 2,
    compactnessMean: 1,
    compactnessMin: 1,
    seconds: 0,
    feasible: null,
    outOfBand: [],
  };
}

const grid = (code: string, box: [number, number, number, number]): Grid => gridOf(code, rectM(...box));

describe('coverageFaults: what divide checks before it says it succeeded', () => {
  const s = syntheticCommunity({
    ...FOUR_BLOCKS,
    buildingsPerBlock: 2,
    maxHouseholdsPerBuilding: 10,
    seed: 3,
  });

  it('finds nothing in a division that covers the community exactly', () => {
    const made = [grid('001', [0, 0, 300, 600]), grid('002', [300, 0, 600, 600])];
    const divided = applyChange(s.division, change('', made)).division;
    expect(coverageFaults(divided, zigong, made, [outcome(s.community.code)])).toEqual([]);
  });

  it('finds a gap left in a divided community and an overlap of the grids made, in both languages', () => {
    const made = [grid('001', [0, 0, 300, 590]), grid('002', [290, 0, 600, 600])];
    const divided = applyChange(s.division, change('', made)).division;
    const faults = coverageFaults(divided, zigong, made, [outcome(s.community.code)]);
    expect(faults.map((fault) => fault.rule).sort()).toEqual(['gap', 'overlap']);
    const line = faultLine(faults[0]!);
    expect(line.zh).toContain('GridPlan 的缺陷');
    expect(line.en).toContain('a GridPlan defect');
    expect(line.en).toMatch(/[^.]\. It was written all the same/);
    // Nothing made: nothing of divide's to check.
    expect(coverageFaults(divided, zigong, [], [outcome(s.community.code)])).toEqual([]);
  });

  it("leaves to the input a gap under a neighbour's grid that spills over the boundary", () => {
    // The neighbour's grid reaches 50 m into the community: divide leaves that strip to it, by design.
    const spill = gridOf('001', rectM(550, 0, 700, 600), { parentCode: '510302001002', id: 'g-spill' });
    const made = [grid('001', [0, 0, 300, 600]), grid('002', [300, 0, 550, 600])];
    const divided = applyChange(s.division, change('', [spill, ...made])).division;
    expect(coverageFaults(divided, zigong, made, [outcome(s.community.code)])).toEqual([]);
  });
});
