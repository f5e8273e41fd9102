import type { AreaEntity, Grid, LocalText, RuleSet } from '../../model';
import { COMMUNITY_KINDS, GRID_TYPES, text } from '../../model';
import type { ValidationIssue } from '../validation-issue';
import type { IssueBase } from './entity-label';
import { blank, capitalise } from './entity-label';
import type { Rule } from './rule';

/** 缺少属性: what a reviewer needs on every entity of a layer (a missing exclusive category only warns). */
export const MISSING_ATTRIBUTE: Rule = {
  name: 'missing-attribute',
  label: text('缺少属性', 'missing attribute'),
  severity: 'error',
};

/** Names of attributes as reported missing. */
export const ATTRIBUTE_NAMES = {
  code: text('编码', 'code'),
  name: text('名称', 'name'),
  gridType: text('网格类型', 'grid type'),
  kind: text('类型（社区/行政村）', 'kind (urban/rural)'),
  leader: text('网格长', 'grid leader'),
  exclusiveCategory: text('专属网格类别', 'exclusive grid category'),
} as const;
export type AttributeName = keyof typeof ATTRIBUTE_NAMES;

export function missingAttributeMessage(label: LocalText, missing: readonly AttributeName[]): LocalText {
  return text(
    `${label.zh}缺少${missing.map((m) => ATTRIBUTE_NAMES[m].zh).join('、')}`,
    `${capitalise(label.en)} lacks ${missing.map((m) => ATTRIBUTE_NAMES[m].en).join(', ')}`,
  );
}

function hasLeader(grid: Grid): boolean {
  return (grid.staff ?? []).some((member) => member.role === 'leader' && member.name.trim() !== '');
}

/** The missing-attribute issues of an entity: one error for what is required, a warning for the category. */
export function missingAttributeIssues(
  entity: AreaEntity,
  ruleSet: RuleSet,
  label: LocalText,
  base: IssueBase,
  parent: { parentCode?: string },
): ValidationIssue[] {
  const { layer, id } = entity;
  const issues: ValidationIssue[] = [];
  const missing: AttributeName[] = [];
  if (blank(entity.code)) missing.push('code');
  if (blank(entity.name)) missing.push('name');
  if (entity.layer === 'community' && !COMMUNITY_KINDS.includes(entity.kind as never)) missing.push('kind');
  if (entity.layer === 'grid') {
    if (!GRID_TYPES.includes(entity.gridType as never)) missing.push('gridType');
    if (ruleSet.requiresLeader && !hasLeader(entity)) missing.push('leader');
  }
  if (missing.length > 0) {
    issues.push({
      ...base,
      key: `missing-attribute:${layer}:${id}`,
      rule: MISSING_ATTRIBUTE.name,
      severity: MISSING_ATTRIBUTE.severity,
      message: missingAttributeMessage(label, missing),
      ...parent,
    });
  }
  if (entity.layer === 'grid' && entity.gridType === 'exclusive' && entity.exclusiveCategory === undefined) {
    issues.push({
      ...base,
      key: `missing-attribute:${layer}:${id}:category`,
      rule: MISSING_ATTRIBUTE.name,
      severity: 'warning',
      message: missingAttributeMessage(label, ['exclusiveCategory']),
      ...parent,
    });
  }
  return issues;
}
