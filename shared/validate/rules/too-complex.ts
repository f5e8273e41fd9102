import type { AreaEntity, Layer, LocalText } from '../../model';
import { text } from '../../model';
import type { ValidationIssue } from '../validation-issue';
import { capitalise, entityLabel, LAYER_NAMES, LAYER_PLURALS_EN } from './entity-label';
import type { Rule } from './rule';

/**
 * 过于复杂: a coverage check stopped at its bounded work (see `SweepTooComplex`), so gaps, overlaps or
 * parts outside were not checked there. An error: the division cannot be passed unchecked.
 */
export const TOO_COMPLEX: Rule = {
  name: 'too-complex',
  label: text('过于复杂', 'too complex to check'),
  severity: 'error',
};

const WHAT_TO_DO = text(
  '请先修复“几何无效”中自相交的边界，或简化边界后再校验',
  'Repair the self-intersecting boundaries listed under invalid geometry, or simplify the boundaries, then check again',
);

export function tooComplexCoverMessage(parent: LocalText, childLayer: Layer): LocalText {
  const child = LAYER_NAMES[childLayer];
  return text(
    `${parent.zh}及其${child.zh}的边界过于复杂（边相交过多），未能检查其空白/缝隙、越界和${child.zh}间重叠。${WHAT_TO_DO.zh}`,
    `${capitalise(parent.en)} and its ${LAYER_PLURALS_EN[childLayer]} have boundaries too complex to check (too many crossing edges): its gaps, the parts outside it and overlaps between its ${LAYER_PLURALS_EN[childLayer]} were not checked. ${WHAT_TO_DO.en}.`,
  );
}

export function tooComplexPairMessage(a: LocalText, b: LocalText): LocalText {
  return text(
    `${a.zh}与${b.zh}的边界过于复杂（边相交过多），未能检查二者是否重叠。${WHAT_TO_DO.zh}`,
    `${capitalise(a.en)} and ${b.en} have boundaries too complex to check for overlap (too many crossing edges). ${WHAT_TO_DO.en}.`,
  );
}

/** The issue of a parent whose coverage by its children could not be checked. */
export function tooComplexCoverIssue(
  layer: Layer,
  parent: AreaEntity,
  childLayer: Layer,
  at: readonly [number, number],
): ValidationIssue {
  return {
    key: `too-complex:${layer}:${parent.id}`,
    rule: TOO_COMPLEX.name,
    severity: TOO_COMPLEX.severity,
    layer,
    ids: [parent.id],
    codes: [parent.code],
    parentCode: parent.code,
    at,
    message: tooComplexCoverMessage(entityLabel(layer, parent.code, parent.name), childLayer),
  };
}

/** The issue of two entities (in code order) whose overlap could not be checked. */
export function tooComplexPairIssue(
  layer: Layer,
  first: AreaEntity,
  second: AreaEntity,
  at: readonly [number, number],
): ValidationIssue {
  const [a, b] = first.id < second.id ? [first.id, second.id] : [second.id, first.id];
  return {
    key: `too-complex:${layer}:${a}|${b}`,
    rule: TOO_COMPLEX.name,
    severity: TOO_COMPLEX.severity,
    layer,
    ids: [first.id, second.id],
    codes: [first.code, second.code],
    at,
    message: tooComplexPairMessage(
      entityLabel(layer, first.code, first.name),
      entityLabel(layer, second.code, second.name),
    ),
  };
}
