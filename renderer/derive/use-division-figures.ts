import { useMemo } from 'react';
import type { Division, RuleSet } from '../../shared/model';
import type { ValidationState } from '../validation/validation-client';
import type { DivisionFigures } from './grid-figures';
import { deriveFigures } from './grid-figures';

/**
 * The window's figures (households per grid, target colours, totals) without counting census points on
 * this thread after an edit: the validation worker counts after every change and its answer says for
 * which document. Between a change and that answer the counts of the document before serve (grids the
 * change made have no figure yet and show neutral); the points are counted here only when no worker
 * counts fit: before its first answer, after a failure, or when the census itself changed.
 */
export function useDivisionFigures(
  division: Division | null,
  ruleSet: RuleSet,
  validation: ValidationState,
): DivisionFigures | null {
  const { counts, countedDivision, failure } = validation;
  return useMemo(() => {
    if (!division) return null;
    const fits =
      counts !== null &&
      countedDivision !== null &&
      (countedDivision === division || (!failure && countedDivision.census === division.census));
    return deriveFigures(division, ruleSet, fits ? counts : undefined);
  }, [division, ruleSet, counts, countedDivision, failure]);
}
