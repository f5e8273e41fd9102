import { describe, expect, it } from 'vitest';
import { fitTitle } from '../../../shared/report/fit-title';
import { wrapText } from '../../../shared/report/wrap-text';

/** Every character one em wide. */
const measure = (value: string, size: number): number => [...value].length * size;

describe('wrapText', () => {
  it('breaks Chinese between any two characters', () => {
    expect(wrapText('一二三四五六七', 30, 10, measure)).toEqual(['一二三', '四五六', '七']);
  });

  it('keeps a closing mark on the line before, and carries an opening one to the next', () => {
    // Width for 3 characters: （ would end line 1 and ） start line 3.
    expect(wrapText('一二（三四）五', 30, 10, measure)).toEqual(['一二', '（三四）', '五']);
    expect(wrapText('一二三，四五', 30, 10, measure)).toEqual(['一二三，', '四五']);
  });

  it('lets one closing mark hang past the width, never a run of them', () => {
    const lines = wrapText('重叠！！！！！！！！！！！！', 40, 10, measure);
    for (const line of lines) expect(measure(line, 10)).toBeLessThanOrEqual(50);
    expect(lines.join('')).toBe('重叠！！！！！！！！！！！！');
    // "……" at a line's end: the character before goes down with it.
    expect(wrapText('一二三四……五', 40, 10, measure)).toEqual(['一二三', '四……五']);
  });
});

describe('fitTitle', () => {
  const sizes = { maxSize: 20, minSize: 12, maxLines: 2 };

  it('keeps a short title whole at its size, and shrinks a longer one', () => {
    expect(fitTitle('短标题', 500, measure, sizes)).toEqual({ size: 20, lines: ['短标题'] });
    expect(fitTitle('三十个字'.repeat(8), 480, measure, sizes)).toEqual({
      size: 15,
      lines: ['三十个字'.repeat(8)],
    });
  });

  it('wraps a title too long to shrink on two lines, the second cut with …', () => {
    const fitted = fitTitle('名'.repeat(1000), 120, measure, sizes);
    expect(fitted.size).toBe(12);
    expect(fitted.lines).toEqual(['名'.repeat(10), `${'名'.repeat(9)}…`]);
    for (const line of fitted.lines) expect(measure(line, 12)).toBeLessThanOrEqual(120);
  });
});
