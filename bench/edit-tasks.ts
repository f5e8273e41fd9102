// The steps of bench/edit-tasks-bench.ts, shared by its Node run and its Chromium page (edit-tasks-page.ts).
import type { Position } from 'geojson';
import { mergeGridsCommand } from '../shared/commands/merge-grids-command';
import { splitGridCommand } from '../shared/commands/split-grid-command';
import { countCensus } from '../shared/geometry/count-census';
import type { Change, Division, Grid, RuleSet } from '../shared/model';
import { applyChange, ok } from '../shared/model';
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

/**
 * One synchronous piece of main-thread work per interaction, by name, each run as one task. "split" is
 * the command as the window ran it before; "split, main thread now" is what it does since the command runs
 * in the sketch worker (the structured clone of the worker's answer; applying it is "commit"). "recount"
 * is what the window did after every edit before (count every census point); "recount, main thread
 * now" is what it does now (read the validation worker's counts, a structured clone).
 */
export function editSteps(division: Division, ruleSet: RuleSet): [string, () => unknown][] {
  const { grid, line } = splitCase(division);
  const pair = mergeCase(division);
  const splitOnce = (): Change => {
    const result = splitGridCommand(division, grid.id, line, { keepCodeOnLarger: true });
    if (!result.ok) throw new Error('the split was refused');
    return result.value;
  };
  const change = splitOnce();
  // The worker's answer as renderer/divide/sketch-protocol.ts has it (SplitReply).
  const splitAnswer = { type: 'split', id: 1, version: 1, result: ok(change) };
  const answer = new Validator(division, ruleSet).counts();
  return [
    ['split', splitOnce],
    ['split, main thread now', () => structuredClone(splitAnswer)],
    ['merge', () => mergeGridsCommand(division, pair)],
    ['commit', () => structuredClone(applyChange(division, change).inverse)],
    ['recount', () => countCensus(division)],
    ['recount, main thread now', () => structuredClone(answer)],
  ];
}
