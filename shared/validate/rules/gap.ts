import type { AreaEntity, Layer, LocalText } from '../../model';
import { text } from '../../model';
import type { Piece } from '../coverage-pieces';
import type { ValidationIssue } from '../validation-issue';
import { entityLabel, formatAreaM2, LAYER_NAMES, LAYER_PLURALS_EN } from './entity-label';
import type { Rule } from './rule';

/** 空白/缝隙: part of a village (or of a divided grid) that none of its children covers. */
export const GAP: Rule = { name: 'gap', label: text('空白/缝隙', 'gap'), severity: 'error' };

export function gapMessage(parent: LocalText, childLayer: Layer, areaM2: number): LocalText {
  const area = formatAreaM2(areaM2);
  const child = LAYER_NAMES[childLayer];
  return text(
    `${parent.zh}内有一块 ${area.zh}未被任何${child.zh}覆盖`,
    `${area.en} of ${parent.en} is covered by none of its ${LAYER_PLURALS_EN[childLayer]}`,
  );
}

/** One gap issue per significant uncovered piece of a parent, numbered in sweep order. */
export function gapIssues(
  layer: Layer,
  parent: AreaEntity,
  childLayer: Layer,
  gaps: readonly Piece[],
): ValidationIssue[] {
  const parentLabel = entityLabel(layer, parent.code, parent.name);
  return gaps.map((piece, index) => ({
    key: `gap:${layer}:${parent.id}:${index}`,
    rule: GAP.name,
    severity: GAP.severity,
    layer,
    ids: [parent.id],
    codes: [parent.code],
    parentCode: parent.code,
    areaM2: piece.areaM2,
    at: piece.at,
    message: gapMessage(parentLabel, childLayer, piece.areaM2),
  }));
}
