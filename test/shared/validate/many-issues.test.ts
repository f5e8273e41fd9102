import { describe, expect, it } from 'vitest';
import type { Community, Grid } from '../../../shared/model';
import { appendAll, builtinRuleSet, divisionOf } from '../../../shared/model';
import { Validator } from '../../../shared/validate';

describe('a division with more issues than a call has arguments', () => {
  it('lists 500 copies of one grid as 124,750 overlaps instead of overflowing the stack', () => {
    // `list.push(...issues)` threw RangeError (Maximum call stack size exceeded) here.
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [104.74, 29.35],
          [104.741, 29.35],
          [104.741, 29.351],
          [104.74, 29.351],
          [104.74, 29.35],
        ],
      ],
    };
    const community: Community = {
      layer: 'community',
      id: 'c',
      code: '510302003001',
      name: '一村',
      kind: 'urban',
      extra: {},
      geometry: square,
    };
    const grids: Grid[] = Array.from({ length: 500 }, (_, k) => ({
      layer: 'grid',
      id: `g${k}`,
      code: `510302003001${String(k + 1).padStart(3, '0')}`,
      name: `网格${k + 1}`,
      parentCode: community.code,
      gridType: 'urban',
      extra: {},
      geometry: square,
    }));
    const issues = new Validator(divisionOf({}, [community, ...grids]), builtinRuleSet('zigong')!).issues();
    expect(issues.filter((issue) => issue.rule === 'overlap')).toHaveLength((500 * 499) / 2);
  });

  it('appends a quarter of a million items', () => {
    const items = Array.from({ length: 250_000 }, (_, k) => k);
    expect(appendAll([-1], items)).toHaveLength(250_001);
  });
});
