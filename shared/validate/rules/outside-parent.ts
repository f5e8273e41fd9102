import type { AreaEntity, Layer, LocalText, RuleSet } from '../../model';
import { text } from '../../model';
import type { Piece } from '../coverage-pieces';
import type { ValidationIssue } from '../validation-issue';
import { entityLabel, formatAreaM2 } from './entity-label';
import type { Rule } from './rule';

/** 越界: part of a grid outside its village (a warning where the rule set allows it for grids). */
export const OUTSIDE_PARENT: Rule = {
  name: 'outside-parent',
  label: text('越界', 'outside its village'),
  severity: 'error',
};

export function outsideParentMessage(label: LocalText, parent: LocalText, areaM2: number): LocalText {
  const area = formatAreaM2(areaM2);
  return text(
    `${label.zh}有 ${area.zh}在所属${parent.zh}之外`,
    `${area.en} of ${label.en} lies outside its parent ${parent.en}`,
  );
}

/** The outside-parent issue of a child from its significant pieces outside the parent. */
export function outsideParentIssues(
  layer: Layer,
  parent: AreaEntity,
  childLayer: Layer,
  child: AreaEntity,
  pieces: readonly Piece[],
  ruleSet: RuleSet,
): ValidationIssue[] {
  if (pieces.length === 0) return [];
  const areaM2 = pieces.reduce((sum, piece) => sum + piece.areaM2, 0);
  const allowed = childLayer === 'grid' && ruleSet.allowOutsideParent === true;
  return [
    {
      key: `outside-parent:${childLayer}:${child.id}:${parent.id}`,
      rule: OUTSIDE_PARENT.name,
      severity: allowed ? 'warning' : OUTSIDE_PARENT.severity,
      layer: childLayer,
      ids: [child.id],
      codes: [child.code],
      parentCode: parent.code,
      areaM2,
      at: pieces[0]!.at,
      message: outsideParentMessage(
        entityLabel(childLayer, child.code, child.name),
        entityLabel(layer, parent.code, parent.name),
        areaM2,
      ),
    },
  ];
}
