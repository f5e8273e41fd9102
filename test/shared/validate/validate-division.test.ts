import { describe, expect, it } from 'vitest';
import { builtinRuleSet, divisionOf } from '../../../shared/model';
import type { Entity } from '../../../shared/model';
import { validateDivision } from '../../../shared/validate/validate-division';
import { community, grid, rect, township } from './entities';

const T = '510302001000';
const C = '510302001001';
const zigong = builtinRuleSet('zigong')!;

function clean(): Entity[] {
  return [
    township(T, rect(104, 29, 104.02, 29.01)),
    community(C, rect(104, 29, 104.02, 29.01)),
    grid(`${C}001`, C, rect(104, 29, 104.01, 29.01)),
    grid(`${C}002`, C, rect(104.01, 29, 104.02, 29.01)),
  ];
}

describe('validateDivision', () => {
  it('finds nothing wrong in a clean division (targets aside)', () => {
    const report = validateDivision(divisionOf({}, clean()), zigong);
    expect(report.issues.filter((i) => !i.rule.startsWith('household'))).toEqual([]);
    expect(report.grids).toHaveLength(2);
    expect(report.summary.errors).toBe(0);
  });

  it('reports an overlap once per pair, a gap, and a grid outside its community', () => {
    const entities = clean();
    entities[2] = grid(`${C}001`, C, rect(104, 29, 104.012, 29.01));
    entities[3] = grid(`${C}002`, C, rect(104.011, 29, 104.025, 29.008));
    const report = validateDivision(divisionOf({}, entities), zigong);
    const rules = report.issues.map((i) => i.rule).sort();
    expect(rules.filter((r) => r === 'overlap')).toHaveLength(1);
    expect(rules).toContain('gap');
    expect(rules).toContain('outside-parent');
  });
});
