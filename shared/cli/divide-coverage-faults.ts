import type { CommunityOutcome } from '../divide/divide-outcome';
import type { Division, Entity, LocalText, RuleSet } from '../model';
import { text } from '../model';
import type { RuleName, ValidationIssue } from '../validate/validation-issue';
import { Validator } from '../validate/validator';
import { locatePoint, PointLocation } from '../geometry/locate-point';
import { preparePolygon } from '../geometry/prepared-polygon';

// Automatic division checks what it made with the validator before it says it succeeded: whatever goes
// wrong inside it (a face of the overlay taken for outside the community), the planner is told.

/** What division must never leave in the communities it divided. */
const COVERAGE_RULES: ReadonlySet<RuleName> = new Set([
  'gap',
  'overlap',
  'outside-parent',
  'multipart',
  'invalid-geometry',
]);

/**
 * The validator's coverage and geometry problems of the result that concern the grids made or the
 * communities divided: none, unless division went wrong (a fault to report, not the file's). The result is
 * still written, as for a grid out of the band: the planner mends a small gap with 填补空白.
 */
export function coverageFaults(
  divided: Division,
  ruleSet: RuleSet,
  put: readonly Entity[],
  outcomes: readonly CommunityOutcome[],
): ValidationIssue[] {
  const made = new Set(put.filter((entity) => entity.layer === 'grid').map((entity) => entity.id));
  if (made.size === 0) return [];
  const dividedCodes = new Set(outcomes.map((o) => o.code));
  // Grids of the input: a gap under one of them is the input's (a neighbour's grid spilling over the
  // boundary is cut out of the region by design; its overlap is already the input's own error).
  const kept = [...divided.grid.values()]
    .filter((grid) => !made.has(grid.id))
    .map((grid) => preparePolygon(grid.geometry));
  const underKeptGrid = ([lon, lat]: readonly [number, number]): boolean =>
    kept.some((grid) => locatePoint(grid, lon, lat) !== PointLocation.outside);
  return new Validator(divided, ruleSet).issues().filter((issue) => {
    if (!COVERAGE_RULES.has(issue.rule)) return false;
    if (issue.rule === 'gap')
      return issue.parentCode !== undefined && dividedCodes.has(issue.parentCode) && !underKeptGrid(issue.at);
    return issue.ids.some((id) => made.has(id));
  });
}

/** The line on standard error for a fault. */
export function faultLine(issue: ValidationIssue): LocalText {
  const zh = /[。.]$/.test(issue.message.zh) ? issue.message.zh : `${issue.message.zh}。`;
  const en = /[.。]$/.test(issue.message.en) ? issue.message.en : `${issue.message.en}.`;
  return text(
    `划分结果有问题（GridPlan 的缺陷，请报告）：${zh}已照常写出，请在编辑器中修正。`,
    `The division made has a fault (a GridPlan defect, please report it): ${en} It was written all the same; mend it in the editor.`,
  );
}
