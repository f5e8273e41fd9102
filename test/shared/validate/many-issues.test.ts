import { describe, expect, it } from 'vitest';
import { appendAll, builtinRuleSet, divisionOf } from '../../../shared/model';
import { Validator } from '../../../shared/validate';
import { community, grid, rect } from './entities';

describe('a division with more issues than a call has arguments', () => {
  it('lists 500 copies of one grid as 124,750 overlaps instead of overflowing the stack', () => {
    // `list.push(...issues)` threw RangeError (Maximum call stack size exceeded) here.
    const square = rect(104.74, 29.35, 104.741, 29.351);
    const village = community('510302003001', square);
    const grids = Array.from({ length: 500 }, (_, k) =>
      grid(`510302003001${String(k + 1).padStart(3, '0')}`, village.code, square),
    );
    const issues = new Validator(divisionOf({}, [village, ...grids]), builtinRuleSet('zigong')!).issues();
    expect(issues.filter((issue) => issue.rule === 'overlap')).toHaveLength((500 * 499) / 2);
  });

  it('appends a quarter of a million items', () => {
    const items = Array.from({ length: 250_000 }, (_, k) => k);
    expect(appendAll([-1], items)).toHaveLength(250_001);
  });
});
