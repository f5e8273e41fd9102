// The steps of bench/edit-tasks-bench.ts, shared by its Node run and its Chromium page (edit-tasks-page.ts).
import type { Polygon, Position } from 'geojson';
import { carveExclusiveGridCommand, communityAround } from '../shared/commands/carve-exclusive-grid-command';
import { deleteGridCommand } from '../shared/commands/delete-grid-command';
import { drawGridCommand } from '../shared/commands/draw-grid-command';
import { drawMicrogridCommand } from '../shared/commands/draw-microgrid-command';
import { areaInput } from '../shared/commands/grid-command-context';
import { fillGapCommand } from '../shared/commands/fill-gap-command';
import { findGaps } from '../shared/geometry/fill-gap';
import { mergeGridsCommand } from '../shared/commands/merge-grids-command';
import { splitGridCommand } from '../shared/commands/split-grid-command';
import { countCensus } from '../shared/geometry/count-census';
import { interiorPoint } from '../shared/geometry/interior-point';
import { locatePoint, PointLocation } from '../shared/geometry/locate-point';
import { preparePolygon } from '../shared/geometry/prepared-polygon';
import type { Change, Division, Grid, Result, RuleSet } from '../shared/model';
import { applyChange, change as changeOf, MIN_PIECE_AREA_M2, ok } from '../shared/model';
import { Validator } from '../shared/validate/validator';
import type { CityShape } from './city-division';

/** The city of the benchmark: 1,600 grids in 40 communities. */
export function benchCity(censusPoints: number): CityShape {
  return {
    townships: 1,
    communitiesX: 8,
    communitiesY: 5,
    gridsX: 8,
    gridsY: 5,
    cellsPerGrid: 4,
    censusPoints,
    defectEvery: 0,
    seed: 12,
  };
}

function boundsOf(grid: Grid): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = grid.geometry.type === 'Polygon' ? [grid.geometry.coordinates] : grid.geometry.coordinates;
  for (const polygon of polygons)
    for (const [x, y] of polygon[0]!) {
      minX = Math.min(minX, x!);
      minY = Math.min(minY, y!);
      maxX = Math.max(maxX, x!);
      maxY = Math.max(maxY, y!);
    }
  return [minX, minY, maxX, maxY];
}

/** A grid with households and a line across its middle, west to east, beyond both sides. */
export function splitCase(division: Division): { grid: Grid; line: Position[] } {
  const grid = [...division.grid.values()].find((g) => g.gridType !== 'exclusive')!;
  const [minX, minY, maxX, maxY] = boundsOf(grid);
  const y = (minY + maxY) / 2;
  const pad = (maxX - minX) * 0.2;
  return {
    grid,
    line: [
      [minX - pad, y],
      [maxX + pad, y],
    ],
  };
}

/** A grid's box with 20 % more on each side: a rough drawing over it and into its neighbours. */
export function overBox(grid: Grid): Polygon {
  const [minX, minY, maxX, maxY] = boundsOf(grid);
  const [padX, padY] = [(maxX - minX) * 0.2, (maxY - minY) * 0.2];
  const [x0, y0, x1, y1] = [minX - padX, minY - padY, maxX + padX, maxY + padY];
  const ring = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

/** Two grids of one community that merge (they share an edge). */
export function mergeCase(division: Division): string[] {
  const grids = [...division.grid.values()];
  for (const a of grids)
    for (const b of grids)
      if (a.id < b.id && a.parentCode === b.parentCode && mergeGridsCommand(division, [a.id, b.id]).ok)
        return [a.id, b.id];
  throw new Error('no two grids merge');
}

/** The first ordinary grid and a square of ±`half`° around a point inside it (挖出专属网格's drawing). */
export function carveCase(division: Division, half = 0.0003): Polygon {
  const grid = [...division.grid.values()].find((g) => g.gridType !== 'exclusive' && !g.locked)!;
  const [x, y] = interiorPoint(preparePolygon(grid.geometry));
  const ring = [
    [x - half, y - half],
    [x + half, y - half],
    [x + half, y + half],
    [x - half, y + half],
    [x - half, y - half],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

/** The division with its first ordinary grid deleted, its community and a point in the gap (填补空白). */
export function fillCase(division: Division): {
  holed: Division;
  communityId: string;
  at: Position;
  deleted: Grid;
} {
  const grid = [...division.grid.values()].find((g) => g.gridType !== 'exclusive' && !g.locked)!;
  const community = [...division.community.values()].find((c) => c.code === grid.parentCode)!;
  const holed = applyChange(division, changeOf('删除', [], [{ layer: 'grid', id: grid.id }])).division;
  return {
    holed,
    communityId: community.id,
    at: interiorPoint(preparePolygon(grid.geometry)),
    deleted: grid,
  };
}

function value(result: Result<Change>, what: string): Change {
  if (!result.ok) throw new Error(`the ${what} was refused`);
  return result.value;
}

/**
 * One synchronous piece of main-thread work per interaction, by name, each run as one task. "split",
 * "merge", "carve" and "fill" are the commands as the window ran them before; "…, main thread now" is what
 * it does since they run in the sketch worker (the structured clone of the worker's answer, an EditReply
 * of renderer/divide/sketch-protocol.ts; applying it is "commit"). "draw grid" (画网格), "micro-grid"
 * (微网格) and "gap list" (填补空白's list, a GapsReply now) likewise; "delete" (删除) stays on the main thread. "recount"
 * is what the window did after every edit before (count every census point); "recount, main thread
 * now" is what it does now (read the validation worker's counts, a structured clone).
 */
export function editSteps(division: Division, ruleSet: RuleSet): [string, () => unknown][] {
  const { grid, line } = splitCase(division);
  const pair = mergeCase(division);
  const drawn = carveCase(division);
  const gap = fillCase(division);
  const splitOnce = (): Change =>
    value(splitGridCommand(division, grid.id, line, { keepCodeOnLarger: true }), 'split');
  const mergeOnce = (): Change => value(mergeGridsCommand(division, pair), 'merge');
  const carveOnce = (): Change =>
    value(carveExclusiveGridCommand(division, undefined, drawn, 'school', '专属网格'), 'carve');
  const fillOnce = (): Change =>
    value(fillGapCommand(gap.holed, gap.communityId, gap.at, { into: 'neighbour' }), 'fill');
  // 画网格 as the tool finished it: the community under the drawing, clipped to it and around its grids
  // (a rough outline over the gap of fillCase: its grid's box and 20 % more, over the neighbours).
  const rough = overBox(gap.deleted);
  const drawOnce = (): Change => {
    const community = communityAround(gap.holed, rough);
    if (!community.ok) throw new Error('the drawing is in no community');
    return value(drawGridCommand(gap.holed, community.value.id, rough, { avoidOverlap: true }), 'draw');
  };
  // 微网格 as the tool finished it with no grid selected: the grid under the drawing, then the command
  // (the square of carveCase).
  const microOnce = (): Change => {
    const [x, y] = interiorPoint(preparePolygon(drawn));
    const under = [...division.grid.values()].find(
      (g) => locatePoint(preparePolygon(g.geometry), x, y) === PointLocation.inside,
    );
    if (!under) throw new Error('the drawing is in no grid');
    return value(drawMicrogridCommand(division, under.id, drawn, { avoidOverlap: true }), 'micro-grid');
  };
  const deleteOnce = (): Change => value(deleteGridCommand(division, grid.id), 'delete');
  // 填补空白's list: the gaps of the community of the deleted grid (gap-panel.tsx).
  const community = gap.holed.community.get(gap.communityId)!;
  const gapsOnce = () =>
    findGaps(
      community.geometry,
      [...gap.holed.grid.values()].filter((g) => g.parentCode === community.code).map(areaInput),
      { minAreaM2: MIN_PIECE_AREA_M2 },
    );
  const change = splitOnce();
  // The worker's answer as renderer/divide/sketch-protocol.ts has it (EditReply).
  const answerOf = (made: Change) => ({ type: 'edit', id: 1, version: 1, result: ok(made) });
  const [splitAnswer, mergeAnswer, carveAnswer, fillAnswer] = [
    answerOf(change),
    answerOf(mergeOnce()),
    answerOf(carveOnce()),
    answerOf(fillOnce()),
  ];
  const [drawAnswer, microAnswer] = [answerOf(drawOnce()), answerOf(microOnce())];
  // The worker's answer to a gap list (GapsReply): each gap without its outline.
  const listed = gapsOnce();
  if (!listed.ok) throw new Error('the gap list failed');
  const gapsAnswer = {
    type: 'gaps',
    id: 1,
    version: 1,
    result: ok(listed.value.map(({ areaM2, at, neighbours }) => ({ areaM2, at, neighbours }))),
  };
  const answer = new Validator(division, ruleSet).counts();
  return [
    ['split', splitOnce],
    ['split, main thread now', () => structuredClone(splitAnswer)],
    ['merge', mergeOnce],
    ['merge, main thread now', () => structuredClone(mergeAnswer)],
    ['carve', carveOnce],
    ['carve, main thread now', () => structuredClone(carveAnswer)],
    ['fill', fillOnce],
    ['fill, main thread now', () => structuredClone(fillAnswer)],
    ['draw grid (before)', drawOnce],
    ['draw grid, main thread now', () => structuredClone(drawAnswer)],
    ['micro-grid (before)', microOnce],
    ['micro-grid, main thread now', () => structuredClone(microAnswer)],
    ['delete', deleteOnce],
    ['gap list (before)', gapsOnce],
    ['gap list, main thread now', () => structuredClone(gapsAnswer)],
    ['commit', () => structuredClone(applyChange(division, change).inverse)],
    ['recount', () => countCensus(division)],
    ['recount, main thread now', () => structuredClone(answer)],
  ];
}
