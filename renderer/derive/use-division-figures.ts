import { useMemo } from 'react';
import type { Division, RuleSet } from '../../shared/model';
import type { ValidationState } from '../validation/validation-client';
import type { DivisionFigures } from './grid-figures';
import { deriveFigures, pendingFigures } from './grid-figures';

/** What of the validation state decides the figures. */
export type FiguresSource = Pick<
  ValidationState,
  'counts' | 'countedDivision' | 'awaitedReset' | 'failure' | 'retrying'
>;

/**
 * The window's figures (households per grid, target colours, totals) without counting census points on
 * this thread after an edit: the validation worker counts after every change and its answer says for
 * which document. Between a change and that answer the counts of the document before serve (grids the
 * change made have no figure yet and show neutral). While the worker checks a whole document (a project
 * just opened) the figures are pending: the map and the tree are drawn at once, every grid neutral until
 * the counts arrive. The points are counted here only when no worker counts fit and none are on their
 * way: after a failure, while a worker is being replaced, or when the census itself changed.
 *
 * `resetDue`: the shown document's whole check is about to be sent (the render before the effect that
 * sends it).
 */
export function figuresFor(
  division: Division,
  ruleSet: RuleSet,
  validation: FiguresSource,
  resetDue = false,
): DivisionFigures {
  const { counts, countedDivision, awaitedReset, failure, retrying } = validation;
  const fits =
    counts !== null &&
    countedDivision !== null &&
    (countedDivision === division || (!failure && countedDivision.census === division.census));
  if (fits) return deriveFigures(division, ruleSet, counts);
  if ((resetDue || awaitedReset === division) && !failure && !retrying) return pendingFigures(division);
  return deriveFigures(division, ruleSet);
}

/** {@link figuresFor}, remembered until the document, the rule set or the worker's answer changes. */
export function useDivisionFigures(
  division: Division | null,
  ruleSet: RuleSet,
  validation: ValidationState,
  resetDue = false,
): DivisionFigures | null {
  const { counts, countedDivision, awaitedReset, failure, retrying } = validation;
  return useMemo(() => {
    if (!division) return null;
    const source = { counts, countedDivision, awaitedReset, failure, retrying };
    return figuresFor(division, ruleSet, source, resetDue);
  }, [division, ruleSet, counts, countedDivision, awaitedReset, failure, retrying, resetDue]);
}
