import type { Position } from 'geojson';
import type { Change, Division, Entity, EntityRef, Grid, Result } from '../model';
import { appendAll, change, text } from '../model';
import {
  areaInput,
  codesForNewGrids,
  communityOfGrid,
  defaultGridName,
  derivedGrid,
  gridById,
  gridsNear,
  newGridId,
  record,
  withLineage,
} from './grid-command-context';
import { splitPolygonByLine } from '../geometry/split-polygon-by-line';
import { composeCommands } from './compose-commands';
import { guardLockedGrids, refuseLocked } from './locked-grids';
import type { MicrogridCodeOptions } from './microgrid-codes';
import { microgridsFollow } from './microgrids-follow';
import type { NewParent } from './microgrids-follow';

/** Options of {@link splitGridCommand}. */
export interface SplitGridOptions extends MicrogridCodeOptions {
  /**
   * True: the larger part stays the same grid (id, code and every attribute) and the other parts are new
   * grids. False: the old code is retired and every part is a new grid with a new code.
   */
  readonly keepCodeOnLarger: boolean;
  /** See `splitPolygonByLine`. Default 1 m². */
  readonly minPartAreaM2?: number;
}

/**
 * Splits a grid by a drawn line (see `splitPolygonByLine`) into one Change: the parts (new grids copy the
 * original's attributes; see `derivedGrid`), the deletion of the original when its code is retired,
 * neighbours that take the cut's end vertices, and the community with the lineage of the new codes.
 * New parts are numbered north→south then west→east and named by the naming template for their code
 * (`defaultGridName`: 新民社区第4网格), never by appending to the original's name; a part that keeps the
 * original's code keeps its name.
 * The grid's micro-grids follow the parts (`microgridsFollow`: clipped, re-parented, new codes and lineage
 * where a part has a new code). Households are not stored: the editor recounts them. Refuses a locked grid, and a cut whose end would
 * change a locked neighbour's outline (taking a vertex on the shared edge is allowed).
 */
export function splitGridCommand(
  division: Division,
  gridId: string,
  line: readonly Position[],
  options: SplitGridOptions,
): Result<Change> {
  const found = gridById(division, gridId);
  if (!found.ok) return found;
  const grid = found.value;
  const unlocked = refuseLocked([grid], 'split');
  if (!unlocked.ok) return unlocked;
  const community = communityOfGrid(division, grid);
  if (!community.ok) return community;
  const neighbours = gridsNear(division, grid.geometry, new Set([grid.id])).map(areaInput);
  const split = splitPolygonByLine(grid.geometry, line, {
    neighbours,
    what: text(`网格（${grid.code}）`, `grid ${grid.code}`),
    ...(options.minPartAreaM2 !== undefined ? { minPartAreaM2: options.minPartAreaM2 } : {}),
  });
  if (!split.ok) return split;
  const { parts } = split.value;
  const fresh = options.keepCodeOnLarger ? parts.slice(1) : parts;
  const codes = codesForNewGrids(division, community.value, fresh, options);
  if (!codes.ok) return codes;

  const put: Entity[] = [];
  const del: EntityRef[] = [];
  const taken = new Set<string>();
  const parents: NewParent[] = [];
  if (options.keepCodeOnLarger) {
    put.push({ ...grid, geometry: parts[0]! });
    parents.push({ code: grid.code, name: grid.name, geometry: parts[0]! });
  } else del.push({ layer: 'grid', id: grid.id });
  // New grids in code order (north to south), so the Change and the lineage read in numbering order.
  const numbered = fresh
    .map((part, i) => ({ part, code: codes.value[i]! }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const { part, code } of numbered) {
    const id = newGridId(division, code, taken, options);
    const name = defaultGridName(division, community.value, code, options);
    put.push(derivedGrid(grid, id, code, part, name));
    parents.push({ code, name, geometry: part });
  }
  const microgrids = microgridsFollow(division, community.value, [grid.code], parents, 'split', options);
  if (!microgrids.ok) return microgrids;
  appendAll(put, microgrids.value.put);
  appendAll(del, microgrids.value.delete);
  for (const neighbour of split.value.neighbours) {
    put.push({ ...(division.grid.get(neighbour.id) as Grid), geometry: neighbour.geometry });
  }
  const records = [
    ...(options.keepCodeOnLarger ? [record(grid.code, [grid.code], 'split', options)] : []),
    ...numbered.map(({ code }) => record(code, [grid.code], 'split', options)),
    ...microgrids.value.records,
  ];
  put.push(withLineage(community.value, records));
  return guardLockedGrids(division, change(`拆分网格 ${grid.code}`, put, del), 'split');
}

/**
 * Splits several grids of one community by one line (the grids the line fully crosses) as one Change:
 * {@link splitGridCommand} on each in turn (see `composeCommands`). One grid is `splitGridCommand` itself.
 */
export function splitGridsCommand(
  division: Division,
  gridIds: readonly string[],
  line: readonly Position[],
  options: SplitGridOptions,
): Result<Change> {
  if (gridIds.length === 1) return splitGridCommand(division, gridIds[0]!, line, options);
  const codes = gridIds.map((id) => division.grid.get(id)?.code ?? id);
  return composeCommands(
    division,
    gridIds.map((id) => (doc: Division) => splitGridCommand(doc, id, line, options)),
    `拆分网格 ${codes.join('、')}`,
  );
}
