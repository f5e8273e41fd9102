import type { LocalText, Severity } from '../../model';
import type { RuleName } from '../validation-issue';

/**
 * A validation rule as the reports and the issues panel know it: its interchange name, its short label
 * in ui.md's words and the severity of its issues (some rules downgrade single cases, e.g. an accepted
 * household exception or a tolerated defect; the issue then says so itself).
 */
export interface Rule {
  readonly name: RuleName;
  readonly label: LocalText;
  readonly severity: Severity;
}
