import type { LineString, Polygon, Position } from 'geojson';
import { communityAround } from '../../shared/commands/carve-exclusive-grid-command';
import { drawGridCommand } from '../../shared/commands/draw-grid-command';
import { gridsNear } from '../../shared/commands/grid-command-context';
import { splitGridCommand } from '../../shared/commands/split-grid-command';
import { assignRows, rankAreas } from '../../shared/geometry/count-census';
import type { Division, Grid, RuleSet, TargetStatus } from '../../shared/model';
import { targetFor, targetStatus } from '../../shared/model';
import { censusTableOf } from '../derive/census-table-of';

/** One part of what is being drawn, as it would be if the planner finished now. */
export interface SketchPart {
  readonly households: number;
  readonly population: number;
  readonly status: TargetStatus;
}

/** What is being drawn: a grid outline (polygon tool) or a split line across a grid. */
export type Sketch =
  | { readonly kind: 'polygon'; readonly geometry: Polygon; readonly avoidOverlap: boolean }
  | { readonly kind: 'line'; readonly geometry: LineString; readonly gridId: string | null };

function distinct(positions: readonly Position[]): number {
  return new Set(positions.map((p) => `${p[0]},${p[1]}`)).size;
}

/**
 * Households of each part a sketch would make, counted exactly as after the edit: the shared command
 * (drawGridCommand / splitGridCommand) makes the parts, and census points are assigned among the parts and
 * the grids around them by the same edge tie rule as everywhere. Empty when the sketch cannot make a grid
 * yet (fewer than 3 points, a line that does not cross a grid) or the command refuses it.
 */
export function sketchCounts(division: Division, ruleSet: RuleSet, sketch: Sketch): SketchPart[] {
  let parts: Grid[];
  if (sketch.kind === 'polygon') {
    if (distinct(sketch.geometry.coordinates[0] ?? []) < 3) return [];
    const community = communityAround(division, sketch.geometry);
    if (!community.ok) return [];
    const made = drawGridCommand(division, community.value.id, sketch.geometry, {
      avoidOverlap: sketch.avoidOverlap,
    });
    if (!made.ok) return [];
    parts = made.value.put.filter((e): e is Grid => e.layer === 'grid' && !division.grid.has(e.id));
  } else {
    if (distinct(sketch.geometry.coordinates) < 2) return [];
    const target = sketch.gridId ?? crossedGrid(division, sketch.geometry.coordinates);
    if (!target) return [];
    const made = splitGridCommand(division, target, sketch.geometry.coordinates, { keepCodeOnLarger: true });
    if (!made.ok) return [];
    const original = division.grid.get(target)!;
    parts = made.value.put.filter(
      (e): e is Grid =>
        e.layer === 'grid' &&
        (e.id === target || (!division.grid.has(e.id) && e.parentCode === original.parentCode)),
    );
  }
  if (parts.length === 0) return [];
  const table = censusTableOf(division.census);
  const partIds = new Set(parts.map((p) => p.id));
  const around = parts.flatMap((part) => gridsNear(division, part.geometry, partIds));
  const areas = rankAreas([...parts, ...new Map(around.map((g) => [g.id, g])).values()]);
  const owner = assignRows(table, areas);
  const sums = new Map<string, { households: number; population: number }>();
  for (let row = 0; row < owner.length; row++) {
    const index = owner[row]!;
    if (index < 0) continue;
    const id = areas[index]!.id;
    if (!partIds.has(id)) continue;
    const sum = sums.get(id) ?? { households: 0, population: 0 };
    sum.households += table.households[row]!;
    sum.population += table.population[row]!;
    sums.set(id, sum);
  }
  return parts.map((part) => {
    const count = sums.get(part.id) ?? { households: 0, population: 0 };
    return { ...count, status: targetStatus(targetFor(part, ruleSet), count) };
  });
}

/** The grid a line splits: the first whose split by the line succeeds among those its box reaches. */
function crossedGrid(division: Division, line: readonly Position[]): string | null {
  const xs = line.map((p) => p[0]!);
  const ys = line.map((p) => p[1]!);
  const box = { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
  for (const grid of gridsNear(division, {
    type: 'Polygon',
    coordinates: [
      [
        [box.minX, box.minY],
        [box.maxX, box.minY],
        [box.maxX, box.maxY],
        [box.minX, box.maxY],
        [box.minX, box.minY],
      ],
    ],
  })) {
    if (grid.locked) continue;
    if (splitGridCommand(division, grid.id, line, { keepCodeOnLarger: true }).ok) return grid.id;
  }
  return null;
}
