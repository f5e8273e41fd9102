import type { AreaGeometry, Change, Community, Division, Entity, Grid, GridType, Result } from '../model';
import { change } from '../model';
import { clipToParentAndAvoidOverlap } from '../geometry/clip-to-parent-and-avoid-overlap';
import {
  areaInput,
  codesForNewGrids,
  communityById,
  defaultGridName,
  gridsNear,
  newGridId,
  record,
  withLineage,
} from './grid-command-context';
import type { GridCommandOptions } from './grid-command-context';
import { guardLockedGrids } from './locked-grids';

/** Options of {@link drawGridCommand}. */
export interface DrawGridOptions extends GridCommandOptions {
  /**
   * True: remove what existing grids already cover (QGIS's "avoid overlap"); the new grid then shares
   * their edges exactly. False: only clip to the community; overlaps stay for the validator to report.
   */
  readonly avoidOverlap: boolean;
  /** Default: 光明社区第12网格 after the new code. */
  readonly name?: string;
  /** Default: from the community's kind (urban/rural); null when the community has none. */
  readonly gridType?: GridType;
}

/** The grid type a community's kind implies. */
export function gridTypeOf(community: Community): GridType | null {
  return community.kind === 'urban' ? 'urban' : community.kind === 'rural' ? 'rural' : null;
}

/**
 * Adds a newly drawn grid to a community (see `clipToParentAndAvoidOverlap`) as one Change: the new grid
 * with the next code (status draft), existing grids that take its vertices on shared edges, and the
 * community with the lineage record. Locked grids are fixed: the drawing is clipped around them like any
 * grid, and they may only take vertices on their own edges (their outline stays as it is).
 */
export function drawGridCommand(
  division: Division,
  communityId: string,
  polygon: AreaGeometry,
  options: DrawGridOptions,
): Result<Change> {
  const community = communityById(division, communityId);
  if (!community.ok) return community;
  const existing = options.avoidOverlap ? gridsNear(division, polygon).map(areaInput) : [];
  const clipped = clipToParentAndAvoidOverlap(polygon, community.value.geometry, existing);
  if (!clipped.ok) return clipped;
  const codes = codesForNewGrids(division, community.value, [clipped.value.geometry], options);
  if (!codes.ok) return codes;
  const code = codes.value[0]!;
  const grid: Grid = {
    layer: 'grid',
    id: newGridId(division, code, new Set(), options),
    code,
    name: options.name ?? defaultGridName(division, community.value, code, options),
    parentCode: community.value.code,
    gridType: options.gridType ?? gridTypeOf(community.value),
    status: 'draft',
    extra: {},
    geometry: clipped.value.geometry,
  };
  const put: Entity[] = [grid];
  for (const neighbour of clipped.value.neighbours)
    put.push({ ...division.grid.get(neighbour.id)!, geometry: neighbour.geometry });
  put.push(withLineage(community.value, [record(code, [], 'create', options)]));
  return guardLockedGrids(division, change(`新建网格 ${code}`, put));
}
