import type { Change, Division, Entity, EntityRef, Layer, Result } from '../model';
import { applyChange, change, ok } from '../model';

/** One step of {@link composeCommands}: a command run on the document as the steps before left it. */
export type CommandStep = (division: Division) => Result<Change>;

/**
 * Runs commands one after another, each on the document the previous ones left (so codes given out by
 * one are taken for the next, and a vertex one gave a neighbour is there for the next), and returns them
 * as one Change: one edit in the history, undone at once. The first refusal refuses the whole.
 */
export function composeCommands(
  division: Division,
  steps: readonly CommandStep[],
  note: string,
): Result<Change> {
  let current = division;
  // The last word on each entity: what to put, or null to delete.
  const last = new Map<string, { layer: Layer; id: string; entity: Entity | null }>();
  for (const step of steps) {
    const result = step(current);
    if (!result.ok) return result;
    for (const ref of result.value.delete) last.set(`${ref.layer}\u0000${ref.id}`, { ...ref, entity: null });
    for (const entity of result.value.put)
      last.set(`${entity.layer}\u0000${entity.id}`, { layer: entity.layer, id: entity.id, entity });
    current = applyChange(current, result.value).division;
  }
  const put: Entity[] = [];
  const del: EntityRef[] = [];
  for (const { layer, id, entity } of last.values()) {
    if (entity) put.push(entity);
    // An entity made by one step and deleted by a later one never reaches the document.
    else if ((division[layer] as ReadonlyMap<string, Entity>).has(id)) del.push({ layer, id });
  }
  return ok(change(note, put, del));
}
