import type { Division, Language, RuleSet } from '../model';
import type { ValidateOptions } from './validate-options';
import { Validator } from './validator';
import type { ValidationReport } from './validation-report';

/** Options of {@link validateDivision}: validation options and the language of messages (default zh). */
export interface ValidateDivisionOptions extends ValidateOptions {
  readonly lang?: Language;
}

/**
 * Validates a whole division against a rule set and returns the interchange report
 * (../shared/spec/interchange.md). For repeated validation while editing, keep a {@link Validator}
 * and call its `update` instead.
 */
export function validateDivision(
  division: Division,
  ruleSet: RuleSet,
  options: ValidateDivisionOptions = {},
): ValidationReport {
  return new Validator(division, ruleSet, options).report(options.lang ?? 'zh');
}
