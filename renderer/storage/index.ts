// The storage API the rest of the renderer uses. Only this folder imports dexie (lint enforces it).
export type {
  HistoryOp,
  LoadedProject,
  ProjectStoreOptions,
  ProjectSummary,
  ReplaceResult,
} from './project-store';
export { DEFAULT_HISTORY_LIMIT, ProjectStore, openProjectStore } from './project-store';
export type { StorageAction, StorageErrorKind, StorageProblem } from './storage-error';
export { StorageError, isStorageError } from './storage-error';
export { CENSUS_CHUNK_SIZE } from './census-columns';
export { CURRENT_SCHEMA_VERSION } from './schema';
export type { VersionInput } from './version-store';
export { VersionStore } from './version-store';
export type { StoredReply, VersionRow, VersionStatus } from './version-rows';
