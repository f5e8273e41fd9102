import type { LineString, Polygon, Position } from 'geojson';
import { communityAround } from '../../shared/commands/carve-exclusive-grid-command';
import { drawGridCommand } from '../../shared/commands/draw-grid-command';
import { gridsNear } from '../../shared/commands/grid-command-context';
import { assignRows, rankAreas } from '../../shared/geometry/count-census';
import type { Division, Grid, LocalText, MicroGrid, RuleSet, TargetStatus } from '../../shared/model';
import { targetFor, targetStatus } from '../../shared/model';
import type { SplitTargets } from '../tools/split-targets';
import { splitTargets, splitTargetsCommand } from '../tools/split-targets';
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

/** The preview of a sketch: the parts it would make, and for a split line what it would split or why not. */
export interface SketchPreview {
  readonly parts: readonly SketchPart[];
  /** The grids (or micro-grids) a split line would split, as the tool will choose them. */
  readonly targets: SplitTargets | null;
  /** Why finishing the split line now would be refused. */
  readonly refusal: LocalText | null;
}

/** Nothing to preview. */
export const NO_PREVIEW: SketchPreview = { parts: [], targets: null, refusal: null };

function distinct(positions: readonly Position[]): number {
  return new Set(positions.map((p) => `${p[0]},${p[1]}`)).size;
}

/**
 * Households of each part a sketch would make, counted exactly as after the edit: the shared command
 * (drawGridCommand, or the split tool's choice of targets and its command) makes the parts, and census
 * points are assigned among the parts and the areas around them by the same edge tie rule as everywhere.
 * For a split line, also which grids it would split (split-targets.ts) or why it would be refused, so the
 * planner sees it before finishing. No parts when the sketch cannot make a grid yet (fewer than 3 points)
 * or the command refuses it.
 */
export function sketchCounts(division: Division, ruleSet: RuleSet, sketch: Sketch): SketchPreview {
  let parts: (Grid | MicroGrid)[];
  let targets: SplitTargets | null = null;
  if (sketch.kind === 'polygon') {
    if (distinct(sketch.geometry.coordinates[0] ?? []) < 3) return NO_PREVIEW;
    const community = communityAround(division, sketch.geometry);
    if (!community.ok) return NO_PREVIEW;
    const made = drawGridCommand(division, community.value.id, sketch.geometry, {
      avoidOverlap: sketch.avoidOverlap,
    });
    if (!made.ok) return NO_PREVIEW;
    parts = made.value.put.filter((e): e is Grid => e.layer === 'grid' && !division.grid.has(e.id));
  } else {
    if (distinct(sketch.geometry.coordinates) < 2) return NO_PREVIEW;
    const line = sketch.geometry.coordinates;
    const chosen = splitTargets(division, line, sketch.gridId);
    if (!chosen.ok) return { parts: [], targets: null, refusal: chosen.problems[0]!.message };
    targets = chosen.value;
    const made = splitTargetsCommand(division, targets, line, { keepCodeOnLarger: true });
    if (!made.ok) return { parts: [], targets, refusal: made.problems[0]!.message };
    const ids = new Set(targets.ids);
    const layer = targets.layer;
    parts = made.value.put.filter(
      (e): e is Grid | MicroGrid =>
        e.layer === layer && (ids.has(e.id) || !(division[layer] as ReadonlyMap<string, unknown>).has(e.id)),
    );
  }
  if (parts.length === 0) return { parts: [], targets, refusal: null };
  const table = censusTableOf(division.census);
  const partIds = new Set(parts.map((p) => p.id));
  // Census points compete with the areas around of the same layer (grids, or the grid's other micro-grids).
  const around: (Grid | MicroGrid)[] =
    parts[0]!.layer === 'grid'
      ? parts.flatMap((part) => gridsNear(division, part.geometry, partIds))
      : [...division.microgrid.values()].filter(
          (m) => m.parentCode === parts[0]!.parentCode && !partIds.has(m.id),
        );
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
  return {
    parts: parts.map((part) => {
      const count = sums.get(part.id) ?? { households: 0, population: 0 };
      return { ...count, status: targetStatus(targetFor(part, ruleSet), count) };
    }),
    targets,
    refusal: null,
  };
}
