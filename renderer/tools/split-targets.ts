import type { Position } from 'geojson';
import type { SplitGridOptions } from '../../shared/commands/split-grid-command';
import { splitGridsCommand } from '../../shared/commands/split-grid-command';
import { splitMicrogridsCommand } from '../../shared/commands/split-microgrid-command';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { splitPolygonByLine } from '../../shared/geometry/split-polygon-by-line';
import type { AreaGeometry, Change, Division, Grid, MicroGrid, Result } from '../../shared/model';
import { fail, ok, text } from '../../shared/model';

/** What a split line splits: grids of one community, or micro-grids of one grid. */
export interface SplitTargets {
  readonly layer: 'grid' | 'microgrid';
  readonly ids: readonly string[];
}

/**
 * True when the line cuts the polygon through (both ends of the cut outside it): the split would make
 * parts. A cut that would leave only a sliver still counts: the planner then hears why it is refused.
 */
function fullyCrosses(geometry: AreaGeometry, line: readonly Position[]): boolean {
  const split = splitPolygonByLine(geometry, line);
  return split.ok || split.problems.some((p) => p.kind === 'tiny-part');
}

interface Box {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

function lineBox(line: readonly Position[]): Box {
  const xs = line.map((p) => p[0]!);
  const ys = line.map((p) => p[1]!);
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

/** The areas whose box the line's box reaches and that the line cuts through. */
function crossed<T extends { readonly geometry: AreaGeometry }>(
  areas: Iterable<T>,
  line: readonly Position[],
): T[] {
  const box = lineBox(line);
  const found: T[] = [];
  for (const area of areas) {
    const own = preparePolygon(area.geometry);
    if (own.empty || own.maxX < box.minX || own.minX > box.maxX || own.maxY < box.minY || own.minY > box.maxY)
      continue;
    if (fullyCrosses(area.geometry, line)) found.push(area);
  }
  return found;
}

/** Micro-grids the line cuts through (of one grid, when given). */
function crossedMicrogrids(division: Division, line: readonly Position[], within?: Grid): MicroGrid[] {
  const microgrids = [...division.microgrid.values()];
  return crossed(within ? microgrids.filter((m) => m.parentCode === within.code) : microgrids, line);
}

/** Groups by a key, in first-seen order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}

/**
 * Which grids a split line splits (issue 11 item 2: a line ending in a neighbouring community's grid split
 * that grid, unasked). The selected grid, when there is one: it is split when the line cuts it through;
 * else its micro-grids the line cuts through are; else the selected grid is still the target, so the
 * command says why the line does not split it. Without a selection: every grid the line cuts through, if
 * they are all of one community; else, if it cuts through no grid, the micro-grids it cuts through, if all
 * of one grid. Anything else is refused with a message that says what to do.
 */
export function splitTargets(
  division: Division,
  line: readonly Position[],
  selectedGridId: string | null,
): Result<SplitTargets> {
  const selected = selectedGridId ? division.grid.get(selectedGridId) : undefined;
  if (selected) {
    if (fullyCrosses(selected.geometry, line)) return ok({ layer: 'grid', ids: [selected.id] });
    const micro = crossedMicrogrids(division, line, selected);
    if (micro.length > 0) return ok({ layer: 'microgrid', ids: micro.map((m) => m.id) });
    return ok({ layer: 'grid', ids: [selected.id] });
  }
  const grids = crossed(division.grid.values(), line);
  const communities = groupBy(grids, (grid) => grid.parentCode);
  if (communities.length === 1) return ok({ layer: 'grid', ids: grids.map((g) => g.id) });
  if (communities.length > 1) {
    const names = communities.map((group) => group.map((g) => g.name || g.code).join('、')).join('；');
    return fail({
      kind: 'several-communities',
      message: text(
        `拆分线完整穿过了不同社区/行政村的网格（${names}），不知道要拆分哪一个：请先选中要拆分的网格，或只在一个社区/行政村内画线。`,
        `The split line cuts through grids of different communities (${names}), so which to split is unclear: select the grid to split first, or draw the line within one community.`,
      ),
    });
  }
  const micro = crossedMicrogrids(division, line);
  const parents = groupBy(micro, (m) => m.parentCode);
  if (parents.length === 1) return ok({ layer: 'microgrid', ids: micro.map((m) => m.id) });
  if (parents.length > 1) {
    return fail({
      kind: 'several-grids',
      message: text(
        '拆分线完整穿过了不同网格的微网格：请先选中要拆分其微网格的网格，或只在一个网格内画线。',
        'The split line cuts through micro-grids of different grids: select the grid whose micro-grids to split first, or draw the line within one grid.',
      ),
    });
  }
  return fail({
    kind: 'no-grid',
    message: text(
      '拆分线没有完整穿过任何网格：请画一条从网格外穿过网格到网格外的线（只拆分微网格时，从微网格外穿过到微网格外）。',
      'The line does not cut through any grid: draw a line from outside the grid, across it, to outside (for a micro-grid, from outside it to outside it).',
    ),
  });
}

/** The split of the chosen targets as one Change. */
export function splitTargetsCommand(
  division: Division,
  targets: SplitTargets,
  line: readonly Position[],
  options: SplitGridOptions,
): Result<Change> {
  return targets.layer === 'grid'
    ? splitGridsCommand(division, targets.ids, line, options)
    : splitMicrogridsCommand(division, targets.ids, line, options);
}

/**
 * 拆分 as the tool finishes it: the targets the line chooses (splitTargets), then their split as one
 * Change. The window runs it in the sketch worker (issue 12) and on the main thread when that is not
 * available; both run this same function.
 */
export function splitAlong(
  division: Division,
  line: readonly Position[],
  selectedGridId: string | null,
  options: SplitGridOptions,
): Result<Change> {
  const targets = splitTargets(division, line, selectedGridId);
  if (!targets.ok) return targets;
  return splitTargetsCommand(division, targets.value, line, options);
}
