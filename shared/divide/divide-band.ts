import type { CommunityKind, GridTarget, RuleSet } from '../model';

/**
 * The band a divided grid is balanced against: households, or population where the rule set gives only a
 * population target. Bounds inclusive; `min` 0 and `max` Infinity when the rule names no such bound.
 */
export interface DivideBand {
  readonly measure: 'households' | 'population';
  readonly min: number;
  readonly max: number;
  /** The target of the grids (for the "in band" verdict, which follows the validator's rule). */
  readonly target: GridTarget | null;
}

/** The rule set's target for grids of a community of this kind (urban when the kind is unknown). */
export function targetOfKind(ruleSet: RuleSet, kind: CommunityKind | null): GridTarget | null {
  return kind === 'rural' ? ruleSet.rural : ruleSet.urban;
}

/**
 * The band to balance against, or null when the target names no household or population bound (a
 * village that "is one or several grids"). Households when the target has a household bound; else the
 * population band: aboutPopulation ± tolerance (default 20 %), capped by maxPopulation.
 */
export function divideBand(target: GridTarget | null): DivideBand | null {
  if (!target) return null;
  if (target.minHouseholds !== undefined || target.maxHouseholds !== undefined) {
    return {
      measure: 'households',
      min: target.minHouseholds ?? 0,
      max: target.maxHouseholds ?? Infinity,
      target,
    };
  }
  return populationBand(target);
}

/**
 * The population band of a target, whatever its household bounds: aboutPopulation ± tolerance (default
 * 20 %), capped by maxPopulation; null when it names no population bound. Zigong's "300–500 households,
 * or about 1,000 people" is met by this band too (targetStatus).
 */
export function populationBand(target: GridTarget): DivideBand | null {
  let min = 0;
  let max = Infinity;
  if (target.aboutPopulation !== undefined) {
    const tolerance = target.aboutPopulation * (target.populationTolerance ?? 0.2);
    min = target.aboutPopulation - tolerance;
    max = target.aboutPopulation + tolerance;
  }
  if (target.maxPopulation !== undefined) max = Math.min(max, target.maxPopulation);
  if (min === 0 && max === Infinity) return null;
  return { measure: 'population', min, max, target };
}

/** The grid counts k for which `total` can be cut into k parts each within [min, max]; null when none. */
export function feasibleRange(total: number, band: DivideBand): { min: number; max: number } | null {
  if (total <= 0) return null;
  const low = band.max === Infinity ? 1 : Math.max(1, Math.ceil(total / band.max));
  const high = band.min <= 0 ? Infinity : Math.floor(total / band.min);
  if (high < low) return null;
  return { min: low, max: high };
}

/**
 * The suggested count: the k whose mean grid is closest to the band's middle, inside the feasible range
 * when there is one; else the count that comes nearest (fewest grids over the maximum, at least one).
 */
export function suggestedCount(total: number, band: DivideBand | null, cap = Infinity): number {
  if (!band || total <= 0) return 1;
  const range = feasibleRange(total, band);
  if (band.max === Infinity) return Math.max(1, Math.min(cap, Math.floor(total / band.min) || 1));
  if (band.min <= 0) return Math.max(1, Math.min(cap, range?.min ?? 1));
  const middle = (band.min + band.max) / 2;
  let best = Math.max(1, Math.round(total / middle));
  if (range) best = Math.min(range.max, Math.max(range.min, best));
  else best = Math.max(1, Math.round(total / band.max) || 1);
  return Math.max(1, Math.min(cap, best));
}

/**
 * {@link suggestedCount} for a region whose units that may not be cut (a building, a compound) weigh
 * `unitWeights`: a unit over the band's maximum is a grid of its own whatever the count, so the count is
 * one per such unit plus the suggestion for the rest (3,800 households with a compound of 1,010: 1 + 7,
 * not 10, which left three grids short of the band).
 */
export function suggestedCountOfUnits(
  total: number,
  band: DivideBand | null,
  unitWeights: readonly number[],
  cap = Infinity,
): number {
  if (!band || band.max === Infinity) return suggestedCount(total, band, cap);
  const over = unitWeights.filter((weight) => weight > band.max);
  if (over.length === 0) return suggestedCount(total, band, cap);
  const rest = total - over.reduce((sum, weight) => sum + weight, 0);
  const forRest = rest > 0 ? suggestedCount(rest, band, Math.max(1, cap - over.length)) : 0;
  return Math.max(1, Math.min(cap, over.length + forRest));
}

/** The band as words: 300–500 户, 不少于 300 户, at most 500 households. */
export function bandText(band: DivideBand): { zh: string; en: string } {
  const unitZh = band.measure === 'households' ? '户' : '人';
  const unitEn = band.measure === 'households' ? 'households' : 'people';
  const low = Math.ceil(band.min);
  const high = Math.floor(band.max);
  if (band.max === Infinity) return { zh: `不少于 ${low} ${unitZh}`, en: `at least ${low} ${unitEn}` };
  if (band.min <= 0) return { zh: `不超过 ${high} ${unitZh}`, en: `at most ${high} ${unitEn}` };
  return { zh: `${low}–${high} ${unitZh}`, en: `${low}–${high} ${unitEn}` };
}
