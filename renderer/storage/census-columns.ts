import type { CensusColumns, CensusPoint } from '../../shared/model';
import { encodeCensus, packIds, unpackIds } from '../../shared/model';
import type { CensusChunkRow } from './schema';

/**
 * Census points as stored: runs of columns (shared/model/census-columns.ts), ids packed (schema v5). IndexedDB clones typed arrays
 * as single blocks, which is why a few large rows are written ~70× faster than one object per point
 * (stack-notes: 100k rows ~5 s, chunks ~0.07 s).
 */

/** Points per stored chunk: big enough to make writes cheap, small enough that one edit rewrites little. */
export const CENSUS_CHUNK_SIZE = 5000;

/** Splits points into runs of at most `size`, in order. */
export function splitIntoChunks<T>(items: readonly T[], size: number = CENSUS_CHUNK_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** The chunk row of `points`. */
export function chunkRow(projectId: string, chunk: number, points: readonly CensusPoint[]): CensusChunkRow {
  const { ids, ...numbers } = encodeCensus(points);
  return { projectId, chunk, ...numbers, ...packIds(ids) };
}

/** A chunk's points as columns with their ids (a commit that rewrites it, an import's inverse). */
export function chunkColumns(row: CensusChunkRow): CensusColumns {
  const { lon, lat, households, population, details } = row;
  return { ids: unpackIds(row), lon, lat, households, population, details };
}
