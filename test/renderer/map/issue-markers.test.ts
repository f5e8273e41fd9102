import { describe, expect, it } from 'vitest';
import { CITY, generateDivision } from '../../../bench/city-division';
import { builtinRuleSet } from '../../../shared/model';
import { Validator } from '../../../shared/validate';
import { issueMarkers } from '../../../renderer/map/issue-markers';

// The city of bench/app-open-bench.ts --city: every grid under its household target, 20 overlaps.
const city = generateDivision({ ...CITY, censusPoints: 2000 });
const issues = new Validator(city, builtinRuleSet('zigong')!).issues();

describe('issueMarkers', () => {
  it('marks the city’s errors, not a household-target warning per grid (the fill says it)', () => {
    const targetWarnings = issues.filter((i) => i.rule === 'household-under' || i.rule === 'household-over');
    expect(targetWarnings.length).toBeGreaterThanOrEqual(city.grid.size);
    const markers = issueMarkers(issues, undefined);
    const others = issues.filter((i) => i.layer !== 'census' && !targetWarnings.includes(i));
    expect(markers.features.map((f) => f.properties.key)).toEqual(others.map((i) => i.key));
    expect(markers.features.length).toBeLessThan(100);
  });

  it('marks a household-target issue when it is the chosen one, larger', () => {
    const chosen = issues.find((i) => i.rule === 'household-under')!;
    const markers = issueMarkers(issues, chosen.key);
    const marked = markers.features.filter((f) => f.properties.key === chosen.key);
    expect(marked).toHaveLength(1);
    expect(marked[0]!.properties.selected).toBe(true);
    expect(marked[0]!.geometry.coordinates).toEqual([...chosen.at]);
    expect(markers.features.filter((f) => f.properties.selected)).toHaveLength(1);
  });
});
