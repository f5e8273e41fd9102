import type { Dexie, Table, Transaction } from 'dexie';
import type {
  CensusColumns,
  CensusNumbers,
  PackedIds,
  Entity,
  EntityRef,
  ExtraProperties,
  Layer,
  ReferenceLayer,
} from '../../shared/model';
import { packIds } from '../../shared/model';
import type { VersionBodyRow, VersionKey, VersionRow } from './version-rows';
import { VERSION_TABLES } from './version-rows';

/*
 * The IndexedDB layout of GridPlan projects.
 *
 * Every table is keyed by a compound key that starts with the project id, so one project's rows are one
 * key range: loading, duplicating and deleting a project are range reads and range deletes, and no
 * separate `projectId` index has to be kept up to date on every write.
 *
 * RULE: a `version(n)` block, once released, is never edited or removed. Users' databases were created
 * by it, and Dexie replays the blocks in order to reach the current schema. A new need gets a new
 * version with an `.upgrade()` that rewrites old rows.
 */

/** Per-layer entity counts, kept on the project row so that the project list needs no other read. */
export type LayerCounts = Record<Layer, number>;

/** A project as written by schema version 1. */
export interface ProjectRowV1 {
  readonly id: string;
  readonly name: string;
  readonly ruleSetId: string;
  readonly extra: ExtraProperties;
  /** Milliseconds since the Unix epoch. */
  readonly createdAt: number;
  /** Milliseconds since the Unix epoch; changes with every saved edit, rename or meta update. */
  readonly updatedAt: number;
  readonly counts: LayerCounts;
  /**
   * Incremented with every write of census chunks, so that an in-memory index of which chunk holds
   * which point can tell that it is stale (another window, or a write that failed half way).
   */
  readonly censusRevision: number;
}

/** A project as written by the current schema (version 2). */
export interface ProjectRow extends ProjectRowV1 {
  /** Milliseconds since the Unix epoch; when the project was last loaded (v2 upgrade: = updatedAt). */
  readonly lastOpenedAt: number;
  /**
   * Incremented by every write of the division or its history (edits, undos, redos, imports). A window
   * writes only when the revision is the one it loaded (optimistic concurrency): a stale window is
   * refused instead of overwriting another's edits. Absent in rows written before it existed: 0.
   */
  readonly editRevision?: number;
  /**
   * EPSG code of the CGCS2000 Gauss-Kruger zone the project's data was imported from (`DivisionMeta`).
   * Not indexed, so no schema version: rows written before it simply lack it.
   */
  readonly sourceZoneEpsg?: number;
}

/** One township, community, grid or micro-grid. Census points live in {@link CensusChunkRow}s. */
export interface EntityRow {
  readonly projectId: string;
  readonly layer: Exclude<Layer, 'census'>;
  readonly id: string;
  readonly entity: Entity;
}
export type EntityKey = [projectId: string, layer: Layer, id: string];

/** Census chunk rows as schema versions 1–4 wrote them: the ids as an array of strings. */
export interface CensusChunkRowV4 extends CensusColumns {
  readonly projectId: string;
  readonly chunk: number;
}

/**
 * Up to `CENSUS_CHUNK_SIZE` (5,000) census points of one project. `chunk` orders the chunks. Since v5
 * the ids are packed into one string (`PackedIds`): a project of a million points reads back 200
 * strings instead of a million, and opens with its ids still packed (bench/app-open-bench.ts).
 */
export interface CensusChunkRow extends CensusNumbers, PackedIds {
  readonly projectId: string;
  readonly chunk: number;
}
export type CensusChunkKey = [projectId: string, chunk: number];

export type HistoryStack = 'undo' | 'redo';

/**
 * One entry of a project's undo or redo stack: a `Change` with its census points stored as
 * columns (the inverse of an import may hold a million of them). `seq` grows towards the top of the stack.
 */
export interface HistoryRow {
  readonly projectId: string;
  readonly stack: HistoryStack;
  readonly seq: number;
  readonly note: string;
  /** Puts of every layer but census, in their original order. */
  readonly put: readonly Entity[];
  /** Deletes of every layer but census, in their original order. */
  readonly delete: readonly EntityRef[];
  readonly censusPut?: CensusColumns;
  readonly censusDelete?: readonly string[];
}
export type HistoryKey = [projectId: string, stack: HistoryStack, seq: number];

/** A per-project setting (v2): field mappings, basemap choice and the like, remembered per project. */
export interface SettingRow {
  readonly projectId: string;
  readonly key: string;
  /** Anything structured-cloneable; the reader checks its shape. */
  readonly value: unknown;
}
export type SettingKey = [projectId: string, key: string];

/**
 * One reference layer (参考图层, v3) of a project: streets, rivers, compounds... with their features.
 * One row per layer, so showing, hiding or renaming one is a single put.
 */
export interface ReferenceLayerRow {
  readonly projectId: string;
  readonly id: string;
  /** Milliseconds since the Unix epoch; the panel lists layers in the order they were added. */
  readonly addedAt: number;
  readonly layer: ReferenceLayer;
}
export type ReferenceLayerKey = [projectId: string, id: string];

/** The database with its tables as of the current schema. */
export type GridPlanDatabase = Dexie & {
  projects: Table<ProjectRow, string>;
  entities: Table<EntityRow, EntityKey>;
  censusChunks: Table<CensusChunkRow, CensusChunkKey>;
  history: Table<HistoryRow, HistoryKey>;
  settings: Table<SettingRow, SettingKey>;
  referenceLayers: Table<ReferenceLayerRow, ReferenceLayerKey>;
  // v4: submitted versions (版本), see version-rows.ts
  versions: Table<VersionRow, VersionKey>;
  versionBodies: Table<VersionBodyRow, VersionKey>;
};

/** The schema version that {@link declareSchema} reaches by default. */
export const CURRENT_SCHEMA_VERSION = 5;

/** Fills `lastOpenedAt` of projects written by version 1, so "recently opened" has a value to sort by. */
async function upgradeToVersion2(transaction: Transaction): Promise<void> {
  await transaction
    .table<ProjectRowV1 & { lastOpenedAt?: number }, string>('projects')
    .toCollection()
    .modify((project) => {
      project.lastOpenedAt ??= project.updatedAt;
    });
}

/** A chunk row as stored: in the current shape, or as versions 1–4 wrote it. */
type StoredChunkRow = CensusChunkRowV4 | CensusChunkRow;

/** True for a chunk row written by versions 1–4 (its ids an array of strings). */
function isV4ChunkRow(row: StoredChunkRow): row is CensusChunkRowV4 {
  return 'ids' in row && Array.isArray(row.ids);
}

/**
 * A chunk row in the current shape: a row of versions 1–4 with its ids packed, any other as it is.
 * Version 5's upgrade packs every row, but Dexie 4 lets an older release open a newer database as it is
 * (see README), and a release before v5 writes rows of the old shape into it after the upgrade has run:
 * so every read of chunk rows goes through this.
 */
export function currentChunkRow(row: StoredChunkRow): CensusChunkRow {
  if (!isV4ChunkRow(row)) return row;
  const { ids, ...rest } = row;
  return { ...rest, ...packIds(ids) };
}

/** Packs the ids of every census chunk written by versions 1–4 (v5, {@link CensusChunkRow}). */
async function upgradeToVersion5(transaction: Transaction): Promise<void> {
  const chunks = transaction.table<StoredChunkRow, [string, number]>('censusChunks');
  await chunks.toCollection().modify((row, ctx) => {
    if (isV4ChunkRow(row)) ctx.value = currentChunkRow(row);
  });
}

/**
 * Declares the schema versions 1..`upTo` on a fresh Dexie instance. Production code always uses the
 * default; tests pass 1 to write a database exactly as the first release did and then upgrade it.
 */
export function declareSchema(db: Dexie, upTo: number = CURRENT_SCHEMA_VERSION): void {
  // Version 1 (first release). NEVER EDIT: databases on users' machines were created by it.
  db.version(1).stores({
    projects: 'id, updatedAt',
    entities: '[projectId+layer+id]',
    censusChunks: '[projectId+chunk]',
    history: '[projectId+stack+seq]',
  });
  if (upTo < 2) return;

  // Version 2: per-project settings, and an index on when a project was last opened. NEVER EDIT.
  db.version(2)
    .stores({
      projects: 'id, updatedAt, lastOpenedAt',
      settings: '[projectId+key]',
    })
    .upgrade(upgradeToVersion2);

  if (upTo < 3) return;

  // Version 3: reference layers (参考图层) beside the division. NEVER EDIT. A new table only: no old row
  // changes shape, so there is nothing for an .upgrade() to rewrite; old projects simply have none.
  db.version(3).stores({
    referenceLayers: '[projectId+id]',
  });

  if (upTo < 4) return;

  // Version 4: submitted versions (版本) of the division, headers apart from the frozen GeoJSON so that
  // the history list never reads a whole division. New tables only: nothing to upgrade. NEVER EDIT.
  db.version(4).stores(VERSION_TABLES);

  if (upTo < 5) return;

  // Version 5: census chunk ids packed into one string per chunk. Same tables and keys; every chunk row
  // is rewritten. NEVER EDIT.
  db.version(5).stores({}).upgrade(upgradeToVersion5);

  // Version 6 goes here, with its own .upgrade() when rows change; raise CURRENT_SCHEMA_VERSION with it.
}
