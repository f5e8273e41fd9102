import type { AreaEntity, Layer, LocalText } from '../../model';
import { text } from '../../model';
import type { ValidationIssue } from '../validation-issue';
import type { IssueBase } from './entity-label';
import { blank, capitalise, LAYER_NAMES } from './entity-label';
import type { Rule } from './rule';

/** 缺少上级: a grid's community or a micro-grid's grid is not named or does not exist. */
export const MISSING_PARENT: Rule = {
  name: 'missing-parent',
  label: text('缺少上级', 'missing parent'),
  severity: 'error',
};

export function missingParentMessage(label: LocalText, parentLayer: Layer, parentCode: string): LocalText {
  const parent = LAYER_NAMES[parentLayer];
  return parentCode === ''
    ? text(
        `${label.zh}没有填写所属${parent.zh}编码`,
        `${capitalise(label.en)} names no parent ${parent.en} code`,
      )
    : text(
        `${label.zh}所属${parent.zh} ${parentCode} 不存在`,
        `${capitalise(label.en)}: parent ${parent.en} ${parentCode} does not exist`,
      );
}

/** The missing-parent issue of a grid or micro-grid; `parentExists` says whether its parent's code is used. */
export function missingParentIssues(
  entity: AreaEntity,
  parentExists: (layer: 'grid' | 'microgrid', parentCode: string) => boolean,
  label: LocalText,
  base: IssueBase,
  parent: { parentCode?: string },
): ValidationIssue[] {
  if (entity.layer !== 'grid' && entity.layer !== 'microgrid') return [];
  if (!blank(entity.parentCode) && parentExists(entity.layer, entity.parentCode)) return [];
  const parentLayer = entity.layer === 'grid' ? 'community' : 'grid';
  return [
    {
      ...base,
      key: `missing-parent:${entity.layer}:${entity.id}`,
      rule: MISSING_PARENT.name,
      severity: MISSING_PARENT.severity,
      message: missingParentMessage(label, parentLayer, entity.parentCode.trim()),
      ...parent,
    },
  ];
}
