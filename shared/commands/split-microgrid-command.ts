import type { Position } from 'geojson';
import type { Change, Division, Entity, EntityRef, Grid, MicroGrid, Result } from '../model';
import { change, fail, ok, text } from '../model';
import { splitPolygonByLine } from '../geometry/split-polygon-by-line';
import { composeCommands } from './compose-commands';
import { communityOfGrid, record, withLineage } from './grid-command-context';
import { refuseLocked } from './locked-grids';
import { codesForNewMicrogrids, microgridName, newMicrogridId } from './microgrid-codes';
import type { SplitGridOptions } from './split-grid-command';

/** A micro-grid by id, or a refusal. */
export function microgridById(division: Division, id: string): Result<MicroGrid> {
  const microgrid = division.microgrid.get(id);
  if (microgrid) return ok(microgrid);
  return fail({
    kind: 'missing-microgrid',
    message: text(
      `找不到微网格（${id}），它可能已被删除。`,
      `Micro-grid ${id} does not exist; it may have been deleted.`,
    ),
  });
}

/** The grid a micro-grid belongs to (by code), or a refusal the planner can act on. */
export function gridOfMicrogrid(division: Division, microgrid: MicroGrid): Result<Grid> {
  for (const grid of division.grid.values()) if (grid.code === microgrid.parentCode) return ok(grid);
  return fail({
    kind: 'missing-grid',
    message: text(
      `找不到微网格（${microgrid.code}）所属的网格（编码 ${microgrid.parentCode || '空'}）：请先修正所属网格编码。`,
      `The grid of micro-grid ${microgrid.code} (code ${microgrid.parentCode || 'empty'}) does not exist: correct its grid code first.`,
    ),
  });
}

/**
 * Splits a micro-grid by a drawn line, as `splitGridCommand` splits a grid: the parts stay in the same
 * grid, the larger keeps the code (or, with `keepCodeOnLarger` false, the code is retired), new parts get
 * new micro-grid codes under the grid's code (never reused) and copy the attributes; sibling micro-grids
 * take the cut's end vertices on edges they share; the lineage goes to the community. Refuses a micro-grid
 * of a locked grid.
 */
export function splitMicrogridCommand(
  division: Division,
  microgridId: string,
  line: readonly Position[],
  options: SplitGridOptions,
): Result<Change> {
  const found = microgridById(division, microgridId);
  if (!found.ok) return found;
  const microgrid = found.value;
  const grid = gridOfMicrogrid(division, microgrid);
  if (!grid.ok) return grid;
  const unlocked = refuseLocked([grid.value], 'change');
  if (!unlocked.ok) return unlocked;
  const community = communityOfGrid(division, grid.value);
  if (!community.ok) return community;
  const siblings = [...division.microgrid.values()].filter(
    (m) => m.parentCode === microgrid.parentCode && m.id !== microgrid.id,
  );
  const split = splitPolygonByLine(microgrid.geometry, line, {
    neighbours: siblings.map((m) => ({ id: m.id, geometry: m.geometry, label: m.code })),
    what: text(`微网格（${microgrid.code}）`, `micro-grid ${microgrid.code}`),
    ...(options.minPartAreaM2 !== undefined ? { minPartAreaM2: options.minPartAreaM2 } : {}),
  });
  if (!split.ok) return split;
  const { parts } = split.value;
  const fresh = options.keepCodeOnLarger ? parts.slice(1) : parts;
  const codes = codesForNewMicrogrids(division, community.value, grid.value.code, fresh, new Set(), options);
  if (!codes.ok) return codes;

  const put: Entity[] = [];
  const del: EntityRef[] = [];
  if (options.keepCodeOnLarger) put.push({ ...microgrid, geometry: parts[0]! });
  else del.push({ layer: 'microgrid', id: microgrid.id });
  const numbered = fresh
    .map((part, i) => ({ part, code: codes.value[i]! }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const taken = new Set<string>();
  for (const { part, code } of numbered) {
    put.push({
      ...microgrid,
      id: newMicrogridId(division, code, taken),
      code,
      name: microgridName(division, grid.value.name, grid.value.code, code, options),
      geometry: part,
    });
  }
  for (const neighbour of split.value.neighbours)
    put.push({ ...division.microgrid.get(neighbour.id)!, geometry: neighbour.geometry });
  const records = [
    ...(options.keepCodeOnLarger ? [record(microgrid.code, [microgrid.code], 'split', options)] : []),
    ...numbered.map(({ code }) => record(code, [microgrid.code], 'split', options)),
  ];
  put.push(withLineage(community.value, records));
  return ok(change(`拆分微网格 ${microgrid.code}`, put, del));
}

/** Splits several micro-grids of one grid by one line as one Change (see `composeCommands`). */
export function splitMicrogridsCommand(
  division: Division,
  microgridIds: readonly string[],
  line: readonly Position[],
  options: SplitGridOptions,
): Result<Change> {
  if (microgridIds.length === 1) return splitMicrogridCommand(division, microgridIds[0]!, line, options);
  const codes = microgridIds.map((id) => division.microgrid.get(id)?.code ?? id);
  return composeCommands(
    division,
    microgridIds.map((id) => (doc: Division) => splitMicrogridCommand(doc, id, line, options)),
    `拆分微网格 ${codes.join('、')}`,
  );
}
