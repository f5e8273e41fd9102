// The steps of bench/edit-tasks-bench.ts, shared by its Node run and its Chromium page (edit-tasks-page.ts).
import type { Polygon, Position } from 'geojson';
import { carveExclusiveGridCommand } from '../shared/commands/carve-exclusive-grid-command';
import { fillGapCommand } from '../shared/commands/fill-gap-command';
import { mergeGridsCommand } from '../shared/commands/merge-grids-command';
import { splitGridCommand } from '../shared/commands/split-grid-command';
import { countCensus } from '../shared/geometry/count-census';
import { interiorPoint } from '../shared/geometry/interior-point';
import { preparePolygon } from '../shared/geometry/prepared-polygon';
import type { Change, Division, Grid, Result, RuleSet } from '../shared/model';
import { applyChange, change as changeOf, ok } from '../shared/model';
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
export function fillCase(division: Division): { holed: Division; communityId: string; at: Position } {
  const grid = [...division.grid.values()].find((g) => g.gridType !== 'exclusive' && !g.locked)!;
  const community = [...division.community.values()].find((c) => c.code === grid.parentCode)!;
  const holed = applyChange(division, changeOf('删除', [], [{ layer: 'grid', id: grid.id }])).division;
  return { holed, communityId: community.id, at: interiorPoint(preparePolygon(grid.geometry)) };
}

function value(result: Result<Change>, what: string): Change {
  if (!result.ok) throw new Error(`the ${what} was refused`);
  return result.value;
}

/**
 * One synchronous piece of main-thread work per interaction, by name, each run as one task. "split",
 * "merge", "carve" and "fill" are the commands as the window ran them before; "…, main thread now" is what
 * it does since they run in the sketch worker (the structured clone of the worker's answer, an EditReply
 * of renderer/divide/sketch-protocol.ts; applying it is "commit"). "recount"
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
  const change = splitOnce();
  // The worker's answer as renderer/divide/sketch-protocol.ts has it (EditReply).
  const answerOf = (made: Change) => ({ type: 'edit', id: 1, version: 1, result: ok(made) });
  const [splitAnswer, mergeAnswer, carveAnswer, fillAnswer] = [
    answerOf(change),
    answerOf(mergeOnce()),
    answerOf(carveOnce()),
    answerOf(fillOnce()),
  ];
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
    ['commit', () => structuredClone(applyChange(division, change).inverse)],
    ['recount', () => countCensus(division)],
    ['recount, main thread now', () => structuredClone(answer)],
  ];
}
