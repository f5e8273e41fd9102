import type { Change, Division, Entity, EntityRef, MicroGrid, Result } from '../model';
import { change, fail, ok } from '../model';
import { polygonAreaM2 } from '../geometry/ellipsoid-area';
import { mergePolygons } from '../geometry/merge-polygons';
import { communityOfGrid, problem, record, withLineage } from './grid-command-context';
import { refuseLocked } from './locked-grids';
import type { MicrogridCodeOptions } from './microgrid-codes';
import { codesForNewMicrogrids, microgridName, newMicrogridId } from './microgrid-codes';
import { gridOfMicrogrid, microgridById } from './split-microgrid-command';

/** Options of {@link mergeMicrogridsCommand}. */
export interface MergeMicrogridsOptions extends MicrogridCodeOptions {
  /**
   * Id of one of the merged micro-grids: the result is that micro-grid grown over the others. None: every
   * merged code is retired and the result gets a new code, with the attributes of the largest.
   */
  readonly keepCodeOf?: string;
}

/**
 * Merges adjacent micro-grids of one grid into one Change, as `mergeGridsCommand` merges grids: the merged
 * micro-grid, the deletion of the others and the lineage record on the community. Refuses micro-grids of
 * different grids, of a locked grid, and micro-grids that do not share edges.
 */
export function mergeMicrogridsCommand(
  division: Division,
  microgridIds: readonly string[],
  options: MergeMicrogridsOptions = {},
): Result<Change> {
  const microgrids: MicroGrid[] = [];
  for (const id of new Set(microgridIds)) {
    const found = microgridById(division, id);
    if (!found.ok) return found;
    microgrids.push(found.value);
  }
  if (microgrids.length < 2) {
    return fail(
      problem('too-few', '合并至少需要选择两个微网格。', 'Select at least two micro-grids to merge.'),
    );
  }
  const first = microgrids[0]!;
  if (microgrids.some((m) => m.parentCode !== first.parentCode)) {
    return fail(
      problem(
        'different-grids',
        '只能合并同一网格内的微网格：微网格不能跨网格。',
        'Only micro-grids of the same grid can be merged: a micro-grid cannot cross its grid boundary.',
      ),
    );
  }
  const grid = gridOfMicrogrid(division, first);
  if (!grid.ok) return grid;
  const unlocked = refuseLocked([grid.value], 'change');
  if (!unlocked.ok) return unlocked;
  const community = communityOfGrid(division, grid.value);
  if (!community.ok) return community;
  const codes = microgrids.map((m) => m.code);
  const merged = mergePolygons(
    microgrids.map((m) => m.geometry),
    { labels: codes },
  );
  if (!merged.ok) return merged;
  const kept =
    options.keepCodeOf === undefined ? undefined : microgrids.find((m) => m.id === options.keepCodeOf);
  if (options.keepCodeOf !== undefined && !kept) {
    return fail(
      problem(
        'keep-not-merged',
        '要保留编码的微网格不在所选微网格之中。',
        'The micro-grid whose code is to be kept is not among the selected micro-grids.',
      ),
    );
  }
  const put: Entity[] = [];
  const deleted: EntityRef[] = microgrids
    .filter((m) => m !== kept)
    .map((m) => ({ layer: 'microgrid' as const, id: m.id }));
  let code: string;
  if (kept) {
    code = kept.code;
    put.push({ ...kept, geometry: merged.value });
  } else {
    const fresh = codesForNewMicrogrids(
      division,
      community.value,
      grid.value.code,
      [merged.value],
      new Set(),
      options,
    );
    if (!fresh.ok) return fresh;
    code = fresh.value[0]!;
    const largest = microgrids.reduce((a, b) =>
      polygonAreaM2(b.geometry) > polygonAreaM2(a.geometry) ? b : a,
    );
    put.push({
      ...largest,
      id: newMicrogridId(division, code, new Set()),
      code,
      name: microgridName(division, grid.value.name, grid.value.code, code, options),
      geometry: merged.value,
    });
  }
  put.push(withLineage(community.value, [record(code, codes, 'merge', options)]));
  return ok(change(`合并微网格 ${codes.join('、')}`, put, deleted));
}
