import type { ColumnAllocator } from '../../shared/model';
import { PLAIN_COLUMNS } from '../../shared/model';

/**
 * Census columns in shared memory: the window and its workers (validation, census tiles, sketch,
 * divide, print) then read the same bytes, where each worker used to get its own copy of every column
 * (at a million points, 0.1 s of the window's thread per copy in a quiet Chromium and several times
 * that under load, and 36 MB each). `SharedArrayBuffer` exists only in a cross-origin-isolated page:
 * every server of the app sends the headers that make it one (scripts/start.mjs, electron/app-protocol.ts,
 * vite.config.ts). Where a page is served without them, the columns are copied as before.
 *
 * Shared columns are never written after they are made (a census edit makes new columns), and they never
 * go where shared memory may not (IndexedDB, BroadcastChannel, Blob): stored rows are made from points.
 */
export function sharedMemoryAvailable(): boolean {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;
}

/** Columns over `SharedArrayBuffer`s (only where {@link sharedMemoryAvailable}, or in Node). */
export const SHARED_COLUMNS: ColumnAllocator = {
  float64: (length) => new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT)),
  uint32: (length) => new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT)),
};

/** Where the window makes the census columns it reads from its store. */
export function windowColumns(): ColumnAllocator {
  return sharedMemoryAvailable() ? SHARED_COLUMNS : PLAIN_COLUMNS;
}

/** True when the column's bytes are shared memory. */
export function isShared(column: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && column.buffer instanceof SharedArrayBuffer;
}

/**
 * A column as it goes to a worker with `postMessage`: itself when it is shared memory (the worker reads
 * the same bytes), else a copy whose buffer is added to `transfer` (handed over: one memcpy, where a
 * structured clone serialises the column and copies it again on the other side).
 */
export function handOver<T extends Float64Array | Uint32Array>(column: T, transfer: Transferable[]): T {
  if (isShared(column)) return column;
  const copy = column.slice() as T;
  transfer.push(copy.buffer as ArrayBuffer);
  return copy;
}
