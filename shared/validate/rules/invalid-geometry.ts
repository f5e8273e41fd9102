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

/** How many places cross (counting stops at `MAX_INTERSECTIONS`: then at least that many). */
function places(n: number, atLeast: boolean): LocalText {
  return atLeast ? text(`至少 ${n} 处`, `at least ${n} places`) : text(`${n} 处`, `${n} place(s)`);
}

const DEFECT_TEXT: Readonly<Record<GeometryDefectKind, (count: number, atLeast: boolean) => LocalText>> = {
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
  'self-intersection': (n, atLeast) =>
    text(
      `边界自相交（${places(n, atLeast).zh}，如“8”字形或回折）`,
      `boundary crosses itself (${places(n, atLeast).en}, e.g. a bow-tie or a spike)`,
    ),
  'ring-crossing': (n, atLeast) =>
    text(
      `内外环或各部分相互交叉（${places(n, atLeast).zh}）`,
      `rings or parts cross each other (${places(n, atLeast).en})`,
    ),
  'unchecked-crossings': () =>
    text(
      '边界过于复杂（顶点多且边长），未能检查是否自相交，请简化边界',
      'has a boundary too complex to check for self-intersection (many long edges): simplify it',
    ),
  'hole-outside': (n) => text(`有 ${n} 个洞（内环）不在外环之内`, `has ${n} hole(s) outside the outer ring`),
  hole: (n) =>
    text(`有 ${n} 个洞（内环），此图层不允许有洞`, `has ${n} hole(s), which this layer does not allow`),
};

export function invalidGeometryMessage(label: LocalText, defect: GeometryDefect): LocalText {
  const what = DEFECT_TEXT[defect.kind](defect.count, defect.atLeast === true);
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
