import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { fillCase, overBox } from '../../../bench/edit-tasks';
import { applyChange, builtinRuleSet, change } from '../../../shared/model';
import { communityGaps } from '../../../renderer/tools/community-gaps';
import { drawGridTool } from '../../../renderer/tools/draw-grid-tool';
import { editOffMainThread } from '../../../renderer/tools/edit-off-main-thread';
import { DEFAULT_EDIT_SETTINGS } from '../../../renderer/tools/edit-settings';
import { microgridTool } from '../../../renderer/tools/microgrid-tool';
import type { ToolContext } from '../../../renderer/tools/tool-definition';
import {
  atOneInstant,
  demo,
  inProcessPort,
  sessionOn,
  startedClient,
} from '../divide/in-process-sketch-port';
import { layerCodes } from './layer-codes';
import { rect } from '../../shared/geometry/geometry-test-helpers';
import { G, twoGridTownship, X, Y } from './two-grid-township';

const ruleSet = builtinRuleSet('zigong')!;
const t = ((key: string) => key) as unknown as TFunction;
const context = (selectedGridId: string | null): ToolContext => ({ selectedGridId, t });

describe('画网格 and 微网格 in the sketch worker', () => {
  atOneInstant();

  it('draws a grid over a gap as the main thread does, clipped around its neighbours', async () => {
    const { holed, deleted } = fillCase(demo());
    const polygon = overBox(deleted);
    const client = startedClient();
    const command = drawGridTool.command!(polygon, DEFAULT_EDIT_SETTINGS, context(null));
    expect(command).toEqual({ kind: 'draw-grid', polygon, avoidOverlap: true });
    const answer = await client.compute(holed, ruleSet, command);
    const local = drawGridTool.finish(holed, polygon, DEFAULT_EDIT_SETTINGS, context(null));
    expect(local.ok).toBe(true);
    expect(answer).toEqual(local);
    if (!answer?.ok) throw new Error('the drawing was refused');
    const drawn = applyChange(holed, answer.value).division;
    expect(drawn.grid.size).toBe(holed.grid.size + 1);
    // The new grid goes where the deleted one was: its code is new, the community's others keep theirs.
    expect(layerCodes(drawn, 'grid')).toEqual(expect.arrayContaining(layerCodes(holed, 'grid')));
    expect(drawGridTool.selectAfter?.(answer.value, holed)).toBe(
      answer.value.put.find((e) => e.layer === 'grid' && !holed.grid.has(e.id))?.id,
    );
  });

  it('keeps 画网格’s refusal outside every community, with its message', async () => {
    const division = demo();
    const far = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [0.001, 0],
          [0.001, 0.001],
          [0, 0],
        ],
      ],
    };
    const answer = await startedClient().compute(division, ruleSet, {
      kind: 'draw-grid',
      polygon: far,
      avoidOverlap: true,
    });
    expect(answer?.ok).toBe(false);
    expect(answer).toEqual(drawGridTool.finish(division, far, DEFAULT_EDIT_SETTINGS, context(null)));
    if (answer && !answer.ok) expect(answer.problems[0]!.message.zh).toContain('不在任何社区/行政村内');
  });

  it('draws a micro-grid in the selected grid, or in the grid under the drawing, as the main thread does', async () => {
    const division = twoGridTownship();
    const client = startedClient();
    // Across both grids, most of it in the east grid 005 (002 is full of micro-grids).
    const polygon = rect(X + 0.0015, Y + 0.0005, X + 0.0035, Y + 0.0015);
    for (const selected of [null, G(5), G(2)]) {
      const command = microgridTool.command!(polygon, DEFAULT_EDIT_SETTINGS, context(selected));
      expect(command).toEqual({ kind: 'microgrid', polygon, selectedGridId: selected, avoidOverlap: true });
      const answer = await client.compute(division, ruleSet, command);
      expect(answer).toEqual(
        microgridTool.finish(division, polygon, DEFAULT_EDIT_SETTINGS, context(selected)),
      );
      if (selected === G(2)) {
        // Grid 002 is covered by its micro-grids already: refused, with the main thread's message.
        expect(answer?.ok).toBe(false);
        continue;
      }
      if (!answer?.ok) throw new Error('the micro-grid was refused');
      const made = applyChange(division, answer.value).division;
      const created = [...made.microgrid.values()].filter((m) => !division.microgrid.has(m.id));
      expect(created.map((m) => m.parentCode)).toEqual([division.grid.get(G(5))!.code]);
    }
  });

  it('applies the worker’s 画网格 as one undoable change, computed again after an edit landed', async () => {
    const { holed, deleted } = fillCase(demo());
    const { session, writes } = sessionOn(holed);
    const someone = [...holed.grid.values()][3]!;
    let landed = false;
    const port = inProcessPort(undefined, (request) => {
      if (request.type !== 'edit' || landed) return;
      landed = true;
      void session.apply(change('改名', [{ ...someone, name: '新名字' }]));
    });
    const client = startedClient(port);
    session.onApplied((c, after, before) => client.followChange(c, after, before));
    const command = drawGridTool.command!(overBox(deleted), DEFAULT_EDIT_SETTINGS, context(null));
    const outcome = await editOffMainThread(session, client, ruleSet, command);
    expect(outcome.kind).toBe('applied');
    expect(port.seen).toEqual(['document', 'edit', 'change', 'edit', 'change']);
    expect(writes).toHaveLength(2);
    expect(session.getState().division.grid.size).toBe(holed.grid.size + 1);
    await session.undo();
    expect(session.getState().division.grid.size).toBe(holed.grid.size);
    expect(session.getState().division.grid.get(someone.id)?.name).toBe('新名字');
  });
});

describe('填补空白’s gap list in the sketch worker', () => {
  it('lists the gaps as the main thread does: the deleted grid’s place and its neighbours', async () => {
    const { holed, communityId, deleted } = fillCase(demo());
    const client = startedClient();
    const answer = await client.gaps(holed, ruleSet, communityId);
    const local = communityGaps(holed, communityId);
    expect(answer).toEqual(local);
    if (!answer?.ok) throw new Error('the gap list failed');
    const largest = answer.value[0]!;
    expect(largest.neighbours.length).toBeGreaterThan(0);
    // The largest gap is where the deleted grid was (its area, not a sliver).
    expect(largest.areaM2).toBeGreaterThan(1000);
    expect(answer.value.every((gap) => !('geometry' in gap))).toBe(true);
    const before = communityGaps(demo(), communityId);
    if (!before.ok) throw new Error('the gap list failed');
    expect(answer.value).toHaveLength(before.value.length + 1);
    expect(deleted.parentCode).toBe(holed.community.get(communityId)!.code);
  });

  it('asks for the list of the document after an edit without sending the whole document again', async () => {
    const division = demo();
    const { holed, communityId, deleted } = fillCase(division);
    const port = inProcessPort();
    const client = startedClient(port);
    const { session } = sessionOn(division);
    session.onApplied((c, after, before) => client.followChange(c, after, before));
    const first = await client.gaps(division, ruleSet, communityId);
    await session.apply(change('删除', [], [{ layer: 'grid', id: deleted.id }]));
    const after = await client.gaps(session.getState().division, ruleSet, communityId);
    expect(port.seen).toEqual(['document', 'gaps', 'change', 'gaps']);
    if (!first?.ok || !after?.ok) throw new Error('the gap list failed');
    expect(after).toEqual(communityGaps(holed, communityId));
    expect(after.value).toHaveLength(first.value.length + 1);
  });

  it('says so when the community is gone, in both languages', async () => {
    const answer = await startedClient().gaps(demo(), ruleSet, 'no-such-community');
    expect(answer?.ok).toBe(false);
    if (answer && !answer.ok) {
      expect(answer.problems[0]!.message.zh).toContain('社区');
      expect(answer.problems[0]!.message.en).toContain('community');
    }
  });

  it('answers null (the window computes it) when the worker is gone or answers for another document', async () => {
    const division = demo();
    const communityId = [...division.community.keys()][0]!;
    const failing = inProcessPort('gaps');
    const client = startedClient(failing);
    const pending = client.gaps(division, ruleSet, communityId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    failing.fail();
    expect(await pending).toBeNull();
    expect(await client.gaps(division, ruleSet, communityId)).toBeNull();
  });
});
