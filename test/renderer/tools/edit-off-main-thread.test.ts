import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { carveCase, fillCase, mergeCase } from '../../../bench/edit-tasks';
import { applyChange, builtinRuleSet, change } from '../../../shared/model';
import { CHANGED_MEANWHILE } from '../../../renderer/editor/editor-session';
import { carveTool } from '../../../renderer/tools/carve-tool';
import type { EditCommand } from '../../../renderer/tools/edit-command';
import { runEditCommand } from '../../../renderer/tools/edit-command';
import { EDIT_ATTEMPTS, editOffMainThread } from '../../../renderer/tools/edit-off-main-thread';
import { DEFAULT_EDIT_SETTINGS } from '../../../renderer/tools/edit-settings';
import { mergeTool } from '../../../renderer/tools/merge-tool';
import {
  atOneInstant,
  demo,
  inProcessPort,
  sessionOn,
  startedClient,
} from '../divide/in-process-sketch-port';
import { layerCodes } from './layer-codes';
import { G, twoGridTownship } from './two-grid-township';

const ruleSet = builtinRuleSet('zigong')!;

describe('edit commands in the sketch worker: 合并, 挖出专属网格, 填补空白', () => {
  atOneInstant();

  it('merges two grids as the main thread does, with the default, a chosen or a new code', async () => {
    const division = demo();
    const client = startedClient();
    const [a, b] = mergeCase(division) as [string, string];
    for (const keep of [undefined, b, null]) {
      const answer = await client.compute(division, ruleSet, { kind: 'merge', picked: [b, a], keep });
      const local = mergeTool.finish(division, [b, a], DEFAULT_EDIT_SETTINGS, keep);
      expect(local.ok).toBe(true);
      expect(answer).toEqual(local);
    }
    const chosen = await client.compute(division, ruleSet, { kind: 'merge', picked: [a, b], keep: b });
    if (!chosen?.ok) throw new Error('the merge was refused');
    const merged = applyChange(division, chosen.value).division;
    expect(merged.grid.size).toBe(division.grid.size - 1);
    expect([...merged.grid.values()].map((g) => g.code)).toContain(division.grid.get(b)!.code);
    expect([...merged.grid.values()].map((g) => g.code)).not.toContain(division.grid.get(a)!.code);
  });

  it('merges micro-grids (微网格 on) in the worker, and the grids with their micro-grids following', async () => {
    const division = twoGridTownship();
    const client = startedClient();
    const micro = await client.compute(division, ruleSet, { kind: 'merge', picked: ['m2', 'm1'] });
    expect(micro).toEqual(mergeTool.finish(division, ['m2', 'm1'], DEFAULT_EDIT_SETTINGS));
    if (!micro?.ok) throw new Error('the micro-grid merge was refused');
    expect(layerCodes(applyChange(division, micro.value).division, 'microgrid')).toEqual([
      '510302003001002001',
    ]);

    const grids = await client.compute(division, ruleSet, {
      kind: 'merge',
      picked: [G(2), G(5)],
      keep: G(5),
    });
    if (!grids?.ok) throw new Error('the grid merge was refused');
    const after = applyChange(division, grids.value).division;
    expect(layerCodes(after, 'grid')).toEqual(['510302003001005']);
    expect(layerCodes(after, 'microgrid')).toEqual(['510302003001005001', '510302003001005002']);
  });

  it('keeps the merge command’s refusal and its message (grids that do not touch)', async () => {
    const division = demo();
    const client = startedClient();
    const [a, b] = mergeCase(division) as [string, string];
    const far = [...division.grid.values()].find(
      (g) => g.id !== a && g.id !== b && g.parentCode !== division.grid.get(a)!.parentCode,
    )!;
    const answer = await client.compute(division, ruleSet, { kind: 'merge', picked: [a, far.id] });
    expect(answer?.ok).toBe(false);
    expect(answer).toEqual(mergeTool.finish(division, [a, far.id], DEFAULT_EDIT_SETTINGS));
    if (answer && !answer.ok) expect(answer.problems[0]?.message.zh.length).toBeGreaterThan(0);
  });

  it('carves an exclusive grid as the main thread does', async () => {
    const division = demo();
    const client = startedClient();
    const polygon = carveCase(division);
    const t = ((key: string) =>
      key === 'edit.newExclusiveName' ? '新专属网格' : key) as unknown as TFunction;
    const command = carveTool.command!(polygon, DEFAULT_EDIT_SETTINGS, { selectedGridId: null, t });
    expect(command).toEqual({ kind: 'carve', polygon, name: '新专属网格' });
    const answer = await client.compute(division, ruleSet, command);
    const local = carveTool.finish(division, polygon, DEFAULT_EDIT_SETTINGS, { selectedGridId: null, t });
    expect(local.ok).toBe(true);
    expect(answer).toEqual(local);
    if (!answer?.ok) throw new Error('the carve was refused');
    const carved = applyChange(division, answer.value).division;
    const exclusive = [...carved.grid.values()].filter((g) => g.name === '新专属网格');
    expect(exclusive).toHaveLength(1);
    expect(exclusive[0]!.gridType).toBe('exclusive');
  });

  it('fills a gap (new grid, into the neighbour, every small gap) as the main thread does', async () => {
    const { holed: division, communityId, at } = fillCase(demo());
    const client = startedClient();
    const commands: EditCommand[] = [
      { kind: 'fill-gap', communityId, at, into: 'new-grid' },
      { kind: 'fill-gap', communityId, at, into: 'neighbour' },
      { kind: 'fill-small', communityId, maxAreaM2: 1e9 },
    ];
    for (const command of commands) {
      const answer = await client.compute(division, ruleSet, command);
      const local = runEditCommand(division, command);
      expect(local.ok).toBe(true);
      expect(answer).toEqual(local);
    }
    const made = await client.compute(division, ruleSet, commands[0]!);
    if (!made?.ok) throw new Error('the fill was refused');
    expect(applyChange(division, made.value).division.grid.size).toBe(division.grid.size + 1);
  });
});

describe('editOffMainThread: applied if the document is the one computed on, else computed again', () => {
  atOneInstant();

  it('applies the worker’s merge as one undoable change; undo restores both grids', async () => {
    const division = demo();
    const port = inProcessPort();
    const client = startedClient(port);
    const { session, writes } = sessionOn(division);
    session.onApplied((c, after, before) => client.followChange(c, after, before));
    const [a, b] = mergeCase(division) as [string, string];
    const outcome = await editOffMainThread(session, client, ruleSet, { kind: 'merge', picked: [a, b] });
    expect(outcome.kind).toBe('applied');
    if (outcome.kind !== 'applied') return;
    expect(outcome.base).toBe(division);
    expect(port.seen).toEqual(['document', 'edit', 'change']);
    expect(session.getState().division.grid.size).toBe(division.grid.size - 1);
    expect(writes).toHaveLength(1);
    expect(session.getState().undo).toHaveLength(1);
    await session.undo();
    expect(session.getState().division.grid.get(a)).toEqual(division.grid.get(a));
    expect(session.getState().division.grid.get(b)).toEqual(division.grid.get(b));
  });

  it('computes the merge again on the new document when an edit landed while the worker computed', async () => {
    const division = demo();
    const [a, b] = mergeCase(division) as [string, string];
    const { session, writes } = sessionOn(division);
    let landed = false;
    const port = inProcessPort(undefined, (request) => {
      // The first time the merge reaches the worker, the planner renames grid a in the window.
      if (request.type !== 'edit' || landed) return;
      landed = true;
      void session.apply(change('改名', [{ ...division.grid.get(a)!, name: '新名字' }]));
    });
    const client = startedClient(port);
    session.onApplied((c, after, before) => client.followChange(c, after, before));
    const outcome = await editOffMainThread(session, client, ruleSet, { kind: 'merge', picked: [a, b] });
    expect(outcome.kind).toBe('applied');
    if (outcome.kind !== 'applied') return;
    const renamed = outcome.base;
    expect(renamed).not.toBe(division);
    expect(renamed.grid.get(a)?.name).toBe('新名字');
    // The second computation went to the worker with the rename only, not the whole document.
    expect(port.seen).toEqual(['document', 'edit', 'change', 'edit', 'change']);
    const expected = mergeTool.finish(renamed, [a, b], DEFAULT_EDIT_SETTINGS);
    expect(expected).toEqual({ ok: true, value: outcome.change });
    expect(writes.map((w) => w.change.note)).toEqual(['改名', outcome.change.note]);
    expect(session.getState().undo).toHaveLength(2);
  });

  it(`gives up, nothing applied, when the document changed during each of ${EDIT_ATTEMPTS} computations`, async () => {
    const division = demo();
    const [a, b] = mergeCase(division) as [string, string];
    const { session, writes } = sessionOn(division);
    let renames = 0;
    const port = inProcessPort(undefined, (request) => {
      if (request.type !== 'edit') return;
      renames++;
      const grid = session.getState().division.grid.get(a)!;
      void session.apply(change('改名', [{ ...grid, name: `名字${renames}` }]));
    });
    const client = startedClient(port);
    const outcome = await editOffMainThread(session, client, ruleSet, { kind: 'merge', picked: [a, b] });
    expect(outcome).toEqual({ kind: 'stale' });
    expect(renames).toBe(EDIT_ATTEMPTS);
    expect(writes.map((w) => w.change.note)).toEqual(Array(EDIT_ATTEMPTS).fill('改名'));
    expect(session.getState().division.grid.has(b)).toBe(true);
    expect(CHANGED_MEANWHILE.message.zh).toContain('计算期间文档已更改');
  });

  it('says why the command refused, with the main thread’s message', async () => {
    const division = demo();
    const client = startedClient();
    const { session, writes } = sessionOn(division);
    const command: EditCommand = { kind: 'merge', picked: ['no-such-grid', 'nor-this'] };
    const outcome = await editOffMainThread(session, client, ruleSet, command);
    const local = runEditCommand(division, command);
    expect(local.ok).toBe(false);
    if (local.ok) return;
    expect(outcome).toEqual({ kind: 'refused', problems: local.problems });
    expect(writes).toHaveLength(0);
  });

  it('runs the command on the main thread when there is no worker, or it fails or stops', async () => {
    const division = demo();
    const [a, b] = mergeCase(division) as [string, string];
    const command: EditCommand = { kind: 'merge', picked: [a, b] };
    const expected = runEditCommand(division, command);
    if (!expected.ok) throw new Error('the merge was refused');

    const none = sessionOn(division);
    expect(await editOffMainThread(none.session, null, ruleSet, command)).toEqual({
      kind: 'applied',
      change: expected.value,
      base: division,
    });

    // The worker never answers edits and then fails: the window merges by itself.
    const failing = inProcessPort('edit');
    const client = startedClient(failing);
    const broken = sessionOn(division);
    const pending = editOffMainThread(broken.session, client, ruleSet, command);
    await new Promise((resolve) => setTimeout(resolve, 5));
    failing.fail();
    expect(await pending).toEqual({ kind: 'applied', change: expected.value, base: division });
    expect(broken.writes).toHaveLength(1);
  });

  it('without a worker, a command whose kernel throws is refused with the error and that nothing changed', async () => {
    const division = demo();
    const { session, writes } = sessionOn(division);
    // A drawing no tool would send (hostile or broken): the kernel throws on it.
    const broken = { kind: 'draw-grid', polygon: null, avoidOverlap: true } as unknown as EditCommand;
    expect(() => runEditCommand(division, broken)).toThrow();
    const outcome = await editOffMainThread(session, null, ruleSet, broken);
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(outcome.problems[0]?.kind).toBe('unexpected');
    expect(outcome.problems[0]?.message.zh).toMatch(/^计算此编辑时出错（.+）。项目未作任何更改。$/);
    expect(outcome.problems[0]?.message.en).toMatch(
      /^Computing this edit failed \(.+\)\. The project was not changed\.$/,
    );
    expect(writes).toEqual([]);
    expect(session.getState().division).toBe(division);
  });
});
