import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Community, Grid } from '../../../../shared/model';
import type { Piece } from '../../../../shared/validate/coverage-pieces';
import { RULE_LABELS } from '../../../../shared/validate/rule-labels';
import { gapIssues } from '../../../../shared/validate/rules/gap';
import { outsideParentIssues } from '../../../../shared/validate/rules/outside-parent';
import { overlapIssues } from '../../../../shared/validate/rules/overlap';
import { RULE_TABLE } from '../../../../shared/validate/rules/rule-table';
import { RULES } from '../../../../shared/validate/validation-issue';
import { NO_RULE_SET_FOR_TESTS } from '../../geometry/division-fixtures';
import { communityEntity, gridEntity, rect } from '../../geometry/geometry-test-helpers';

const community: Community = communityEntity(rect(0, 0, 1, 1));
const grid = (n: number): Grid => gridEntity(n, rect(0, 0, 1, 1));
const piece = (areaM2: number): Piece => ({ areaM2, at: [0.5, 0.5], minX: 0, minY: 0, maxX: 1, maxY: 1 });

describe('rules as modules', () => {
  it('defines every interchange rule once, under its own name, with words in both languages', () => {
    expect(Object.keys(RULE_TABLE).sort()).toEqual([...RULES].sort());
    for (const name of RULES) {
      const rule = RULE_TABLE[name];
      expect(rule.name).toBe(name);
      expect(rule.label.zh).not.toBe('');
      expect(rule.label.en).not.toBe('');
      expect(RULE_LABELS[name]).toBe(rule.label);
    }
  });

  it('reports an overlap once per pair whatever the order, with the area summed', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { maxLength: 5 }), (areas) => {
        const pieces = areas.map((a) => piece(a));
        const ab = overlapIssues('grid', grid(1), grid(2), pieces);
        const ba = overlapIssues('grid', grid(2), grid(1), pieces);
        if (areas.length === 0) return ab.length === 0 && ba.length === 0;
        const sum = areas.reduce((s, a) => s + a, 0);
        return (
          ab.length === 1 &&
          JSON.stringify(ab) === JSON.stringify(ba) &&
          ab[0]!.areaM2 === sum &&
          ab[0]!.codes[0]! < ab[0]!.codes[1]!
        );
      }),
    );
  });

  it('numbers the gaps of a village and downgrades a grid outside it only where the rule set allows', () => {
    const gaps = gapIssues('community', community, 'grid', [piece(5), piece(7)]);
    expect(gaps.map((g) => g.key)).toEqual([
      `gap:community:${community.id}:0`,
      `gap:community:${community.id}:1`,
    ]);
    expect(gaps.every((g) => g.severity === RULE_TABLE.gap.severity)).toBe(true);
    const strict = outsideParentIssues(
      'community',
      community,
      'grid',
      grid(1),
      [piece(3)],
      NO_RULE_SET_FOR_TESTS,
    );
    const lenient = outsideParentIssues('community', community, 'grid', grid(1), [piece(3)], {
      ...NO_RULE_SET_FOR_TESTS,
      allowOutsideParent: true,
    });
    expect(strict[0]!.severity).toBe('error');
    expect(lenient[0]!.severity).toBe('warning');
    expect(outsideParentIssues('community', community, 'grid', grid(1), [], NO_RULE_SET_FOR_TESTS)).toEqual(
      [],
    );
  });
});
