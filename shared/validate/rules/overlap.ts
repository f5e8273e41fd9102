import type { AreaEntity, Layer, LocalText } from '../../model';
import { text } from '../../model';
import { compareByCode } from '../../geometry/count-census';
import type { Piece } from '../coverage-pieces';
import type { ValidationIssue } from '../validation-issue';
import { capitalise, entityLabel, formatAreaM2 } from './entity-label';
import type { Rule } from './rule';

/** 重叠: two entities of a layer share area. */
export const OVERLAP: Rule = { name: 'overlap', label: text('重叠', 'overlap'), severity: 'error' };

export function overlapMessage(a: LocalText, b: LocalText, areaM2: number): LocalText {
  const area = formatAreaM2(areaM2);
  return text(`${a.zh}与${b.zh}重叠 ${area.zh}`, `${capitalise(a.en)} and ${b.en} overlap by ${area.en}`);
}

/**
 * The overlap issue of two entities from their significant overlap pieces (none when there are none).
 * The key is by ids, so it survives recoding; the entities are listed by code.
 */
export function overlapIssues(
  layer: Layer,
  one: AreaEntity,
  other: AreaEntity,
  pieces: readonly Piece[],
): ValidationIssue[] {
  if (pieces.length === 0) return [];
  const [a, b] = one.id < other.id ? [one.id, other.id] : [other.id, one.id];
  const areaM2 = pieces.reduce((sum, piece) => sum + piece.areaM2, 0);
  const [first, second] = compareByCode(one, other) <= 0 ? [one, other] : [other, one];
  const parentA = 'parentCode' in first ? first.parentCode : undefined;
  const parentB = 'parentCode' in second ? second.parentCode : undefined;
  return [
    {
      key: `overlap:${layer}:${a}|${b}`,
      rule: OVERLAP.name,
      severity: OVERLAP.severity,
      layer,
      ids: [first.id, second.id],
      codes: [first.code, second.code],
      ...(parentA !== undefined && parentA === parentB && parentA !== '' ? { parentCode: parentA } : {}),
      areaM2,
      at: pieces[0]!.at,
      message: overlapMessage(
        entityLabel(layer, first.code, first.name),
        entityLabel(layer, second.code, second.name),
        areaM2,
      ),
    },
  ];
}
