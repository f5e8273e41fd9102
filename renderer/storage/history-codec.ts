import type { CensusPoint, Change, Entity, EntityRef } from '../../shared/model';
import { decodeCensus, encodeCensus } from '../../shared/model';
import type { HistoryRow, HistoryStack } from './schema';

/** The part of a {@link HistoryRow} that comes from the change itself. */
export type EncodedChange = Omit<HistoryRow, 'projectId' | 'stack' | 'seq'>;

/**
 * Stores a change with its census puts as columns and its census deletes as bare ids, so that the
 * history of a large import costs about what its census chunks cost.
 */
export function encodeChange(change: Change): EncodedChange {
  const put: Entity[] = [];
  const censusPut: CensusPoint[] = [];
  for (const entity of change.put) {
    if (entity.layer === 'census') censusPut.push(entity);
    else put.push(entity);
  }
  const deletes: EntityRef[] = [];
  const censusDelete: string[] = [];
  for (const ref of change.delete) {
    if (ref.layer === 'census') censusDelete.push(ref.id);
    else deletes.push(ref);
  }
  return {
    note: change.note,
    put,
    delete: deletes,
    ...(censusPut.length > 0 ? { censusPut: encodeCensus(censusPut) } : {}),
    ...(censusDelete.length > 0 ? { censusDelete } : {}),
  };
}

/**
 * Rebuilds a change stored by {@link encodeChange}. Census puts and deletes come after those of the
 * other layers; the order inside each layer is kept. Changes key entities by layer and id, so the
 * rebuilt change has exactly the same effect under `applyChange`.
 */
export function decodeChange(row: EncodedChange): Change {
  const put: Entity[] = [...row.put];
  // A loop, not push(...points): spreading a million arguments overflows the stack.
  if (row.censusPut) for (const point of decodeCensus(row.censusPut)) put.push(point);
  const deletes: EntityRef[] = [...row.delete];
  if (row.censusDelete) for (const id of row.censusDelete) deletes.push({ layer: 'census', id });
  return { put, delete: deletes, note: row.note };
}

/** A history row for `change` at position `seq` of a stack. */
export function historyRow(projectId: string, stack: HistoryStack, seq: number, change: Change): HistoryRow {
  return { projectId, stack, seq, ...encodeChange(change) };
}
