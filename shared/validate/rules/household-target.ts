import type { Grid, GridTarget, LocalText, MicroGrid, RuleSet } from '../../model';
import { formatWhole, targetFor, targetStatus, text } from '../../model';
import type { CensusTally } from '../../geometry/count-census';
import type { ValidationIssue } from '../validation-issue';
import type { IssueBase } from './entity-label';
import { blank, capitalise } from './entity-label';
import type { Rule } from './rule';

/** 户数超出: more households (or people) than the rule set's target for the grid's type. */
export const HOUSEHOLD_OVER: Rule = {
  name: 'household-over',
  label: text('户数超出', 'households over target'),
  severity: 'warning',
};

/** 户数不足: fewer households than the target. */
export const HOUSEHOLD_UNDER: Rule = {
  name: 'household-under',
  label: text('户数不足', 'households under target'),
  severity: 'warning',
};

/** "300–500 户或约 1000 人（±20%）". */
export function describeTarget(target: GridTarget): LocalText {
  const { minHouseholds: min, maxHouseholds: max } = target;
  let zh =
    min !== undefined && max !== undefined
      ? `${min}–${max} 户`
      : min !== undefined
        ? `不少于 ${min} 户`
        : `不超过 ${max} 户`;
  let en =
    min !== undefined && max !== undefined
      ? `${min}–${max} households`
      : min !== undefined
        ? `at least ${min} households`
        : `at most ${max} households`;
  if (target.aboutPopulation !== undefined) {
    const tolerance = Math.round((target.populationTolerance ?? 0.2) * 100);
    zh += `或约 ${target.aboutPopulation} 人（±${tolerance}%）`;
    en += ` or about ${target.aboutPopulation} people (±${tolerance}%)`;
  }
  if (target.maxPopulation !== undefined) {
    zh += `，人口不超过 ${target.maxPopulation}`;
    en += `, at most ${target.maxPopulation} people`;
  }
  return text(zh, en);
}

/** The regulation and article of a rule set, without the explanation after the colon. */
export function ruleSetArticle(ruleSet: RuleSet): LocalText {
  const cut = (value: string, separator: RegExp): string => value.split(separator)[0]!.trim();
  return text(cut(ruleSet.source.zh, /[：:]/), cut(ruleSet.source.en, /:/));
}

export function householdMessage(
  label: LocalText,
  status: 'over' | 'under',
  counts: { readonly households: number; readonly population: number },
  target: GridTarget,
  ruleSet: RuleSet,
  justification: string | undefined,
): LocalText {
  const wanted = describeTarget(target);
  const article = ruleSetArticle(ruleSet);
  const h = formatWhole(counts.households);
  const p = formatWhole(counts.population);
  const zhState = status === 'over' ? '超出' : '低于';
  const enState = status === 'over' ? 'above' : 'below';
  let zh = `${label.zh}有 ${h} 户 ${p} 人，${zhState}目标 ${wanted.zh}（${article.zh}）`;
  let en = `${capitalise(label.en)} has ${h} households and ${p} people, ${enState} the target of ${wanted.en} (${article.en})`;
  if (justification !== undefined) {
    zh = `已说明的例外：${zh}。说明：${justification}`;
    en = `Accepted exception: ${en}. Justification: ${justification}`;
  }
  return text(zh, en);
}

/**
 * The household issue of a grid or micro-grid whose census count is outside its target; a grid with a
 * written justification is an accepted exception.
 */
export function householdIssues(
  entity: Grid | MicroGrid,
  counts: CensusTally,
  ruleSet: RuleSet,
  label: LocalText,
  base: IssueBase,
): ValidationIssue[] {
  const target = targetFor(entity, ruleSet);
  const status = targetStatus(target, counts);
  if (!target || (status !== 'over' && status !== 'under')) return [];
  const rule = status === 'over' ? HOUSEHOLD_OVER : HOUSEHOLD_UNDER;
  const justification =
    entity.layer === 'grid' && !blank(entity.justification) ? entity.justification!.trim() : undefined;
  return [
    {
      ...base,
      key: `household:${entity.layer}:${entity.id}`,
      rule: rule.name,
      severity: rule.severity,
      ...(entity.parentCode ? { parentCode: entity.parentCode } : {}),
      message: householdMessage(label, status, counts, target, ruleSet, justification),
      ...(justification !== undefined ? { accepted: true, justification } : {}),
    },
  ];
}
