import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeGridsCommand } from '../../../shared/commands/merge-grids-command';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import type { Division } from '../../../shared/model';
import { applyChange, builtinRuleSet } from '../../../shared/model';
import { Validator } from '../../../shared/validate';
import { deriveFigures } from '../../../renderer/derive/grid-figures';

function demo(): Division {
  const result = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
  if (!result.ok) throw new Error('demo does not parse');
  return result.value;
}

const ruleSet = builtinRuleSet('zigong')!;

describe('deriveFigures', () => {
  it('gives the same figures from the validation worker’s counts as from counting here', () => {
    const division = demo();
    const counted = deriveFigures(division, ruleSet);
    const fromWorker = deriveFigures(division, ruleSet, new Validator(division, ruleSet).counts());
    expect([...fromWorker.grids]).toEqual([...counted.grids]);
    expect([...fromWorker.microgrids]).toEqual([...counted.microgrids]);
    expect([...fromWorker.byCommunity]).toEqual([...counted.byCommunity]);
    expect(fromWorker.households).toBe(counted.households);
    expect(fromWorker.unassignedHouseholds).toBe(counted.unassignedHouseholds);
  });

  it('with the counts of the document before a merge, gives the merged grid no figure until counted', () => {
    const division = demo();
    const before = new Validator(division, ruleSet).counts();
    const grids = [...division.grid.values()];
    let merged: Division | null = null;
    for (const a of grids) {
      for (const b of grids) {
        if (merged || a.id >= b.id || a.parentCode !== b.parentCode) continue;
        const result = mergeGridsCommand(division, [a.id, b.id]);
        if (result.ok) merged = applyChange(division, result.value).division;
      }
    }
    expect(merged).not.toBeNull();
    const stale = deriveFigures(merged!, ruleSet, before);
    const made = [...merged!.grid.keys()].filter((id) => !division.grid.has(id));
    expect(made).toHaveLength(1);
    expect(stale.grids.has(made[0]!)).toBe(false);
    expect(stale.grids.size).toBe(merged!.grid.size - 1);
    // Once counted (as the worker's next answer does), every grid has its figure again.
    const fresh = deriveFigures(merged!, ruleSet, new Validator(merged!, ruleSet).counts());
    expect(fresh.grids.get(made[0]!)).toEqual(deriveFigures(merged!, ruleSet).grids.get(made[0]!));
  });
});
