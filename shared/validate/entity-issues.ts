import type { AreaEntity, Grid, MicroGrid, RuleSet, Township } from '../model';
import { COMMUNITY_KINDS, GRID_TYPES, targetFor, targetStatus, text } from '../model';
import type { GeometryDefect } from '../geometry/check-geometry';
import { checkCode, describeTemplate } from '../codes/code-template';
import type { CodeTemplate } from '../codes/code-template';
import type { CensusTally } from '../geometry/count-census';
import {
  badCodeFormatMessage,
  badCodePrefixMessage,
  communityKindCodeMessage,
  entityLabel,
  householdMessage,
  invalidGeometryMessage,
  missingAttributeMessage,
  missingParentMessage,
  multipartMessage,
} from './issue-messages';
import type { AttributeName } from './issue-messages';
import type { ValidationIssue } from './validation-issue';

/** What is known about an entity's geometry, computed once per version of the entity. */
export interface GeometryFacts {
  readonly defects: readonly GeometryDefect[];
  readonly parts: number;
  /** Where messages about the whole entity point. */
  readonly at: readonly [number, number];
}

/** What entity checks need to know about the rest of the division. */
export interface EntityContext {
  readonly ruleSet: RuleSet;
  readonly gridTemplate: CodeTemplate | undefined;
  readonly microgridTemplate: CodeTemplate | undefined;
  /** Whether a community (for a grid) or a grid (for a micro-grid) with this code exists. */
  parentExists(layer: 'grid' | 'microgrid', parentCode: string): boolean;
  /** The townships of the division (usually one). */
  townships(): readonly Township[];
  /** Census counts of a grid or micro-grid. */
  tally(layer: 'grid' | 'microgrid', id: string): CensusTally;
}

const TOWNSHIP_CODE = /^\d{9}000$/;
const COMMUNITY_CODE = /^\d{12}$/;

function hasLeader(grid: Grid): boolean {
  return (grid.staff ?? []).some((member) => member.role === 'leader' && member.name.trim() !== '');
}

function blank(value: string | undefined | null): boolean {
  return value === undefined || value === null || value.trim() === '';
}

/**
 * The issues that depend on one entity alone (and on the existence of its parent and its census
 * counts): invalid geometry, multipart, missing attributes, code format and prefix, missing parent,
 * household target. Keys are stable per entity and rule.
 */
export function entityIssues(
  entity: AreaEntity,
  facts: GeometryFacts,
  context: EntityContext,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { layer, id, code } = entity;
  const label = entityLabel(layer, code, entity.name);
  const at = facts.at;
  const base = { layer, ids: [id], codes: [code], at } as const;
  const parentCode = entity.layer === 'grid' || entity.layer === 'microgrid' ? entity.parentCode : undefined;
  const withParent = parentCode ? { parentCode } : {};

  for (const defect of facts.defects) {
    issues.push({
      ...base,
      key: `invalid-geometry:${layer}:${id}:${defect.kind}`,
      rule: 'invalid-geometry',
      severity: defect.severity,
      at: defect.at,
      message: invalidGeometryMessage(label, defect),
      ...withParent,
    });
  }
  if ((layer === 'grid' || layer === 'microgrid') && facts.parts > 1) {
    issues.push({
      ...base,
      key: `multipart:${layer}:${id}`,
      rule: 'multipart',
      severity: 'error',
      message: multipartMessage(label, facts.parts),
      ...withParent,
    });
  }

  // Attributes a reviewer needs on every entity of the layer.
  const missing: AttributeName[] = [];
  if (blank(code)) missing.push('code');
  if (blank(entity.name)) missing.push('name');
  if (entity.layer === 'community' && !COMMUNITY_KINDS.includes(entity.kind as never)) missing.push('kind');
  if (entity.layer === 'grid') {
    if (!GRID_TYPES.includes(entity.gridType as never)) missing.push('gridType');
    if (context.ruleSet.requiresLeader && !hasLeader(entity)) missing.push('leader');
  }
  if (missing.length > 0) {
    issues.push({
      ...base,
      key: `missing-attribute:${layer}:${id}`,
      rule: 'missing-attribute',
      severity: 'error',
      message: missingAttributeMessage(label, missing),
      ...withParent,
    });
  }
  if (entity.layer === 'grid' && entity.gridType === 'exclusive' && entity.exclusiveCategory === undefined) {
    issues.push({
      ...base,
      key: `missing-attribute:${layer}:${id}:category`,
      rule: 'missing-attribute',
      severity: 'warning',
      message: missingAttributeMessage(label, ['exclusiveCategory']),
      ...withParent,
    });
  }

  issues.push(...codeIssues(entity, label, base, context));

  if (entity.layer === 'grid' || entity.layer === 'microgrid') {
    const parentLayer = entity.layer === 'grid' ? 'community' : 'grid';
    if (blank(entity.parentCode) || !context.parentExists(entity.layer, entity.parentCode)) {
      issues.push({
        ...base,
        key: `missing-parent:${layer}:${id}`,
        rule: 'missing-parent',
        severity: 'error',
        message: missingParentMessage(label, parentLayer, entity.parentCode.trim()),
        ...withParent,
      });
    }
    const household = householdIssue(entity, label, base, context);
    if (household) issues.push(household);
  }
  return issues;
}

type Base = Pick<ValidationIssue, 'layer' | 'ids' | 'codes' | 'at'>;

function codeIssues(
  entity: AreaEntity,
  label: ReturnType<typeof entityLabel>,
  base: Base,
  context: EntityContext,
): ValidationIssue[] {
  const { layer, id, code } = entity;
  if (blank(code)) return [];
  const issues: ValidationIssue[] = [];
  const bad = (
    which: string,
    message: ValidationIssue['message'],
    severity: 'error' | 'warning' = 'error',
  ): void => {
    const parentCode =
      entity.layer === 'grid' || entity.layer === 'microgrid' ? entity.parentCode : undefined;
    issues.push({
      ...base,
      key: `bad-code:${layer}:${id}:${which}`,
      rule: 'bad-code',
      severity,
      message,
      ...(parentCode ? { parentCode } : {}),
    });
  };
  switch (entity.layer) {
    case 'township':
      if (!TOWNSHIP_CODE.test(code))
        bad('format', badCodeFormatMessage(label, text('12 位数字，以 000 结尾', '12 digits ending in 000')));
      break;
    case 'community': {
      if (!COMMUNITY_CODE.test(code)) {
        bad(
          'format',
          badCodeFormatMessage(label, text('12 位统计用区划代码', 'the 12-digit statistics code')),
        );
        break;
      }
      // Digits 1–9 are the township's code: with one township, a community must carry its prefix.
      const townships = context.townships();
      const sole = townships.length === 1 ? townships[0]! : undefined;
      if (sole && TOWNSHIP_CODE.test(sole.code) && sole.code.slice(0, 9) !== code.slice(0, 9)) {
        bad('parent', badCodePrefixMessage(label, 'township', sole.code));
      }
      // Digits 10–12: 001–199 residents' committee (社区), 200–399 villagers' committee (村).
      const village = Number(code.slice(9, 12));
      if (entity.kind === 'urban' && !(village >= 1 && village <= 199))
        bad('kind', communityKindCodeMessage(label, 'urban'), 'warning');
      if (entity.kind === 'rural' && !(village >= 200 && village <= 399))
        bad('kind', communityKindCodeMessage(label, 'rural'), 'warning');
      break;
    }
    case 'grid':
    case 'microgrid': {
      const template = entity.layer === 'grid' ? context.gridTemplate : context.microgridTemplate;
      if (!template) break;
      const check = checkCode(template, code, entity.parentCode);
      const parentLayer = entity.layer === 'grid' ? 'community' : 'grid';
      if (check === 'format') bad('format', badCodeFormatMessage(label, describeTemplate(template.source)));
      else if (check === 'parent') bad('parent', badCodePrefixMessage(label, parentLayer, entity.parentCode));
      break;
    }
  }
  return issues;
}

function householdIssue(
  entity: Grid | MicroGrid,
  label: ReturnType<typeof entityLabel>,
  base: Base,
  context: EntityContext,
): ValidationIssue | undefined {
  const target = targetFor(entity, context.ruleSet);
  const counts = context.tally(entity.layer, entity.id);
  const status = targetStatus(target, counts);
  if (!target || (status !== 'over' && status !== 'under')) return undefined;
  const justification =
    entity.layer === 'grid' && !blank(entity.justification) ? entity.justification!.trim() : undefined;
  return {
    ...base,
    key: `household:${entity.layer}:${entity.id}`,
    rule: status === 'over' ? 'household-over' : 'household-under',
    severity: 'warning',
    ...(entity.parentCode ? { parentCode: entity.parentCode } : {}),
    message: householdMessage(label, status, counts, target, context.ruleSet, justification),
    ...(justification !== undefined ? { accepted: true, justification } : {}),
  };
}
