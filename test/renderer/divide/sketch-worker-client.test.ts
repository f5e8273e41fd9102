import { describe, expect, it } from 'vitest';
import { splitCase } from '../../../bench/edit-tasks';
import { builtinRuleSet, change } from '../../../shared/model';
import { SketchWorkerClient } from '../../../renderer/divide/sketch-worker-client';
import { EditorSession } from '../../../renderer/editor/editor-session';
import { splitAlong } from '../../../renderer/tools/split-targets';
import { atOneInstant, demo, inProcessPort, sessionOn } from './in-process-sketch-port';

const ruleSet = builtinRuleSet('zigong')!;

describe('SketchWorkerClient.compute: 拆分 off the main thread', () => {
  atOneInstant();

  it('answers with the same Change as the main thread, applied as one undoable change', async () => {
    const division = demo();
    const port = inProcessPort();
    const client = new SketchWorkerClient(() => port);
    client.start();
    const { grid, line } = splitCase(division);
    const input = { kind: 'split' as const, line, selectedGridId: grid.id, keepCodeOnLarger: true };
    const answer = await client.compute(division, ruleSet, input);
    const local = splitAlong(division, line, grid.id, { keepCodeOnLarger: true });
    expect(local.ok).toBe(true);
    expect(answer).toEqual(local);
    if (!answer?.ok) throw new Error('the split was refused');

    const { session, writes } = sessionOn(division);
    expect(await session.applyOn(division, answer.value)).toBe('applied');
    expect(session.getState().division.grid.size).toBe(division.grid.size + 1);
    expect(session.getState().division.grid.get(grid.id)?.geometry).not.toEqual(grid.geometry);
    expect(session.getState().undo).toHaveLength(1);
    expect(writes).toHaveLength(1);
    await session.undo();
    expect(session.getState().division.grid.get(grid.id)).toEqual(grid);
    expect(session.getState().division.grid.size).toBe(division.grid.size);
  });

  it('sends each document once, and the newer one before a split on it', async () => {
    const division = demo();
    const port = inProcessPort();
    const client = new SketchWorkerClient(() => port);
    client.start();
    client.setDocument(division, ruleSet);
    client.setDocument(division, ruleSet);
    const { grid, line } = splitCase(division);
    const input = { kind: 'split' as const, line, selectedGridId: grid.id, keepCodeOnLarger: false };
    await client.compute(division, ruleSet, input);
    expect(port.seen).toEqual(['document', 'edit']);
    const renamed = new EditorSession(
      'p',
      division,
      { undo: [], redo: [] },
      { commit: () => Promise.resolve() },
    );
    await renamed.apply(change('改名', [{ ...grid, name: '新名字' }]));
    const next = renamed.getState().division;
    const answer = await client.compute(next, ruleSet, input);
    expect(port.seen).toEqual(['document', 'edit', 'document', 'edit']);
    expect(answer).toEqual(splitAlong(next, line, grid.id, { keepCodeOnLarger: false }));
  });

  it('follows an edit with its Change only, and splits on the edited document as the main thread would', async () => {
    const division = demo();
    const port = inProcessPort();
    const client = new SketchWorkerClient(() => port);
    client.start();
    client.setDocument(division, ruleSet);
    const { session } = sessionOn(division);
    session.onApplied((c, after, before) => client.followChange(c, after, before));
    const { grid, line } = splitCase(division);
    const widened = session.getState().division.grid.get(grid.id)!;
    await session.apply(change('改名', [{ ...widened, name: '新名字' }]));
    const after = session.getState().division;
    client.setDocument(after, ruleSet); // what the window's effect does after rendering: nothing to send
    const input = { kind: 'split' as const, line, selectedGridId: grid.id, keepCodeOnLarger: true };
    const answer = await client.compute(after, ruleSet, input);
    expect(port.seen).toEqual(['document', 'change', 'edit']);
    expect(answer).toEqual(splitAlong(after, line, grid.id, { keepCodeOnLarger: true }));
    if (!answer?.ok) throw new Error('the split was refused');
    expect(answer.value.put.find((e) => e.id === grid.id)).toMatchObject({ name: '新名字' });

    // An edit of a document the worker does not have is not sent; the next split sends the document.
    const other = sessionOn(after);
    other.session.onApplied((c, next, before) => client.followChange(c, next, before));
    await session.undo();
    await other.session.apply(change('改名', [{ ...widened, name: '另一个名字' }]));
    expect(port.seen).toEqual(['document', 'change', 'edit', 'change']);
    const last = await client.compute(other.session.getState().division, ruleSet, input);
    expect(port.seen.slice(-2)).toEqual(['document', 'edit']);
    expect(last).toEqual(
      splitAlong(other.session.getState().division, line, grid.id, { keepCodeOnLarger: true }),
    );
  });

  it('keeps the refusal and its message', async () => {
    const division = demo();
    const client = new SketchWorkerClient(() => inProcessPort());
    client.start();
    const nowhere = [
      [0, 0],
      [0.001, 0.001],
    ];
    const answer = await client.compute(division, ruleSet, {
      kind: 'split',
      line: nowhere,
      selectedGridId: null,
      keepCodeOnLarger: true,
    });
    expect(answer?.ok).toBe(false);
    expect(answer).toEqual(splitAlong(division, nowhere, null, { keepCodeOnLarger: true }));
    if (answer && !answer.ok) expect(answer.problems[0]?.message.zh).toContain('拆分线没有完整穿过任何网格');
  });

  it('is not applied when the document changed before its turn: stale, nothing lost', async () => {
    const division = demo();
    const client = new SketchWorkerClient(() => inProcessPort());
    client.start();
    const { grid, line } = splitCase(division);
    const pending = client.compute(division, ruleSet, {
      kind: 'split',
      line,
      selectedGridId: grid.id,
      keepCodeOnLarger: true,
    });
    const { session, writes } = sessionOn(division);
    // An undo, or another window's edit, lands while the worker computes.
    await session.apply(change('改名', [{ ...grid, name: '新名字' }]));
    const answer = await pending;
    if (!answer?.ok) throw new Error('the split was refused');
    expect(await session.applyOn(division, answer.value)).toBe('stale');
    expect(session.getState().division.grid.get(grid.id)?.name).toBe('新名字');
    expect(session.getState().undo).toHaveLength(1);
    expect(writes).toHaveLength(1);
  });

  it('resolves null (the main thread splits) when the worker fails, is stopped, answers for another document or is missing', async () => {
    const division = demo();
    const { grid, line } = splitCase(division);
    const input = { kind: 'split' as const, line, selectedGridId: grid.id, keepCodeOnLarger: true };

    const failing = inProcessPort('edit');
    const client = new SketchWorkerClient(() => failing);
    client.start();
    const waiting = client.compute(division, ruleSet, input);
    failing.fail();
    expect(await waiting).toBeNull();
    expect(failing.terminated).toBe(true);
    expect(await client.compute(division, ruleSet, input)).toBeNull();

    const stopped = new SketchWorkerClient(() => inProcessPort('edit'));
    stopped.start();
    const cut = stopped.compute(division, ruleSet, input);
    stopped.stop();
    expect(await cut).toBeNull();

    // The worker never received the document: its answer (made on none) is not used.
    const noDocument = new SketchWorkerClient(() => inProcessPort('document'));
    noDocument.start();
    expect(await noDocument.compute(division, ruleSet, input)).toBeNull();

    const noWorker = new SketchWorkerClient(() => null);
    noWorker.start();
    expect(await noWorker.compute(division, ruleSet, input)).toBeNull();
  });
});
