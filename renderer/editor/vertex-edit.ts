import type { Polygon, Position } from 'geojson';
import { deleteVertex } from '../../shared/geometry/delete-vertex';
import { insertVertex } from '../../shared/geometry/insert-vertex';
import { roundPosition } from '../../shared/geometry/lattice';
import { moveSharedVertex } from '../../shared/geometry/move-shared-vertex';
import type { AreaInput, ChangedArea } from '../../shared/geometry/trace-existing';
import type { AreaEntity, Change, Division, Grid, MicroGrid, Result } from '../../shared/model';
import { change, fail, ok, text } from '../../shared/model';
import { guardLockedGrids, lockedProblem } from '../../shared/commands/locked-grids';

/** What one drag, insert or delete in Terra Draw did to a ring, found by comparing before and after. */
export type VertexEdit =
  | { readonly kind: 'move'; readonly from: Position; readonly to: Position }
  | { readonly kind: 'insert'; readonly at: Position; readonly edge: readonly [Position, Position] }
  | { readonly kind: 'delete'; readonly at: Position }
  | { readonly kind: 'none' };

function same(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Open ring (closing vertex dropped), rounded as the shared geometry is. */
function openRing(ring: readonly Position[]): Position[] {
  const rounded = ring.map(roundPosition);
  return rounded.length > 1 && same(rounded[0]!, rounded[rounded.length - 1]!)
    ? rounded.slice(0, -1)
    : rounded;
}

/**
 * Finds the single vertex edit between two versions of a polygon's exterior ring (Terra Draw reports
 * whole geometries; the topological operations need to know which vertex moved).
 */
export function diffRing(before: readonly Position[], after: readonly Position[]): VertexEdit {
  const a = openRing(before);
  const b = openRing(after);
  if (a.length === b.length) {
    const changed = a.flatMap((p, i) => (same(p, b[i]!) ? [] : [i]));
    if (changed.length === 0) return { kind: 'none' };
    // Terra Draw may rotate the start of the ring when the first vertex moves: compare as sets too.
    if (changed.length === 1) return { kind: 'move', from: a[changed[0]!]!, to: b[changed[0]!]! };
    const gone = a.filter((p) => !b.some((q) => same(p, q)));
    const added = b.filter((q) => !a.some((p) => same(p, q)));
    if (gone.length === 1 && added.length === 1) return { kind: 'move', from: gone[0]!, to: added[0]! };
    return { kind: 'none' };
  }
  if (b.length === a.length + 1) {
    const index = b.findIndex((q) => !a.some((p) => same(p, q)));
    if (index < 0 || b.filter((q) => !a.some((p) => same(p, q))).length !== 1) return { kind: 'none' };
    const previous = b[(index - 1 + b.length) % b.length]!;
    const next = b[(index + 1) % b.length]!;
    return { kind: 'insert', at: b[index]!, edge: [previous, next] };
  }
  if (b.length === a.length - 1) {
    const gone = a.filter((p) => !b.some((q) => same(p, q)));
    return gone.length === 1 ? { kind: 'delete', at: gone[0]! } : { kind: 'none' };
  }
  return { kind: 'none' };
}

function label(entity: AreaEntity): string {
  return entity.code || entity.id;
}

/** The areas that may share vertices with an edited grid: its community's grids and the boundary. */
function neighbourhood(division: Division, edited: Grid | MicroGrid): AreaEntity[] {
  if (edited.layer === 'microgrid') {
    return [...division.microgrid.values()].filter((m) => m.parentCode === edited.parentCode);
  }
  return [...division.grid.values()].filter((g) => g.parentCode === edited.parentCode);
}

/**
 * Turns a vertex edit made in Terra Draw into a Change. With topological editing on, a moved or deleted
 * vertex moves or goes in every grid of the community that shares it, so shared edges stay identical;
 * an inserted vertex (Terra Draw's midpoint) goes into every grid that has that edge. With it off, only
 * the edited grid changes. A locked grid's vertices do not move: editing a locked grid, or moving or
 * deleting a vertex it shares, is refused with its name (an inserted vertex leaves its outline as it is).
 */
export function vertexEditChange(
  division: Division,
  edited: Grid | MicroGrid,
  after: Polygon,
  topological: boolean,
  note: string,
): Result<Change> {
  if (edited.geometry.type !== 'Polygon') {
    return fail({
      kind: 'multipart',
      message: text(
        '多部件网格不能直接编辑顶点，请先拆分。',
        'Vertices of a multipart grid cannot be edited: split it first.',
      ),
    });
  }
  if (edited.layer === 'grid' && edited.locked) return fail(lockedProblem(edited, 'edit-vertices'));
  const edit = diffRing(edited.geometry.coordinates[0]!, after.coordinates[0]!);
  if (edit.kind === 'none') return ok(change(note));
  const areas: AreaInput[] = (topological ? neighbourhood(division, edited) : [edited]).map((entity) => ({
    id: entity.id,
    geometry: entity.geometry,
    label: label(entity),
  }));
  let changed: Result<readonly ChangedArea[]>;
  if (edit.kind === 'move') {
    // A vertex Terra Draw inserted and then moved is new to the neighbours: move only where it exists.
    changed = moveSharedVertex(areas, edit.from, edit.to);
  } else if (edit.kind === 'delete') {
    changed = deleteVertex(areas, edit.at);
  } else {
    // Every grid with that edge gains the vertex, so the shared edge stays shared when it is dragged.
    const inserted = insertVertex(areas, edit.edge[0], edit.edge[1], edit.at);
    changed = inserted.ok ? ok(inserted.value.changed) : inserted;
  }
  if (!changed.ok) return changed;
  const byId = new Map(neighbourhood(division, edited).map((entity) => [entity.id, entity]));
  byId.set(edited.id, edited);
  const puts = changed.value.map((area) => ({ ...byId.get(area.id)!, geometry: area.geometry }));
  return edited.layer === 'grid'
    ? guardLockedGrids(division, change(note, puts), 'edit-vertices')
    : ok(change(note, puts));
}
