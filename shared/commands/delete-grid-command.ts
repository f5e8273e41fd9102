import type { Change, Division, EntityRef, Result } from '../model';
import { change, ok } from '../model';
import { communityOfGrid, gridById, record, withLineage } from './grid-command-context';
import type { GridCommandOptions } from './grid-command-context';
import { refuseLocked } from './locked-grids';

/**
 * Deletes a grid, and its micro-grids (they cannot exist without it), as one Change. The grid's code is
 * retired: the community records it (lineage `delete`), so it is never given out again. A grid whose
 * community is missing is deleted all the same (there is no numbering to protect). A locked grid is refused.
 */
export function deleteGridCommand(
  division: Division,
  gridId: string,
  options: GridCommandOptions = {},
): Result<Change> {
  const found = gridById(division, gridId);
  if (!found.ok) return found;
  const grid = found.value;
  const unlocked = refuseLocked([grid], 'delete');
  if (!unlocked.ok) return unlocked;
  const del: EntityRef[] = [{ layer: 'grid', id: grid.id }];
  for (const microgrid of division.microgrid.values())
    if (microgrid.parentCode === grid.code) del.push({ layer: 'microgrid', id: microgrid.id });
  const community = communityOfGrid(division, grid);
  const put = community.ok ? [withLineage(community.value, [record(grid.code, [], 'delete', options)])] : [];
  return ok(change(`删除网格 ${grid.code}`, put, del));
}
