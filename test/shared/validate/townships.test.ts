import { describe, expect, it } from 'vitest';
import { builtinRuleSet, change, divisionOf } from '../../../shared/model';
import type { Division, Entity } from '../../../shared/model';
import { Validator } from '../../../shared/validate/validator';
import type { ValidationIssue } from '../../../shared/validate/validation-issue';
import { community, grid, rect, township } from './entities';

// Several townships in one division (the city office validates a whole city): a community belongs to the
// township with its first nine digits, or to the sole township when there is one. The validator finds
// them through an index by that prefix; these tests pin the rule it must keep.

const zigong = builtinRuleSet('zigong')!;
const A = '510302001000';
const B = '510302002000';
const CA = '510302001001';
const CB = '510302002001';

function summary(issues: readonly ValidationIssue[]): string[] {
  return issues.map((issue) => `${issue.rule} ${issue.codes.join(',')} ${issue.parentCode ?? ''}`.trim());
}

/** Coverage issues between townships and communities (communities here have no grids on purpose). */
function coverageSummary(issues: readonly ValidationIssue[]): string[] {
  return summary(
    issues.filter(
      (issue) =>
        ['gap', 'outside-parent', 'overlap'].includes(issue.rule) &&
        !(issue.rule === 'gap' && issue.parentCode?.endsWith('000') !== true),
    ),
  );
}

function city(...extra: Entity[]): Division {
  return divisionOf({}, [
    township(A, rect(104, 29, 104.01, 29.01)),
    township(B, rect(104.01, 29, 104.02, 29.01)),
    ...extra,
  ]);
}

describe('Validator with several townships', () => {
  it('checks each township against the communities of its own prefix', () => {
    const issues = new Validator(
      city(
        // A's community leaves its east tenth uncovered: a gap in A, not in B.
        community(CA, rect(104, 29, 104.009, 29.01)),
        grid(`${CA}001`, CA, rect(104, 29, 104.009, 29.01)),
        // B's community reaches 0.0005° into A: outside B, and overlapping nothing of A (the gap).
        community(CB, rect(104.0095, 29, 104.02, 29.01)),
        grid(`${CB}001`, CB, rect(104.0095, 29, 104.02, 29.01)),
      ),
      zigong,
    ).issues();
    expect(coverageSummary(issues)).toEqual(
      expect.arrayContaining([`gap ${A} ${A}`, `outside-parent ${CB} ${B}`]),
    );
    expect(coverageSummary(issues).filter((line) => line.startsWith('gap'))).toEqual([`gap ${A} ${A}`]);
  });

  it('reports an overlap between communities of different townships once, as a pair', () => {
    const issues = new Validator(
      city(community(CA, rect(104, 29, 104.011, 29.01)), community(CB, rect(104.01, 29, 104.02, 29.01))),
      zigong,
    ).issues();
    const overlaps = coverageSummary(issues).filter((line) => line.startsWith('overlap'));
    expect(overlaps).toEqual([`overlap ${CA},${CB}`]);
  });

  it('gives a sole township every community, whatever its prefix', () => {
    const other = '510399001001';
    const issues = new Validator(
      divisionOf({}, [
        township(A, rect(104, 29, 104.01, 29.01)),
        community(CA, rect(104, 29, 104.005, 29.01)),
        community(other, rect(104.005, 29, 104.01, 29.01)),
      ]),
      zigong,
    ).issues();
    // Both communities cover A between them (no gap); the foreign prefix is a bad code.
    expect(coverageSummary(issues)).toEqual([]);
    expect(summary(issues)).toContain(`bad-code ${other}`);
  });

  it('leaves a community without a township when several exist and none has its prefix', () => {
    const orphan = '510399001001';
    const issues = new Validator(city(community(orphan, rect(104, 29, 104.02, 29.01))), zigong).issues();
    // It covers both townships but belongs to neither: both have their whole area as a gap.
    const gaps = coverageSummary(issues).filter((line) => line.startsWith('gap'));
    expect(gaps).toEqual([`gap ${A} ${A}`, `gap ${B} ${B}`]);
  });

  it('after adding and removing townships, gives the issues of a fresh validation', () => {
    const start = divisionOf({}, [
      township(A, rect(104, 29, 104.01, 29.01)),
      community(CA, rect(104, 29, 104.01, 29.01)),
      community(CB, rect(104.01, 29, 104.02, 29.01)),
    ]);
    const validator = new Validator(start, zigong);
    const steps = [
      change('B arrives', [township(B, rect(104.01, 29, 104.02, 29.01))]),
      change('A leaves', [], [{ layer: 'township', id: `t-${A}` }]),
      change('A again, wider', [township(A, rect(104, 29, 104.012, 29.01))]),
      change('B leaves', [], [{ layer: 'township', id: `t-${B}` }]),
    ];
    for (const step of steps) {
      validator.update(step);
      const fresh = new Validator(validator.division, zigong);
      expect(summary(validator.issues()), step.note).toEqual(summary(fresh.issues()));
    }
  });
});
