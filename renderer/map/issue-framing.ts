import type { CensusPoint, Division } from '../../shared/model';
import type { ValidationIssue } from '../../shared/validate';
import { boundsOfEntities } from './entity-bounds';

/**
 * The box to frame for an issue that sums up census points spread over a place (未落格 points, reported
 * per community): all of them, not only the one at `issue.at`. Null for any other issue, or when the
 * points are all at one place: the map then flies to `issue.at`.
 */
export function issueGroupBounds(
  issue: ValidationIssue,
  division: Division,
): readonly [number, number, number, number] | null {
  if (issue.layer !== 'census' || issue.ids.length < 2) return null;
  const points: CensusPoint[] = [];
  for (const id of issue.ids) {
    const point = division.census.get(id);
    if (point) points.push(point);
  }
  const box = boundsOfEntities(points);
  if (!box || (box[0] === box[2] && box[1] === box[3])) return null;
  return box;
}
