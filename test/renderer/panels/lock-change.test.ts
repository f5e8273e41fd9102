import { describe, expect, it } from 'vitest';
import { lockChange } from '../../../renderer/panels/grid-quality';
import type { Grid } from '../../../shared/model';
import { applyChange, divisionOf } from '../../../shared/model';

const grid: Grid = {
  layer: 'grid',
  id: 'g1',
  code: '510302003001001',
  name: '第1网格',
  parentCode: '510302003001',
  gridType: 'urban',
  extra: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [104, 29],
        [104.001, 29],
        [104.001, 29.001],
        [104, 29],
      ],
    ],
  },
};

describe('lockChange', () => {
  it('locks and unlocks as one undoable change that touches nothing else', () => {
    const before = divisionOf({}, [grid]);
    const locked = applyChange(before, lockChange(grid, true, '锁定网格'));
    expect(locked.division.grid.get('g1')).toEqual({ ...grid, locked: true });
    const unlocked = applyChange(
      locked.division,
      lockChange(locked.division.grid.get('g1')!, false, '解锁网格'),
    );
    expect(unlocked.division.grid.get('g1')).toEqual(grid);
    expect(applyChange(locked.division, locked.inverse).division.grid.get('g1')).toEqual(grid);
  });
});
