import type { ValidationIssue } from '../validate';
import type { IssueMark } from './review-reply';

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  return sortedA.every((code, index) => code === sortedB[index]);
}

/**
 * The reviewer's mark that applies to an issue of the planner's division: the mark with the same
 * validator key, else the mark with the same rule and the same codes (in any order), since a key may
 * change when the planner edits but an overlap of the same two grids is the same finding. Marks of
 * issues without codes (gaps, unassigned points) match by key only.
 */
export function matchIssueMark(marks: readonly IssueMark[], issue: ValidationIssue): IssueMark | undefined {
  const byKey = marks.find((mark) => mark.key === issue.key);
  if (byKey) return byKey;
  if (issue.codes.length === 0) return undefined;
  return marks.find((mark) => mark.rule === issue.rule && sameCodes(mark.codes, issue.codes));
}
