import type { Change, Division, Entity, EntityRef, Grid, Result } from '../model';
import { appendAll, change, fail, ok } from '../model';
import { polygonAreaM2 } from '../geometry/ellipsoid-area';
import {
  codesForNewGrids,
  communityOfGrid,
  defaultGridName,
  derivedGrid,
  gridById,
  newGridId,
  problem,
  record,
  withLineage,
} from './grid-command-context';
import { mergePolygons } from '../geometry/merge-polygons';
import { refuseLocked } from './locked-grids';
import type { MicrogridCodeOptions } from './microgrid-codes';
import { microgridsFollow } from './microgrids-follow';

/** Options of {@link mergeGridsCommand}. */
export interface MergeGridsOptions extends MicrogridCodeOptions {
  /**
   * Id of one of the merged grids: the result is that grid (id, code, attributes) grown over the others.
   * None: every merged code is retired and the result is a new grid with a new code, taking the
   * attributes of the largest merged grid.
   */
  readonly keepCodeOf?: string;
}

/**
 * Merges adjacent grids of one community (see `mergePolygons`) into one Change: the merged grid, the
 * deletion of the others, and the community with the lineage record (the result's code from all merged
 * codes). The result is named by the naming template for its code (`defaultGridName`); the merged grids'
 * micro-grids move into it (`microgridsFollow`: new codes under its code where it has another code, with
 * lineage). Refuses grids of different communities, an exclusive grid with an ordinary one, and grids that
 * are not connected by shared edges, and locked grids.
 */
export function mergeGridsCommand(
  division: Division,
  gridIds: readonly string[],
  options: MergeGridsOptions = {},
): Result<Change> {
  const grids: Grid[] = [];
  for (const id of new Set(gridIds)) {
    const found = gridById(division, id);
    if (!found.ok) return found;
    grids.push(found.value);
  }
  if (grids.length < 2) {
    return fail(problem('too-few', '合并至少需要选择两个网格。', 'Select at least two grids to merge.'));
  }
  const unlocked = refuseLocked(grids, 'merge');
  if (!unlocked.ok) return unlocked;
  const first = grids[0]!;
  if (grids.some((grid) => grid.parentCode !== first.parentCode)) {
    return fail(
      problem(
        'different-communities',
        '只能合并同一社区/行政村内的网格：网格不能跨社区/行政村。',
        'Only grids of the same community can be merged: a grid cannot cross its community boundary.',
      ),
    );
  }
  const exclusive = grids.filter((grid) => grid.gridType === 'exclusive').length;
  if (exclusive > 0 && exclusive < grids.length) {
    return fail(
      problem(
        'mixed-types',
        '专属网格不能与普通网格合并：请先修改网格类型。',
        'An exclusive grid cannot be merged with an ordinary one: change the grid type first.',
      ),
    );
  }
  const community = communityOfGrid(division, first);
  if (!community.ok) return community;
  const merged = mergePolygons(
    grids.map((grid) => grid.geometry),
    { labels: grids.map((grid) => grid.code) },
  );
  if (!merged.ok) return merged;

  const codes = grids.map((grid) => grid.code);
  const kept = options.keepCodeOf === undefined ? undefined : grids.find((g) => g.id === options.keepCodeOf);
  if (options.keepCodeOf !== undefined && !kept) {
    return fail(
      problem(
        'keep-not-merged',
        '要保留编码的网格不在所选网格之中。',
        'The grid whose code is to be kept is not among the selected grids.',
      ),
    );
  }
  const put: Entity[] = [];
  const deleted: EntityRef[] = grids
    .filter((grid) => grid !== kept)
    .map((grid) => ({ layer: 'grid' as const, id: grid.id }));
  let code: string;
  let name: string;
  if (kept) {
    code = kept.code;
    // Named for the surviving code, not left with the name of the part it happened to be.
    name = defaultGridName(division, community.value, code, options);
    put.push({ ...kept, name, geometry: merged.value });
  } else {
    const fresh = codesForNewGrids(division, community.value, [merged.value], options);
    if (!fresh.ok) return fresh;
    code = fresh.value[0]!;
    const largest = grids.reduce((a, b) => (polygonAreaM2(b.geometry) > polygonAreaM2(a.geometry) ? b : a));
    name = defaultGridName(division, community.value, code, options);
    put.push(derivedGrid(largest, newGridId(division, code, new Set(), options), code, merged.value, name));
  }
  const parent = { code, name, geometry: merged.value };
  const microgrids = microgridsFollow(division, community.value, codes, [parent], 'merge', options);
  if (!microgrids.ok) return microgrids;
  appendAll(put, microgrids.value.put);
  appendAll(deleted, microgrids.value.delete);
  put.push(
    withLineage(community.value, [record(code, codes, 'merge', options), ...microgrids.value.records]),
  );
  return ok(change(`合并网格 ${codes.join('、')}`, put, deleted));
}
