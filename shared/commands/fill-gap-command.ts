import type { Position } from 'geojson';
import type { Change, Division, Entity, Grid, Result } from '../model';
import { change, fail } from '../model';
import { gridTypeOf } from './draw-grid-command';
import { fillGap, fillSmallGaps } from '../geometry/fill-gap';
import type { GapTarget } from '../geometry/fill-gap';
import {
  areaInput,
  codesForNewGrids,
  communityById,
  defaultGridName,
  newGridId,
  problem,
  record,
  withLineage,
} from './grid-command-context';
import type { GridCommandOptions } from './grid-command-context';
import { guardLockedGrids } from './locked-grids';
import type { ChangedArea } from '../geometry/trace-existing';

/** Options of {@link fillGapCommand}. */
export interface FillGapOptions extends GridCommandOptions {
  /** Name of the new grid when the gap becomes one; default 光明社区第12网格 after its code. */
  readonly name?: string;
}

function changedGrids(division: Division, changed: readonly ChangedArea[]): Grid[] {
  return changed.map((area) => ({ ...division.grid.get(area.id)!, geometry: area.geometry }));
}

/**
 * Fills the gap of a community that contains `at` (see `fillGap`), as one Change: either a new grid
 * (next code, lineage `fill`) or the neighbouring grid grown over it, plus grids that take vertices on
 * shared edges. A locked grid is never grown over a gap.
 */
export function fillGapCommand(
  division: Division,
  communityId: string,
  at: Position,
  target: GapTarget,
  options: FillGapOptions = {},
): Result<Change> {
  const community = communityById(division, communityId);
  if (!community.ok) return community;
  const grids = [...division.grid.values()].filter((grid) => grid.parentCode === community.value.code);
  const filled = fillGap(community.value.geometry, grids.map(areaInput), at, target);
  if (!filled.ok) return filled;
  const put: Entity[] = changedGrids(division, filled.value.changed);
  if (!filled.value.created) {
    const into = put[0] as Grid;
    return guardLockedGrids(division, change(`填补空白：并入网格 ${into.code}`, put));
  }
  const codes = codesForNewGrids(division, community.value, [filled.value.created], options);
  if (!codes.ok) return codes;
  const code = codes.value[0]!;
  put.unshift({
    layer: 'grid',
    id: newGridId(division, code, new Set(), options),
    code,
    name: options.name ?? defaultGridName(division, community.value, code, options),
    parentCode: community.value.code,
    gridType: gridTypeOf(community.value),
    status: 'draft',
    extra: {},
    geometry: filled.value.created,
  });
  put.push(withLineage(community.value, [record(code, [], 'fill', options)]));
  return guardLockedGrids(division, change(`填补空白：新建网格 ${code}`, put));
}

/**
 * Gives every gap of a community smaller than `maxAreaM2` to the grid sharing the longest boundary with
 * it (see `fillSmallGaps`), as one Change. Refuses when there is no such gap; gaps no grid touches stay
 * (the validator keeps reporting them).
 */
export function fillSmallGapsCommand(
  division: Division,
  communityId: string,
  maxAreaM2: number,
): Result<Change> {
  const community = communityById(division, communityId);
  if (!community.ok) return community;
  const grids = [...division.grid.values()].filter((grid) => grid.parentCode === community.value.code);
  const filled = fillSmallGaps(community.value.geometry, grids.map(areaInput), maxAreaM2);
  if (!filled.ok) return filled;
  if (filled.value.filled.length === 0) {
    return fail(
      problem(
        'no-small-gaps',
        `${community.value.name}没有小于 ${maxAreaM2} 平方米、可以并入相邻网格的空白。`,
        `${community.value.name} has no gap under ${maxAreaM2} m² that a neighbouring grid could take.`,
      ),
    );
  }
  return guardLockedGrids(
    division,
    change(
      `填补 ${filled.value.filled.length} 处小空白（${community.value.name}）`,
      changedGrids(division, filled.value.changed),
    ),
  );
}
