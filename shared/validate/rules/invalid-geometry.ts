import type { AreaEntity, LocalText } from '../../model';
import { text } from '../../model';
import type { GeometryDefect, GeometryDefectKind } from '../../geometry/check-geometry';
import type { ValidationIssue } from '../validation-issue';
import type { IssueBase } from './entity-label';
import { capitalise } from './entity-label';
import type { Rule } from './rule';

/** 几何无效: a geometry that cannot be measured as it is (some defects are only warnings). */
export const INVALID_GEOMETRY: Rule = {
  name: 'invalid-geometry',
  label: text('几何无效', 'invalid geometry'),
  severity: 'error',
};

const DEFECT_TEXT: Readonly<Record<GeometryDefectKind, (count: number) => LocalText>> = {
  empty: () => text('没有可用的几何图形', 'has no usable geometry'),
  'bad-coordinate': (n) =>
    text(
      `有 ${n} 个坐标不是有效的经纬度（不是数字或超出范围）`,
      `has ${n} coordinate(s) that are not a valid longitude/latitude (not a number or out of range)`,
    ),
  'unclosed-ring': (n) =>
    text(
      `有 ${n} 个环未闭合（首尾坐标不同）`,
      `has ${n} ring(s) not closed (first and last positions differ)`,
    ),
  'short-ring': (n) =>
    text(`有 ${n} 个环少于 3 个不同顶点`, `has ${n} ring(s) with fewer than 3 distinct vertices`),
  'duplicate-vertex': (n) => text(`有 ${n} 处连续重复的顶点`, `has ${n} repeated consecutive vertice(s)`),
  'self-intersection': (n) =>
    text(
      `边界自相交（${n} 处，如“8”字形或回折）`,
      `boundary crosses itself (${n} place(s), e.g. a bow-tie or a spike)`,
    ),
  'ring-crossing': (n) =>
    text(`内外环或各部分相互交叉（${n} 处）`, `rings or parts cross each other (${n} place(s))`),
  'hole-outside': (n) => text(`有 ${n} 个洞（内环）不在外环之内`, `has ${n} hole(s) outside the outer ring`),
  hole: (n) =>
    text(`有 ${n} 个洞（内环），此图层不允许有洞`, `has ${n} hole(s), which this layer does not allow`),
};

export function invalidGeometryMessage(label: LocalText, defect: GeometryDefect): LocalText {
  const what = DEFECT_TEXT[defect.kind](defect.count);
  return text(`${label.zh}${what.zh}`, `${capitalise(label.en)} ${what.en}`);
}

/** One issue per geometry defect of an entity, at the defect; the defect decides the severity. */
export function invalidGeometryIssues(
  entity: AreaEntity,
  defects: readonly GeometryDefect[],
  label: LocalText,
  base: IssueBase,
  parent: { parentCode?: string },
): ValidationIssue[] {
  return defects.map((defect) => ({
    ...base,
    key: `invalid-geometry:${entity.layer}:${entity.id}:${defect.kind}`,
    rule: INVALID_GEOMETRY.name,
    severity: defect.severity,
    at: defect.at,
    message: invalidGeometryMessage(label, defect),
    ...parent,
  }));
}
