import type { Result } from '../model';
import { fail, ok, text } from '../model';
import { formatCode, sequenceOfCode } from './numbering-template';
import type { NumberingTemplate } from './numbering-template';

/**
 * Gives out `count` new codes for children of `parentCode`: the sequence continues after the highest one
 * among `used` (every code ever used: current grids and codes recorded in lineage, retired ones
 * included), so a code is never given out twice, even after its grid was split, merged or deleted. Gaps
 * in the sequence are not filled for the same reason. The first code is sequence 1 (…001).
 *
 * Refuses when the sequence would run past its digits (…999 for `{seq3}`).
 */
export function allocateCodes(
  template: NumberingTemplate,
  parentCode: string,
  used: Iterable<string>,
  count: number,
): Result<string[]> {
  let highest = 0;
  for (const code of used) {
    const sequence = sequenceOfCode(template, code, parentCode);
    if (sequence !== undefined && sequence > highest) highest = sequence;
  }
  const limit = 10 ** template.digits - 1;
  if (highest + count > limit) {
    return fail({
      kind: 'codes-exhausted',
      message: text(
        `${parentCode} 下的 ${template.digits} 位序号已用完（最大 ${limit}，编码不重复使用）：请修改编码模板。`,
        `The ${template.digits}-digit sequence under ${parentCode} is used up (at most ${limit}; codes are never reused): change the code template.`,
      ),
    });
  }
  return ok(Array.from({ length: count }, (_, i) => formatCode(template, parentCode, highest + 1 + i)));
}
