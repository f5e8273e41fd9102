import { describe, expect, it } from 'vitest';
import { checkCode, COMMUNITY_CODE_PATTERN, compileCodeTemplate } from '../../../shared/codes/code-template';

function compile(template: string, parent = COMMUNITY_CODE_PATTERN) {
  const result = compileCodeTemplate(template, parent);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message.en).join('; '));
  return result.value;
}

describe('code templates', () => {
  it('checks the default grid code: community code + 3 digits', () => {
    const grid = compile('{community}{seq3}');
    expect(checkCode(grid, '510302001001001', '510302001001')).toBe('ok');
    expect(checkCode(grid, '51030200100101', '510302001001')).toBe('format');
    expect(checkCode(grid, '5103020010010011', '510302001001')).toBe('format');
    expect(checkCode(grid, '510302001002001', '510302001001')).toBe('parent');
    // Without a parent code there is nothing to compare the prefix with.
    expect(checkCode(grid, '510302001002001', '')).toBe('ok');
  });

  it('nests the grid template in the micro-grid template', () => {
    const grid = compile('{community}{seq3}');
    const microgrid = compile('{grid}{seq3}', grid.body);
    expect(checkCode(microgrid, '510302001001001007', '510302001001001')).toBe('ok');
    expect(checkCode(microgrid, '510302001001002007', '510302001001001')).toBe('parent');
    expect(checkCode(microgrid, '51030200100100107', '510302001001001')).toBe('format');
  });

  it('supports literal text and other sequence lengths', () => {
    const template = compile('WG-{parent}-{seq4}');
    expect(checkCode(template, 'WG-510302001001-0001', '510302001001')).toBe('ok');
    expect(checkCode(template, 'WG-510302001001-001', '510302001001')).toBe('format');
  });

  it('refuses unknown tokens, unmatched braces and empty templates', () => {
    for (const bad of ['{village}{seq3}', '{community}{seq3', '', '{community}{community}']) {
      expect(compileCodeTemplate(bad, COMMUNITY_CODE_PATTERN).ok).toBe(false);
    }
  });
});
