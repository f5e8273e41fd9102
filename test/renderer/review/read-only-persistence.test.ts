import { describe, expect, it } from 'vitest';
import type { Grid } from '../../../shared/model';
import { change, divisionOf, text } from '../../../shared/model';
import { EditorSession } from '../../../renderer/editor/editor-session';
import { readOnlyPersistence } from '../../../renderer/review/read-only-persistence';

const grid: Grid = {
  layer: 'grid',
  id: 'g1',
  code: '510302001001001',
  name: '第1网格',
  parentCode: '510302001001',
  gridType: 'urban',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  },
  extra: {},
};

describe('a read-only session (a version or a package)', () => {
  it('refuses every edit, keeps the document and says why in both languages', async () => {
    const division = divisionOf({ name: 'v3' }, [grid]);
    const session = new EditorSession(
      'p',
      division,
      { undo: [], redo: [] },
      readOnlyPersistence(text('版本 3', 'Version 3')),
    );
    const saved = await session.apply(change('改名', [{ ...grid, name: '新名' }]));
    expect(saved).toBe(false);
    const state = session.getState();
    expect(state.division).toBe(division);
    expect(state.undo).toEqual([]);
    expect(state.failure?.kind).toBe('read-only');
    expect(state.failure?.message.zh).toBe('版本 3是只读的，不能修改。');
    expect(state.failure?.message.en).toBe('Version 3 is read-only and cannot be changed.');
  });
});
