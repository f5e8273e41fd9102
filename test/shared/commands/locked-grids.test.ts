import fc from 'fast-check';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { carveExclusiveGridCommand } from '../../../shared/commands/carve-exclusive-grid-command';
import { deleteGridCommand } from '../../../shared/commands/delete-grid-command';
import { drawGridCommand } from '../../../shared/commands/draw-grid-command';
import { drawMicrogridCommand } from '../../../shared/commands/draw-microgrid-command';
import { fillGapCommand, fillSmallGapsCommand } from '../../../shared/commands/fill-gap-command';
import { guardLockedGrids, refuseLocked } from '../../../shared/commands/locked-grids';
import { mergeGridsCommand } from '../../../shared/commands/merge-grids-command';
import { splitGridCommand } from '../../../shared/commands/split-grid-command';
import { sameOutline } from '../../../shared/geometry/same-outline';
import type { Change, Division, Entity, Grid, Result } from '../../../shared/model';
import { applyChange } from '../../../shared/model';
import { divisionOf } from '../geometry/division-fixtures';
import { communityEntity, COMMUNITY_CODE, gridEntity, rect } from '../geometry/geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
const code = (sequence: number): string => `${COMMUNITY_CODE}${String(sequence).padStart(3, '0')}`;
const WEST = `grid-${code(1)}`;
const EAST = `grid-${code(2)}`;

/** A community tiled by a west and an east grid; `lockedIds` are locked. */
function township(lockedIds: readonly string[], more: Entity[] = []): Division {
  const lock = (id: string): Partial<Grid> => (lockedIds.includes(id) ? { locked: true } : {});
  return divisionOf([
    communityEntity(rect(X, Y, X + 0.004, Y + 0.002)),
    gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002), lock(WEST)),
    gridEntity(2, rect(X + 0.002, Y, X + 0.004, Y + 0.002), lock(EAST)),
    ...more,
  ]);
}

/** The refusal's kind and whether its messages name the grid in both languages. */
function refusal(result: Result<unknown>, gridCode: string): { kind: string; named: boolean } {
  if (result.ok) return { kind: 'accepted', named: false };
  const problem = result.problems[0]!;
  return {
    kind: problem.kind,
    named: problem.message.zh.includes(gridCode) && problem.message.en.includes(gridCode),
  };
}

function value(result: Result<Change>): Change {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message.en).join('; '));
  return result.value;
}

const LOCKED = { kind: 'locked', named: true };
const ACROSS_WEST = [
  [X - 0.001, Y + 0.0012],
  [X + 0.003, Y + 0.0008],
];

describe('commands refuse locked grids, naming them', () => {
  it('split: the locked grid itself', () => {
    const result = splitGridCommand(township([WEST]), WEST, ACROSS_WEST, { keepCodeOnLarger: true });
    expect(refusal(result, code(1))).toEqual(LOCKED);
    expect(!result.ok && result.problems[0]!.message.zh).toContain('已锁定，不能拆分');
  });

  it('split: a locked neighbour only takes the cut’s end vertex on its own edge', () => {
    const before = township([EAST]);
    const change = value(splitGridCommand(before, WEST, ACROSS_WEST, { keepCodeOnLarger: true }));
    const eastAfter = change.put.find((e) => e.id === EAST) as Grid;
    expect(eastAfter).toBeDefined();
    expect(sameOutline(before.grid.get(EAST)!.geometry, eastAfter.geometry)).toBe(true);
    expect(eastAfter.locked).toBe(true);
  });

  it('merge and delete', () => {
    expect(refusal(mergeGridsCommand(township([EAST]), [WEST, EAST]), code(2))).toEqual(LOCKED);
    expect(refusal(deleteGridCommand(township([WEST]), WEST), code(1))).toEqual(LOCKED);
    expect(deleteGridCommand(township([EAST]), WEST).ok).toBe(true);
  });

  it('draw with avoid-overlap clips around a locked grid and leaves its outline', () => {
    // The community is wider than its grids: the new grid is drawn east of them, overlapping the locked one.
    const before = divisionOf([
      communityEntity(rect(X, Y, X + 0.006, Y + 0.002)),
      gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002)),
      gridEntity(2, rect(X + 0.002, Y, X + 0.004, Y + 0.002), { locked: true }),
    ]);
    const change = value(
      drawGridCommand(before, 'community-1', rect(X + 0.003, Y + 0.0005, X + 0.005, Y + 0.0015), {
        avoidOverlap: true,
      }),
    );
    const east = change.put.find((e) => e.id === EAST) as Grid | undefined;
    if (east) expect(sameOutline(before.grid.get(EAST)!.geometry, east.geometry)).toBe(true);
    const after = applyChange(before, change).division;
    expect(after.grid.get(EAST)!.locked).toBe(true);
  });

  it('carve avoids a locked grid like an exclusive one', () => {
    const before = township([EAST]);
    const school = rect(X + 0.0015, Y + 0.0005, X + 0.0025, Y + 0.0015);
    const change = value(carveExclusiveGridCommand(before, undefined, school, 'school', '第一中学'));
    const east = change.put.find((e) => e.id === EAST) as Grid | undefined;
    if (east) expect(sameOutline(before.grid.get(EAST)!.geometry, east.geometry)).toBe(true);
    expect(change.delete).toEqual([]);
    // Both locked: nothing ordinary is left to carve from, so nothing locked changes either way.
    const both = carveExclusiveGridCommand(township([WEST, EAST]), undefined, school, 'school', '第一中学');
    if (both.ok) {
      for (const id of [WEST, EAST]) {
        const put = both.value.put.find((e) => e.id === id) as Grid | undefined;
        if (put) expect(sameOutline(township([]).grid.get(id)!.geometry, put.geometry)).toBe(true);
      }
    }
  });

  it('fill gap: a locked grid is never grown over a gap', () => {
    const gapped = (locked: boolean): Division =>
      divisionOf([
        communityEntity(rect(X, Y, X + 0.004, Y + 0.002)),
        gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002), locked ? { locked: true } : {}),
        gridEntity(2, rect(X + 0.0025, Y, X + 0.004, Y + 0.002), locked ? { locked: true } : {}),
      ]);
    const at: Position = [X + 0.00225, Y + 0.001];
    expect(refusal(fillSmallGapsCommand(gapped(true), 'community-1', 1e6), code(1)).kind).toBe('locked');
    expect(fillSmallGapsCommand(gapped(false), 'community-1', 1e6).ok).toBe(true);
    // A new grid in the gap leaves the locked neighbours as they are.
    expect(fillGapCommand(gapped(true), 'community-1', at, { into: 'new-grid' }).ok).toBe(true);
  });

  it('micro-grid inside a locked grid', () => {
    const result = drawMicrogridCommand(township([WEST]), WEST, rect(X, Y, X + 0.001, Y + 0.001), {
      avoidOverlap: true,
    });
    expect(refusal(result, code(1))).toEqual(LOCKED);
  });

  it('unlocked grids are not affected', () => {
    expect(refuseLocked([...township([]).grid.values()], 'split').ok).toBe(true);
    expect(splitGridCommand(township([]), WEST, ACROSS_WEST, { keepCodeOnLarger: false }).ok).toBe(true);
  });
});

describe('guardLockedGrids', () => {
  const before = township([WEST]);
  const west = before.grid.get(WEST)!;

  it('refuses deleting, reshaping, recoding or unlocking a locked grid through a tool', () => {
    const reshaped = { ...west, geometry: rect(X, Y, X + 0.0021, Y + 0.002) };
    expect(guardLockedGrids(before, { put: [], delete: [{ layer: 'grid', id: WEST }], note: '' }).ok).toBe(
      false,
    );
    expect(guardLockedGrids(before, { put: [reshaped], delete: [], note: '' }).ok).toBe(false);
    expect(guardLockedGrids(before, { put: [{ ...west, code: code(9) }], delete: [], note: '' }).ok).toBe(
      false,
    );
    expect(guardLockedGrids(before, { put: [{ ...west, locked: false }], delete: [], note: '' }).ok).toBe(
      false,
    );
    expect(guardLockedGrids(before, { put: [{ ...west, name: '新名' }], delete: [], note: '' }).ok).toBe(
      true,
    );
  });
});

describe('sameOutline', () => {
  const square = rect(X, Y, X + 0.002, Y + 0.002);
  const ring = square.coordinates[0]!;

  it('accepts vertices added on edges (any start of the ring) and refuses moved or dropped ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 0, max: 3 }),
        (edge, thousandths, rotate) => {
          const a = ring[edge]!;
          const b = ring[edge + 1]!;
          const t = thousandths / 1000;
          const on: Position = [
            Math.round((a[0]! + (b[0]! - a[0]!) * t) * 1e9) / 1e9,
            Math.round((a[1]! + (b[1]! - a[1]!) * t) * 1e9) / 1e9,
          ];
          const open = [...ring.slice(0, edge + 1), on, ...ring.slice(edge + 1, -1)];
          const rotated = [...open.slice(rotate), ...open.slice(0, rotate)];
          const after: Polygon = { type: 'Polygon', coordinates: [[...rotated, rotated[0]!]] };
          expect(sameOutline(square, after)).toBe(true);
          // The same vertex pushed 1 m off the edge changes the outline.
          const off: Position = [on[0]! + 1e-5, on[1]! + 1e-5];
          const moved = [...ring.slice(0, edge + 1), off, ...ring.slice(edge + 1, -1)];
          expect(sameOutline(square, { type: 'Polygon', coordinates: [[...moved, moved[0]!]] })).toBe(false);
        },
      ),
    );
    const dropped = [ring[0]!, ring[1]!, ring[2]!, ring[0]!];
    expect(sameOutline(square, { type: 'Polygon', coordinates: [dropped] })).toBe(false);
    expect(sameOutline(square, rect(X, Y, X + 0.002, Y + 0.0021))).toBe(false);
  });
});
