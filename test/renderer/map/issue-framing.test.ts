import { describe, expect, it } from 'vitest';
import { issueGroupBounds } from '../../../renderer/map/issue-framing';
import { builtinRuleSet } from '../../../shared/model';
import { Validator } from '../../../shared/validate';
import { demoDivision } from '../../shared/cli/filing-package-fixtures';

describe('issueGroupBounds', () => {
  const division = demoDivision();
  const issues = new Validator(division, builtinRuleSet('zigong')!).issues();

  it('frames every unassigned point of a community, not only the one the issue is placed at', () => {
    const unassigned = issues.find((issue) => issue.rule === 'unassigned-point')!;
    expect(unassigned.ids.length).toBeGreaterThan(1);
    const [minX, minY, maxX, maxY] = issueGroupBounds(unassigned, division)!;
    for (const id of unassigned.ids) {
      const point = division.census.get(id)!;
      expect(point.lon).toBeGreaterThanOrEqual(minX);
      expect(point.lon).toBeLessThanOrEqual(maxX);
      expect(point.lat).toBeGreaterThanOrEqual(minY);
      expect(point.lat).toBeLessThanOrEqual(maxY);
    }
    expect(maxX - minX).toBeGreaterThan(0);
  });

  it('leaves other issues to their own place', () => {
    for (const issue of issues.filter((i) => i.rule !== 'unassigned-point'))
      expect(issueGroupBounds(issue, division)).toBeNull();
  });
});
