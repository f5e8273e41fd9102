import type { Feature, FeatureCollection } from 'geojson';
import type { DivisionDiff } from '../../shared/diff';
import { interiorPoint, preparePolygon } from '../../shared/geometry';
import type { AreaGeometry, Division, Grid, MicroGrid } from '../../shared/model';
import type { ReviewComment } from '../../shared/review';

/** How a diff shape is drawn: added / removed / changed (new shape), and the old outline of a change. */
export type DiffShapeKind = 'added' | 'removed' | 'changed' | 'before';

type Coded = Grid | MicroGrid;

function byCode(division: Division): Map<string, Coded> {
  const map = new Map<string, Coded>();
  for (const grid of division.grid.values()) map.set(`grid:${grid.code}`, grid);
  for (const micro of division.microgrid.values()) map.set(`microgrid:${micro.code}`, micro);
  return map;
}

/**
 * The shapes of a diff for the map: added grids from the new side, removed grids from the old side,
 * changed grids (split, merge, geometry, attributes) as their new shape with the old shapes of
 * split/merge/geometry changes as outlines. `index` is the change's row in the table.
 */
export function diffFeatures(diff: DivisionDiff, before: Division, after: Division): FeatureCollection {
  const oldByCode = byCode(before);
  const newByCode = byCode(after);
  const features: Feature[] = [];
  const add = (entity: Coded | undefined, kind: DiffShapeKind, index: number): void => {
    if (!entity) return;
    features.push({
      type: 'Feature',
      properties: { kind, index, code: entity.code },
      geometry: entity.geometry,
    });
  };
  diff.changes.forEach((change, index) => {
    const fresh = (code: string) => newByCode.get(`${change.layer}:${code}`);
    const old = (code: string) => oldByCode.get(`${change.layer}:${code}`);
    if (change.kind === 'added') change.codes.forEach((code) => add(fresh(code), 'added', index));
    else if (change.kind === 'removed') {
      const codes = change.fromCodes.length > 0 ? change.fromCodes : change.codes;
      codes.forEach((code) => add(old(code), 'removed', index));
    } else {
      change.codes.forEach((code) => add(fresh(code), 'changed', index));
      if (change.kind !== 'attributes') change.fromCodes.forEach((code) => add(old(code), 'before', index));
    }
  });
  return { type: 'FeatureCollection', features };
}

/** A point inside an area (where the map flies to for a row or a comment). */
export function pointInside(geometry: AreaGeometry): [number, number] {
  return interiorPoint(preparePolygon(geometry));
}

/** Where to look for one diff row: inside its first new shape, else its first old one. */
export function diffRowPlace(
  diff: DivisionDiff,
  index: number,
  before: Division,
  after: Division,
): [number, number] | null {
  const change = diff.changes[index];
  if (!change) return null;
  const fresh = byCode(after);
  const old = byCode(before);
  for (const code of change.codes) {
    const entity = fresh.get(`${change.layer}:${code}`);
    if (entity) return pointInside(entity.geometry);
  }
  for (const code of change.fromCodes) {
    const entity = old.get(`${change.layer}:${code}`);
    if (entity) return pointInside(entity.geometry);
  }
  return null;
}

/** Where a comment sits: its point, else inside its grid in `division`, else nowhere. */
export function commentPlace(comment: ReviewComment, division: Division): [number, number] | null {
  if (comment.at) return [comment.at[0], comment.at[1]];
  if (comment.gridCode === undefined) return null;
  for (const grid of division.grid.values())
    if (grid.code === comment.gridCode) return pointInside(grid.geometry);
  return null;
}

/** Comment pins for the map, numbered as the list numbers them (1, 2, …). */
export function commentPins(
  comments: readonly ReviewComment[],
  resolved: ReadonlySet<string>,
  division: Division,
): FeatureCollection {
  const features: Feature[] = [];
  comments.forEach((comment, index) => {
    const place = commentPlace(comment, division);
    if (!place) return;
    features.push({
      type: 'Feature',
      properties: { id: comment.id, label: String(index + 1), resolved: resolved.has(comment.id) },
      geometry: { type: 'Point', coordinates: place },
    });
  });
  return { type: 'FeatureCollection', features };
}
