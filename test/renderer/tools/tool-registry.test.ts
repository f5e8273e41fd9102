import fc from 'fast-check';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Change, Result } from '../../../shared/model';
import { applyChange } from '../../../shared/model';
import { en } from '../../../renderer/i18n/en';
import { zh } from '../../../renderer/i18n/zh';
import { DEFAULT_EDIT_SETTINGS } from '../../../renderer/tools/edit-settings';
import { TOOLS, toolForKey, toolNamed } from '../../../renderer/tools/tool-registry';
import { divisionOf } from '../../shared/geometry/division-fixtures';
import { communityEntity, gridEntity, rect } from '../../shared/geometry/geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
/** A community 0.004° × 0.002° tiled by a west (1) and an east (2) grid. */
const doc = divisionOf([
  communityEntity(rect(X, Y, X + 0.004, Y + 0.002)),
  gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002)),
  gridEntity(2, rect(X + 0.002, Y, X + 0.004, Y + 0.002)),
]);
const GRID_1 = gridEntity(1, rect(0, 0, 1, 1)).id;
const GRID_2 = gridEntity(2, rect(0, 0, 1, 1)).id;
const t = i18next.createInstance();
await t.init({ lng: 'zh', showSupportNotice: false, resources: { zh: { translation: zh } } });
const context = { selectedGridId: null, t: t.t };

function lookup(table: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown>)?.[part], table);
}

function problemKinds(result: Result<Change>): string[] {
  return result.ok ? [] : result.problems.map((p) => p.kind);
}

describe('the tools table', () => {
  it('gives every tool its own name, key and icon, with words in both languages', () => {
    expect(new Set(TOOLS.map((tool) => tool.name)).size).toBe(TOOLS.length);
    expect(new Set(TOOLS.map((tool) => tool.key)).size).toBe(TOOLS.length);
    expect(new Set(TOOLS.map((tool) => tool.icon)).size).toBe(TOOLS.length);
    for (const tool of TOOLS) {
      for (const key of [tool.label, tool.tip, ...(tool.failure ? [tool.failure] : [])]) {
        expect(typeof lookup(zh, key), `${tool.name}: zh ${key}`).toBe('string');
        expect(typeof lookup(en, key), `${tool.name}: en ${key}`).toBe('string');
      }
      expect(tool.hint(t.t, ['a', 'b']).length).toBeGreaterThan(0);
    }
  });

  it('finds a tool by its key in either case, Backspace deletes, other keys choose nothing', () => {
    for (const tool of TOOLS) {
      expect(toolForKey(tool.key)?.name).toBe(tool.name);
      if (tool.key.length === 1) expect(toolForKey(tool.key.toLowerCase())?.name).toBe(tool.name);
    }
    expect(toolForKey('Backspace')?.name).toBe('delete');
    expect(toolForKey('q')).toBeUndefined();
    expect(toolNamed('no-such-tool').name).toBe('select');
  });

  it('splits the grid a line crosses when none is selected, and says so when it crosses none', () => {
    const split = toolNamed('split');
    if (split.drawMode !== 'line') throw new Error('split draws a line');
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 18 }), fc.boolean(), (tenth, east) => {
        const x = X + (east ? 0.002 : 0) + tenth * 0.0001;
        const line = {
          type: 'LineString' as const,
          coordinates: [
            [x, Y - 0.001],
            [x, Y + 0.003],
          ],
        };
        const result = split.finish(doc, line, DEFAULT_EDIT_SETTINGS, context);
        if (!result.ok) return false;
        const [crossed, other] = east ? [GRID_2, GRID_1] : [GRID_1, GRID_2];
        const touched = new Set([
          ...result.value.put.filter((e) => e.layer === 'grid').map((e) => e.id),
          ...result.value.delete.filter((r) => r.layer === 'grid').map((r) => r.id),
        ]);
        const after = applyChange(doc, result.value).division;
        // The crossed grid became two; the other is untouched.
        return touched.has(crossed) && !touched.has(other) && after.grid.size === 3;
      }),
      { numRuns: 25 },
    );
    const outside = {
      type: 'LineString' as const,
      coordinates: [
        [X + 0.01, Y - 0.001],
        [X + 0.01, Y + 0.003],
      ],
    };
    expect(problemKinds(split.finish(doc, outside, DEFAULT_EDIT_SETTINGS, context))).toEqual(['no-grid']);
  });

  it('puts a micro-grid in the grid under it, refuses one outside every grid', () => {
    const microgrid = toolNamed('microgrid');
    if (microgrid.drawMode !== 'polygon') throw new Error('microgrid draws a polygon');
    const inside = microgrid.finish(
      doc,
      rect(X + 0.0025, Y + 0.0005, X + 0.0035, Y + 0.0015),
      DEFAULT_EDIT_SETTINGS,
      context,
    );
    expect(inside.ok && inside.value.put.filter((e) => e.layer === 'microgrid').length).toBe(1);
    const away = microgrid.finish(
      doc,
      rect(X + 0.01, Y, X + 0.011, Y + 0.001),
      DEFAULT_EDIT_SETTINGS,
      context,
    );
    expect(problemKinds(away)).toEqual(['no-grid']);
  });

  it('selects the grid a drawing creates, and clears the selection after a delete', () => {
    const draw = toolNamed('draw-grid');
    const remove = toolNamed('delete');
    if (draw.drawMode !== 'polygon' || remove.drawMode !== 'action') throw new Error('table changed');
    const empty = divisionOf([communityEntity(rect(X, Y, X + 0.004, Y + 0.002))]);
    const drawn = draw.finish(empty, rect(X, Y, X + 0.001, Y + 0.001), DEFAULT_EDIT_SETTINGS, context);
    if (!drawn.ok) throw new Error(drawn.problems[0]!.message.en);
    const created = draw.selectAfter?.(drawn.value, empty);
    expect(created).toBeDefined();
    expect(applyChange(empty, drawn.value).division.grid.has(created!)).toBe(true);
    const deleted = remove.finish(doc, GRID_1);
    expect(deleted.ok && remove.selectAfter?.(deleted.value, doc)).toBeNull();
  });
});
