import type { AreaEntity, RuleSet, Township } from '../model';
import type { GeometryDefect } from '../geometry/check-geometry';
import type { CodeTemplate } from '../codes/code-template';
import type { CensusTally } from '../geometry/count-census';
import { badCodeIssues } from './rules/bad-code';
import { entityLabel, withParent } from './rules/entity-label';
import { householdIssues } from './rules/household-target';
import { invalidGeometryIssues } from './rules/invalid-geometry';
import { missingAttributeIssues } from './rules/missing-attribute';
import { missingParentIssues } from './rules/missing-parent';
import { multipartIssues } from './rules/multipart';
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

/**
 * The issues that depend on one entity alone (and on the existence of its parent and its census
 * counts), rule by rule (rules/<rule>.ts): invalid geometry, multipart, missing attributes, code format
 * and prefix, missing parent, household target. Keys are stable per entity and rule.
 */
export function entityIssues(
  entity: AreaEntity,
  facts: GeometryFacts,
  context: EntityContext,
): ValidationIssue[] {
  const label = entityLabel(entity.layer, entity.code, entity.name);
  const base = { layer: entity.layer, ids: [entity.id], codes: [entity.code], at: facts.at } as const;
  const parent = withParent(
    entity.layer === 'grid' || entity.layer === 'microgrid' ? entity.parentCode : undefined,
  );
  return [
    ...invalidGeometryIssues(entity, facts.defects, label, base, parent),
    ...multipartIssues(entity, facts.parts, label, base, parent),
    ...missingAttributeIssues(entity, context.ruleSet, label, base, parent),
    ...badCodeIssues(entity, label, base, context),
    ...missingParentIssues(entity, (layer, code) => context.parentExists(layer, code), label, base, parent),
    ...(entity.layer === 'grid' || entity.layer === 'microgrid'
      ? householdIssues(entity, context.tally(entity.layer, entity.id), context.ruleSet, label, base)
      : []),
  ];
}
