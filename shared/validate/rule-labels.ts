import type { LocalText } from '../model';
import { RULE_TABLE } from './rules/rule-table';
import type { RuleName } from './validation-issue';
import { RULES } from './validation-issue';

/**
 * Short names of the validation rules in the words of ui.md, for the issues panel, the text and HTML
 * reports alike, so a reviewer reads the same term in the app and in the printed report. Each label is
 * defined with its rule in rules/<rule>.ts.
 */
export const RULE_LABELS: Readonly<Record<RuleName, LocalText>> = Object.fromEntries(
  RULES.map((name) => [name, RULE_TABLE[name].label]),
) as Record<RuleName, LocalText>;
