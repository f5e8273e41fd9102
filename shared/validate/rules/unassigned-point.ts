import type { CensusPoint, Community, Grid, LocalText } from '../../model';
import { formatWhole, text } from '../../model';
import type { ValidationIssue } from '../validation-issue';
import { entityLabel } from './entity-label';
import type { Rule } from './rule';

/** 未落格人口点: census points in no grid (or, in a divided grid, in none of its micro-grids). */
export const UNASSIGNED_POINT: Rule = {
  name: 'unassigned-point',
  label: text('未落格人口点', 'census point in no grid'),
  severity: 'error',
};

/**
 * The census points of one group (one community, the points in no community, or one divided grid),
 * summed. `pointIds` in table order; `first` is the only point when there is one (its address helps).
 */
export interface UnassignedGroup {
  readonly pointIds: readonly string[];
  readonly households: number;
  readonly population: number;
  readonly at: readonly [number, number];
  readonly first: CensusPoint | undefined;
}

/** "N 个人口点、M 户（P 人）", with the single point named when there is only one. */
function pointsLabel(group: UnassignedGroup): LocalText {
  const n = group.pointIds.length;
  const single = n === 1 ? group.first : undefined;
  const zhWho = single ? `（人口点 ${single.id}${single.address ? `，${single.address}` : ''}）` : '';
  const enWho = single ? ` (census point ${single.id}${single.address ? `, ${single.address}` : ''})` : '';
  return text(
    `${formatWhole(n)} 个人口点${zhWho}、${formatWhole(group.households)} 户（${formatWhole(group.population)} 人）`,
    `${formatWhole(n)} census point${n === 1 ? '' : 's'}${enWho} with ${formatWhole(group.households)} households (${formatWhole(group.population)} people)`,
  );
}

/** The message of one group: in a community, in no community, or in a grid but none of its micro-grids. */
export function unassignedGroupMessage(
  group: UnassignedGroup,
  community: Community | undefined,
  grid: Grid | undefined,
): LocalText {
  const points = pointsLabel(group);
  const are = group.pointIds.length === 1 ? 'is' : 'are';
  if (grid) {
    const label = entityLabel('grid', grid.code, grid.name);
    return text(
      `${label.zh}内有 ${points.zh}不在其任何微网格内`,
      `${points.en} in ${label.en} ${are} in none of its micro-grids`,
    );
  }
  if (community) {
    const label = entityLabel('community', community.code, community.name);
    return text(`${label.zh}有 ${points.zh}不在任何网格内`, `${points.en} in ${label.en} ${are} in no grid`);
  }
  return text(
    `${points.zh}不在任何网格内，也不在任何社区/行政村内`,
    `${points.en} ${are} in no grid and in no community`,
  );
}

/**
 * One issue per group of unassigned census points: per community (or for the points in no community),
 * or per divided grid for points in none of its micro-grids. Never capped: `ids` lists every point and
 * `points`, `households` and `population` say how many, so a count is never silently cut.
 */
export function unassignedGroupIssue(
  group: UnassignedGroup,
  community: Community | undefined,
  grid: Grid | undefined,
): ValidationIssue {
  const key = grid
    ? `unassigned-point:micro:${grid.id}`
    : community
      ? `unassigned-point:community:${community.id}`
      : 'unassigned-point:outside';
  const parentCode = grid?.code ?? community?.code;
  return {
    key,
    rule: UNASSIGNED_POINT.name,
    severity: UNASSIGNED_POINT.severity,
    layer: 'census',
    ids: group.pointIds,
    codes: [],
    ...(parentCode !== undefined ? { parentCode } : {}),
    at: group.at,
    points: group.pointIds.length,
    households: group.households,
    population: group.population,
    message: unassignedGroupMessage(group, community, grid),
  };
}
