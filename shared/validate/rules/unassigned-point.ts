import type { CensusPoint, Grid, LocalText } from '../../model';
import { text } from '../../model';
import type { ValidationIssue } from '../validation-issue';
import { entityLabel } from './entity-label';
import type { Rule } from './rule';

/** 未落格人口点: a census point in no grid (or, in a divided grid, in none of its micro-grids). */
export const UNASSIGNED_POINT: Rule = {
  name: 'unassigned-point',
  label: text('未落格人口点', 'census point in no grid'),
  severity: 'error',
};

function pointLabel(point: CensusPoint | undefined): LocalText {
  if (!point) return text('人口点', 'census point');
  const address = point.address ? `（${point.address}）` : '';
  const addressEn = point.address ? ` (${point.address})` : '';
  return text(
    `人口点 ${point.id}${address}，${point.households} 户 ${point.population} 人，`,
    `Census point ${point.id}${addressEn} with ${point.households} households and ${point.population} people`,
  );
}

export function unassignedPointMessage(
  point: CensusPoint | undefined,
  grid: LocalText | undefined,
): LocalText {
  const label = pointLabel(point);
  return grid
    ? text(
        `${label.zh}在${grid.zh}内但不在其任何微网格内`,
        `${label.en} is in ${grid.en} but in none of its micro-grids`,
      )
    : text(`${label.zh}不在任何网格内`, `${label.en} is in no grid`);
}

export function moreUnassignedMessage(count: number, households: number, population: number): LocalText {
  return text(
    `另有 ${count} 个人口点（${Math.round(households)} 户 ${Math.round(population)} 人）不在任何网格内，未逐一列出`,
    `${count} more census points (${Math.round(households)} households, ${Math.round(population)} people) are in no grid; not listed one by one`,
  );
}

/** The issue of one census point in no grid, or (with `grid`) in none of that grid's micro-grids. */
export function unassignedPointIssue(
  id: string,
  point: CensusPoint | undefined,
  at: readonly [number, number],
  grid: Grid | undefined,
): ValidationIssue {
  return {
    key: grid ? `unassigned-point:micro:${id}` : `unassigned-point:${id}`,
    rule: UNASSIGNED_POINT.name,
    severity: UNASSIGNED_POINT.severity,
    layer: 'census',
    ids: [id],
    codes: [],
    ...(grid ? { parentCode: grid.code } : {}),
    at,
    message: unassignedPointMessage(point, grid ? entityLabel('grid', grid.code, grid.name) : undefined),
  };
}

/** The one issue that sums up the points beyond the listing limit, at the first of them. */
export function moreUnassignedIssue(
  ids: readonly string[],
  households: number,
  population: number,
  at: readonly [number, number],
): ValidationIssue {
  return {
    key: 'unassigned-point:more',
    rule: UNASSIGNED_POINT.name,
    severity: UNASSIGNED_POINT.severity,
    layer: 'census',
    ids,
    codes: [],
    at,
    message: moreUnassignedMessage(ids.length, households, population),
  };
}
