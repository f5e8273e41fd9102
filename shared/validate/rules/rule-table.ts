import type { RuleName } from '../validation-issue';
import { BAD_CODE } from './bad-code';
import { DUPLICATE_CODE } from './duplicate-code';
import { GAP } from './gap';
import { HOUSEHOLD_OVER, HOUSEHOLD_UNDER } from './household-target';
import { INVALID_GEOMETRY } from './invalid-geometry';
import { MISSING_ATTRIBUTE } from './missing-attribute';
import { MISSING_PARENT } from './missing-parent';
import { MULTIPART } from './multipart';
import { OUTSIDE_PARENT } from './outside-parent';
import { OVERLAP } from './overlap';
import type { Rule } from './rule';
import { TOO_COMPLEX } from './too-complex';
import { UNASSIGNED_POINT } from './unassigned-point';

/** Every rule by its interchange name (the order of the report is `RULES`). */
export const RULE_TABLE: Readonly<Record<RuleName, Rule>> = {
  'invalid-geometry': INVALID_GEOMETRY,
  multipart: MULTIPART,
  overlap: OVERLAP,
  gap: GAP,
  'outside-parent': OUTSIDE_PARENT,
  'too-complex': TOO_COMPLEX,
  'duplicate-code': DUPLICATE_CODE,
  'bad-code': BAD_CODE,
  'missing-parent': MISSING_PARENT,
  'missing-attribute': MISSING_ATTRIBUTE,
  'household-over': HOUSEHOLD_OVER,
  'household-under': HOUSEHOLD_UNDER,
  'unassigned-point': UNASSIGNED_POINT,
};
