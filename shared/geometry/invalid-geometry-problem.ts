import type { AreaGeometry, LocalText, Problem } from '../model';
import { text } from '../model';
import { checkGeometry } from './check-geometry';
import type { GeometryDefectKind } from './check-geometry';

const DEFECT_WORDS: Record<GeometryDefectKind, LocalText> = {
  empty: text('没有图形', 'empty'),
  'bad-coordinate': text('坐标无效', 'bad coordinates'),
  'unclosed-ring': text('边界未闭合', 'unclosed boundary'),
  'short-ring': text('边界少于 3 个顶点', 'a boundary with fewer than 3 vertices'),
  'duplicate-vertex': text('重复顶点', 'repeated vertices'),
  'self-intersection': text('边界自相交', 'self-intersecting boundary'),
  'ring-crossing': text('内外边界相交', 'crossing boundaries'),
  'unchecked-crossings': text('边界过于复杂，未能检查自相交', 'too complex to check for self-intersection'),
  'hole-outside': text('洞在外边界之外', 'a hole outside its boundary'),
  hole: text('有洞', 'a hole'),
};

/**
 * A refusal when a polygon an operation must cut or join is not valid (self-intersecting, too few
 * vertices, …): boolean operations on it would give a meaningless answer, so the planner is asked to
 * repair it first. Holes are allowed; repeated vertices (a warning) are not a reason to refuse.
 * `what` names the polygon for the planner, e.g. 网格 510302003001001 / grid 510302003001001.
 */
export function invalidGeometryProblem(geometry: AreaGeometry, what: LocalText): Problem | undefined {
  const errors = checkGeometry(geometry, { holesAllowed: true }).filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  const zh = errors.map((d) => DEFECT_WORDS[d.kind].zh).join('、');
  const en = errors.map((d) => DEFECT_WORDS[d.kind].en).join(', ');
  return {
    kind: 'invalid-geometry',
    message: text(
      `${what.zh}的图形无效（${zh}），请先修复后再操作。`,
      `The shape of ${what.en} is not valid (${en}): repair it first.`,
    ),
  };
}
