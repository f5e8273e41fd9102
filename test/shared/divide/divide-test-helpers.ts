import type { Division, RuleSet } from '../../../shared/model';
import { applyChange } from '../../../shared/model';
import type { ValidationIssue } from '../../../shared/validate';
import { Validator } from '../../../shared/validate';

/** Issues the reviewer would reject a division for: coverage, overlap, containment, points, geometry. */
export const GEOMETRY_RULES = new Set([
  'invalid-geometry',
  'overlap',
  'gap',
  'outside-parent',
  'unassigned-point',
]);

/** Applies a proposal and returns the divided division with its validator. */
export function applied(division: Division, change: Parameters<typeof applyChange>[1], ruleSet: RuleSet) {
  const next = applyChange(division, change).division;
  const validator = new Validator(next, ruleSet);
  return { next, validator };
}

/** The geometry issues of a validator (see {@link GEOMETRY_RULES}), as short strings for readable failures. */
export function geometryIssues(validator: Validator): string[] {
  return validator
    .issues()
    .filter((issue: ValidationIssue) => GEOMETRY_RULES.has(issue.rule))
    .map((issue) => `${issue.rule} ${issue.codes.join(',')} ${issue.areaM2 ?? ''} ${issue.message.en}`);
}
