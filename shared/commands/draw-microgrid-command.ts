import type { AreaGeometry, Change, Division, Entity, MicroGrid, Result } from '../model';
import { change, ok } from '../model';
import { clipToParentAndAvoidOverlap } from '../geometry/clip-to-parent-and-avoid-overlap';
import { communityOfGrid, gridById, record, withLineage } from './grid-command-context';
import { refuseLocked } from './locked-grids';
import type { MicrogridCodeOptions } from './microgrid-codes';
import { codesForNewMicrogrids, microgridName, newMicrogridId } from './microgrid-codes';

/** Options of {@link drawMicrogridCommand}. */
export interface DrawMicrogridOptions extends MicrogridCodeOptions {
  /** True: remove what the grid's other micro-grids already cover, sharing their edges exactly. */
  readonly avoidOverlap: boolean;
}

/**
 * Adds a micro-grid (微网格) drawn inside a grid as one Change: clipped to the grid and, with
 * `avoidOverlap`, around the grid's other micro-grids (which take its vertices on shared edges); code =
 * grid code + the next 3-digit sequence, never reusing a code (micro-grid codes are recorded in the
 * community's lineage like grid codes). Refuses a locked grid: its content is fixed too.
 */
export function drawMicrogridCommand(
  division: Division,
  gridId: string,
  polygon: AreaGeometry,
  options: DrawMicrogridOptions,
): Result<Change> {
  const found = gridById(division, gridId);
  if (!found.ok) return found;
  const grid = found.value;
  const unlocked = refuseLocked([grid], 'microgrid');
  if (!unlocked.ok) return unlocked;
  const community = communityOfGrid(division, grid);
  if (!community.ok) return community;
  const siblings = [...division.microgrid.values()].filter((m) => m.parentCode === grid.code);
  const existing = options.avoidOverlap
    ? siblings.map((m) => ({ id: m.id, geometry: m.geometry, label: m.code }))
    : [];
  const clipped = clipToParentAndAvoidOverlap(polygon, grid.geometry, existing);
  if (!clipped.ok) return clipped;

  const codes = codesForNewMicrogrids(
    division,
    community.value,
    grid.code,
    [clipped.value.geometry],
    new Set(),
    options,
  );
  if (!codes.ok) return codes;
  const code = codes.value[0]!;
  const microgrid: MicroGrid = {
    layer: 'microgrid',
    id: newMicrogridId(division, code, new Set()),
    code,
    name: microgridName(division, grid.name, grid.code, code, options),
    parentCode: grid.code,
    extra: {},
    geometry: clipped.value.geometry,
  };
  const put: Entity[] = [microgrid];
  for (const neighbour of clipped.value.neighbours)
    put.push({ ...division.microgrid.get(neighbour.id)!, geometry: neighbour.geometry });
  put.push(withLineage(community.value, [record(code, [grid.code], 'create', options)]));
  return ok(change(`新建微网格 ${code}`, put));
}
