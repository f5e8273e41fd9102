import type { AreaEntity, LocalText } from '../../model';
import { text } from '../../model';
import type { ValidationIssue } from '../validation-issue';
import type { IssueBase } from './entity-label';
import { capitalise } from './entity-label';
import type { Rule } from './rule';

/** 多部件网格: a grid or micro-grid must be one polygon. */
export const MULTIPART: Rule = {
  name: 'multipart',
  label: text('多部件网格', 'multipart grid'),
  severity: 'error',
};

export function multipartMessage(label: LocalText, parts: number): LocalText {
  return text(
    `${label.zh}由 ${parts} 个不相连的部分组成，应为一个面`,
    `${capitalise(label.en)} has ${parts} separate parts; it must be a single polygon`,
  );
}

/** The multipart issue of a grid or micro-grid of more than one part (other layers may have several). */
export function multipartIssues(
  entity: AreaEntity,
  parts: number,
  label: LocalText,
  base: IssueBase,
  parent: { parentCode?: string },
): ValidationIssue[] {
  if ((entity.layer !== 'grid' && entity.layer !== 'microgrid') || parts <= 1) return [];
  return [
    {
      ...base,
      key: `multipart:${entity.layer}:${entity.id}`,
      rule: MULTIPART.name,
      severity: MULTIPART.severity,
      message: multipartMessage(label, parts),
      ...parent,
    },
  ];
}
