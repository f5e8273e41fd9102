import type { Change, Division, Grid, LocalText, Problem, Result } from '../model';
import { fail, ok, text } from '../model';
import { sameOutline } from '../geometry/same-outline';

/** What a planner tried to do to a locked grid, for the refusal's wording. */
export type LockedAction =
  'split' | 'merge' | 'delete' | 'edit-vertices' | 'microgrid' | 'divide' | 'rebalance' | 'change';

const ACTIONS: Readonly<Record<LockedAction, LocalText>> = {
  split: text('拆分', 'split'),
  merge: text('合并', 'merged'),
  delete: text('删除', 'deleted'),
  'edit-vertices': text('编辑顶点', 'have its vertices edited'),
  microgrid: text('在其中画微网格', 'have micro-grids drawn in it'),
  divide: text('重新划分', 'divided again'),
  rebalance: text('平衡', 'rebalanced'),
  change: text('改变', 'changed'),
};

/** The refusal for a locked grid: names it and says how to go on (unlock it in the attribute panel). */
export function lockedProblem(grid: Grid, action: LockedAction): Problem {
  const verb = ACTIONS[action];
  return {
    kind: 'locked',
    message: text(
      `网格（${grid.code || grid.id}${grid.name ? ` ${grid.name}` : ''}）已锁定，不能${verb.zh}：如需修改，请先在属性面板中解锁。`,
      `Grid ${grid.code || grid.id}${grid.name ? ` (${grid.name})` : ''} is locked and cannot be ${verb.en}: unlock it in the attribute panel first.`,
    ),
  };
}

/** A refusal naming the first locked grid among `grids`, or ok. */
export function refuseLocked(grids: readonly Grid[], action: LockedAction): Result<void> {
  const locked = grids.find((grid) => grid.locked === true);
  return locked ? fail(lockedProblem(locked, action)) : ok(undefined);
}

/**
 * Checks a change made by a tool against the locks of the division it is applied to: a locked grid may
 * not be deleted, and it may be put again only with the same outline (a neighbour's edit may give it a
 * vertex on its own edge, so that the shared edge stays bit-identical; its area does not change) and the
 * same code, community and lock. Returns the change unchanged, or a refusal naming the grid.
 */
export function guardLockedGrids(
  division: Division,
  change: Change,
  action: LockedAction = 'change',
): Result<Change> {
  for (const ref of change.delete) {
    if (ref.layer !== 'grid') continue;
    const grid = division.grid.get(ref.id);
    if (grid?.locked) return fail(lockedProblem(grid, action));
  }
  for (const entity of change.put) {
    if (entity.layer !== 'grid') continue;
    const before = division.grid.get(entity.id);
    if (!before?.locked) continue;
    const kept =
      entity.locked === true &&
      entity.code === before.code &&
      entity.parentCode === before.parentCode &&
      (entity.geometry === before.geometry || sameOutline(before.geometry, entity.geometry));
    if (!kept) return fail(lockedProblem(before, action));
  }
  return ok(change);
}

/** The result of a command passed through {@link guardLockedGrids} (failures pass as they are). */
export function guarded(
  division: Division,
  result: Result<Change>,
  action: LockedAction = 'change',
): Result<Change> {
  return result.ok ? guardLockedGrids(division, result.value, action) : result;
}
