import { describe, expect, it } from 'vitest';
import type { Change, Grid, HistoryOp } from '../../../shared/model';
import { change, divisionOf } from '../../../shared/model';
import { StorageError } from '../../../renderer/storage/storage-error';
import type { EditPersistence } from '../../../renderer/editor/editor-session';
import { EditorSession } from '../../../renderer/editor/editor-session';

const grid = (id: string, name: string): Grid => ({
  layer: 'grid',
  id,
  code: `510302001001${id.padStart(3, '0')}`,
  name,
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
});

class RecordingPersistence implements EditPersistence {
  readonly commits: { change: Change; op: HistoryOp }[] = [];
  failNext = false;
  commit(_projectId: string, c: Change, op: HistoryOp): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new StorageError('quota', 'save'));
    }
    this.commits.push({ change: c, op });
    return Promise.resolve();
  }
}

describe('EditorSession', () => {
  const start = () => {
    const persistence = new RecordingPersistence();
    const session = new EditorSession(
      'p1',
      divisionOf({}, [grid('1', '第1网格')]),
      { undo: [], redo: [] },
      persistence,
    );
    return { persistence, session };
  };

  it('refuses every edit, undo and redo while the census is read, writing nothing', async () => {
    const persistence = new RecordingPersistence();
    const undone = change('改名', [grid('1', '旧名')]);
    const session = new EditorSession(
      'p1',
      divisionOf({}, [grid('1', '第1网格')]),
      { undo: [undone], redo: [undone] },
      persistence,
      { censusLoading: true },
    );
    expect(session.getState().censusLoading).toBe(true);
    expect(await session.apply(change('改名', [grid('1', '光明第1网格')]))).toBe(false);
    expect(session.getState().failure?.kind).toBe('census-loading');
    expect(session.getState().failure?.message.zh).toContain('正在读取人口点');
    expect(session.getState().failure?.message.en).toContain('census points are still being read');
    expect(await session.undo()).toBe(false);
    expect(await session.redo()).toBe(false);
    expect(persistence.commits).toEqual([]);
    expect(session.getState().division.grid.get('1')?.name).toBe('第1网格');
    expect(session.getState().undo).toEqual([undone]);
  });

  it('applies an edit, undoes and redoes it, writing each with its history move', async () => {
    const { persistence, session } = start();
    expect(await session.apply(change('改名', [grid('1', '光明第1网格')]))).toBe(true);
    expect(session.getState().division.grid.get('1')?.name).toBe('光明第1网格');
    expect(await session.undo()).toBe(true);
    expect(session.getState().division.grid.get('1')?.name).toBe('第1网格');
    expect(session.getState().redo).toHaveLength(1);
    expect(await session.redo()).toBe(true);
    expect(session.getState().division.grid.get('1')?.name).toBe('光明第1网格');
    expect(persistence.commits.map((c) => c.op.kind)).toEqual(['edit', 'undo', 'redo']);
    expect(await session.redo()).toBe(false);
  });

  it('keeps the document as it was when a write fails, and says why', async () => {
    const { persistence, session } = start();
    persistence.failNext = true;
    expect(await session.apply(change('删除', [], [{ layer: 'grid', id: '1' }]))).toBe(false);
    const state = session.getState();
    expect(state.division.grid.has('1')).toBe(true);
    expect(state.undo).toHaveLength(0);
    expect(state.failure?.kind).toBe('quota');
    expect(state.failure?.message.zh).toContain('磁盘空间不足');
    session.dismissFailure();
    expect(session.getState().failure).toBeNull();
  });

  it('a new edit clears the redo stack', async () => {
    const { session } = start();
    await session.apply(change('a', [grid('2', 'x')]));
    await session.undo();
    await session.apply(change('b', [grid('3', 'y')]));
    expect(session.getState().redo).toHaveLength(0);
    expect(session.getState().undo).toHaveLength(1);
  });

  it('runs queued edits in order', async () => {
    const { session } = start();
    await Promise.all([
      session.apply(change('a', [grid('1', 'A')])),
      session.apply(change('b', [grid('1', 'B')])),
      session.undo(),
    ]);
    expect(session.getState().division.grid.get('1')?.name).toBe('A');
  });
});
