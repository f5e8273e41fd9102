import type { Layer, LocalText } from '../../model';
import { text } from '../../model';
import type { ValidationIssue } from '../validation-issue';
import { LAYER_NAMES } from './entity-label';
import type { Rule } from './rule';

/** 编码重复: one code used by several entities of a layer. */
export const DUPLICATE_CODE: Rule = {
  name: 'duplicate-code',
  label: text('编码重复', 'duplicate code'),
  severity: 'error',
};

export function duplicateCodeMessage(layer: Layer, code: string, count: number): LocalText {
  const name = LAYER_NAMES[layer];
  return text(
    `编码 ${code} 被 ${count} 个${name.zh}重复使用`,
    `Code ${code} is used by ${count} ${name.en}s`,
  );
}

/** The duplicate-code issue of the entities (sorted ids) using a code, pointing at the first of them. */
export function duplicateCodeIssues(
  layer: Layer,
  code: string,
  ids: readonly string[],
  at: readonly [number, number],
): ValidationIssue[] {
  if (code.trim() === '' || ids.length < 2) return [];
  return [
    {
      key: `duplicate-code:${layer}:${code}`,
      rule: DUPLICATE_CODE.name,
      severity: DUPLICATE_CODE.severity,
      layer,
      ids,
      codes: [code],
      at,
      message: duplicateCodeMessage(layer, code, ids.length),
    },
  ];
}
