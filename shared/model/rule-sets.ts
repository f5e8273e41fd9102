import changji from '../../resources/rule-sets/changji.json';
import jiaxing from '../../resources/rule-sets/jiaxing.json';
import ningbo from '../../resources/rule-sets/ningbo.json';
import zigong from '../../resources/rule-sets/zigong.json';
import type { Grid, MicroGrid } from './types';
import type { GridTarget, RuleSet, TargetStatus } from './rule-set';

/** The presets shipped in resources/rule-sets, by id. */
export const BUILTIN_RULE_SETS: ReadonlyMap<string, RuleSet> = new Map(
  ([zigong, changji, ningbo, jiaxing] as RuleSet[]).map((ruleSet) => [ruleSet.id, ruleSet]),
);

/** A built-in rule set by id, or undefined. */
export function builtinRuleSet(id: string): RuleSet | undefined {
  return BUILTIN_RULE_SETS.get(id);
}

/** The built-in rule set `id` (a division's `ruleSet` member), or zigong, the default, when none is. */
export function builtinRuleSetOrDefault(id: string | undefined): RuleSet {
  return (id !== undefined ? BUILTIN_RULE_SETS.get(id) : undefined) ?? BUILTIN_RULE_SETS.get('zigong')!;
}

/** The target a grid or micro-grid is held to under a rule set, or null when it has none. */
export function targetFor(entity: Grid | MicroGrid, ruleSet: RuleSet): GridTarget | null {
  if (entity.layer === 'microgrid') return ruleSet.microgrid;
  if (entity.gridType === 'exclusive' || entity.gridType === null) return null;
  return entity.gridType === 'urban' ? ruleSet.urban : ruleSet.rural;
}

/**
 * Household status against a target. A grid is within target when its households are inside the range,
 * or (where the regulation says "or about N people") its population is within tolerance of N.
 */
export function targetStatus(
  target: GridTarget | null,
  counts: { readonly households: number; readonly population: number },
): TargetStatus {
  if (!target || (target.minHouseholds === undefined && target.maxHouseholds === undefined)) return 'none';
  const { households, population } = counts;
  if (target.aboutPopulation !== undefined) {
    const tolerance = target.aboutPopulation * (target.populationTolerance ?? 0.2);
    if (Math.abs(population - target.aboutPopulation) <= tolerance) return 'ok';
  }
  if (target.maxPopulation !== undefined && population > target.maxPopulation) return 'over';
  if (target.minHouseholds !== undefined && households < target.minHouseholds) return 'under';
  if (target.maxHouseholds !== undefined && households > target.maxHouseholds) return 'over';
  return 'ok';
}
