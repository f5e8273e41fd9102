import type { Division, Entity, EntityRef, Layer } from './types';
import { LAYERS } from './types';

/**
 * An edit as data: entities to put (insert or replace, by layer and id), entities to delete, and a note
 * that the history shows ("拆分网格 510302001001001"). Applying a change returns its inverse, so undo and
 * redo are two stacks of changes.
 */
export interface Change {
  readonly put: readonly Entity[];
  readonly delete: readonly EntityRef[];
  readonly note: string;
}

/** The outcome of {@link applyChange}: the new document and the change that undoes this one. */
export interface Applied {
  readonly division: Division;
  readonly inverse: Change;
}

/** Builds a change. */
export function change(note: string, put: readonly Entity[] = [], del: readonly EntityRef[] = []): Change {
  return { put, delete: del, note };
}

/** True when a change does nothing. */
export function isEmptyChange(c: Change): boolean {
  return c.put.length === 0 && c.delete.length === 0;
}

/**
 * Applies a change without touching the input document (maps of the layers it touches are copied).
 * Deletes are applied before puts, so a change may delete and re-put the same entity. The inverse
 * restores exactly the previous entities: applying it to the result gives back an equal document.
 */
export function applyChange(division: Division, c: Change): Applied {
  const touched = new Set<Layer>();
  for (const ref of c.delete) touched.add(ref.layer);
  for (const entity of c.put) touched.add(entity.layer);

  const maps = new Map<Layer, Map<string, Entity>>();
  for (const layer of touched) {
    maps.set(layer, new Map(division[layer] as ReadonlyMap<string, Entity>));
  }
  // What each touched key held before this change: the inverse puts these back or deletes the key.
  const before = new Map<string, { layer: Layer; id: string; entity: Entity | undefined }>();
  const remember = (layer: Layer, id: string): void => {
    const key = `${layer}\u0000${id}`;
    if (!before.has(key)) before.set(key, { layer, id, entity: maps.get(layer)?.get(id) });
  };

  for (const ref of c.delete) {
    remember(ref.layer, ref.id);
    maps.get(ref.layer)?.delete(ref.id);
  }
  for (const entity of c.put) {
    remember(entity.layer, entity.id);
    maps.get(entity.layer)?.set(entity.id, entity);
  }

  const inversePut: Entity[] = [];
  const inverseDelete: EntityRef[] = [];
  for (const { layer, id, entity } of before.values()) {
    if (entity) inversePut.push(entity);
    else inverseDelete.push({ layer, id });
  }

  const next: Record<string, unknown> = { ...division };
  for (const layer of LAYERS) {
    const map = maps.get(layer);
    if (map) next[layer] = map;
  }
  return {
    division: next as unknown as Division,
    inverse: { put: inversePut, delete: inverseDelete, note: c.note },
  };
}

/**
 * How a store's commit moves the history. `inverse` is always the inverse of the change
 * being committed, as returned by `applyChange(division, change)`:
 * - `edit`: a new edit. `inverse` is pushed on the undo stack; the redo stack is cleared.
 * - `undo`: the change is the top of the undo stack. It is popped; `inverse` is pushed on the redo stack.
 * - `redo`: the change is the top of the redo stack. It is popped; `inverse` is pushed on the undo stack.
 */
export type HistoryOp =
  | { readonly kind: 'edit'; readonly inverse: Change }
  | { readonly kind: 'undo'; readonly inverse: Change }
  | { readonly kind: 'redo'; readonly inverse: Change };
