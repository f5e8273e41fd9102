import type { Table } from 'dexie';
import { Dexie } from 'dexie';
import type {
  CensusPoint,
  Change,
  Division,
  DivisionMeta,
  Entity,
  EntityRef,
  HistoryOp,
  Layer,
  PackedIds,
  ReferenceLayer,
} from '../../shared/model';
import {
  ColumnarCensus,
  concatCensus,
  concatCensusNumbers,
  concatPackedIds,
  countByLayer,
  decodeCensus,
  entitiesOf,
  text,
  unpackIds,
} from '../../shared/model';
import { windowColumns } from '../platform/shared-columns';
import { CENSUS_CHUNK_SIZE, chunkColumns, chunkRow, splitIntoChunks } from './census-columns';
import { decodeChange, historyRow } from './history-codec';
import type {
  CensusChunkRow,
  EntityKey,
  EntityRow,
  GridPlanDatabase,
  HistoryKey,
  HistoryRow,
  HistoryStack,
  LayerCounts,
  ProjectRow,
} from './schema';
import { currentChunkRow, declareSchema } from './schema';
import type { StorageAction } from './storage-error';
import { StorageError, toStorageError } from './storage-error';
import { VersionStore } from './version-store';
import { markOpening } from '../platform/opening-marks';

/** What the project list shows, read from one row per project. */
export interface ProjectSummary {
  readonly id: string;
  readonly name: string;
  readonly ruleSetId: string;
  /** Milliseconds since the Unix epoch. */
  readonly createdAt: number;
  /** Milliseconds since the Unix epoch: the last saved edit, undo, redo, import, rename or meta update. */
  readonly updatedAt: number;
  /** Milliseconds since the Unix epoch: the last {@link ProjectStore.loadProject}. */
  readonly lastOpenedAt: number;
  readonly counts: Readonly<Record<Layer, number>>;
  /** EPSG code of the Gauss-Kruger zone the project's data was imported from (`DivisionMeta`). */
  readonly sourceZoneEpsg?: number;
}

/**
 * A project as loaded: its division and its undo/redo stacks, each in order with the top last.
 * Map order inside the division is not the order of editing: area layers come sorted by id, census
 * points in stored chunk order.
 */
export interface LoadedProject {
  readonly summary: ProjectSummary;
  /** The project's edit revision when it was read: what {@link ProjectStore.commit} expects next. */
  readonly revision: number;
  readonly division: Division;
  readonly undo: readonly Change[];
  readonly redo: readonly Change[];
}

export type { HistoryOp } from '../../shared/model';

/** The outcome of {@link ProjectStore.replaceDivision}. */
export interface ReplaceResult {
  readonly summary: ProjectSummary;
  /**
   * The change that turned the old entities into the new ones (deletes of vanished ids, puts of all).
   * Its inverse is now on top of the stored undo stack.
   */
  readonly change: Change;
  /** The project's edit revision after the replacement (what a window announces to the others). */
  readonly revision: number;
}

/** Options of {@link openProjectStore}. The defaults are what the app uses; tests change them. */
export interface ProjectStoreOptions {
  /** Entries kept per stack (undo and redo each); the oldest are dropped. Default 500, at least 1. */
  readonly historyLimit?: number;
  /** The clock, in milliseconds since the Unix epoch. Default `Date.now`. */
  readonly now?: () => number;
  /** Another window upgraded the database: this one has closed its connection and must reload. */
  readonly onVersionChange?: () => void;
  /** This window's upgrade waits for other windows still on the old version to close. */
  readonly onBlocked?: () => void;
  /** Makes a new project id. Default `crypto.randomUUID`. */
  readonly newId?: () => string;
  /**
   * Census points per chunk written from now on. Default {@link CENSUS_CHUNK_SIZE}; tests use tiny
   * chunks to cross chunk boundaries with few points. Chunks already stored keep their size.
   */
  readonly censusChunkSize?: number;
}

/** Default number of entries per history stack. */
export const DEFAULT_HISTORY_LIMIT = 500;

/**
 * Which chunk holds which census point of a project, valid for one `censusRevision`. The map from id to
 * chunk is built on first use ({@link chunkOfIds}) from the ids of the chunks read: a project opens
 * without hashing a million ids (1.7 s of the window's thread at 1,000,000 points,
 * bench/app-open-bench.ts), and only the first census edit pays for it, still without re-reading chunks.
 */
interface CensusIndex {
  revision: number;
  /** Built from `unindexed` on first use, then kept up to date by each commit. */
  chunkOf: Map<string, number> | undefined;
  /** The ids of each chunk as read (packed), until `chunkOf` is built from them. */
  unindexed: readonly { readonly chunk: number; readonly ids: PackedIds }[];
  readonly sizes: Map<number, number>;
}

/** The index's map from census id to chunk, built from the chunks' ids the first time it is needed. */
function chunkOfIds(index: CensusIndex): Map<string, number> {
  if (!index.chunkOf) {
    const chunkOf = new Map<string, number>();
    for (const { chunk, ids } of index.unindexed) for (const id of unpackIds(ids)) chunkOf.set(id, chunk);
    index.chunkOf = chunkOf;
    index.unindexed = [];
  }
  return index.chunkOf;
}

/** What a commit did to the census chunks, applied to the cached index only once the commit is durable. */
interface CensusIndexUpdate {
  readonly index: CensusIndex;
  readonly fromRevision: number;
  readonly toRevision: number;
  readonly before: ReadonlyMap<number, readonly string[]>;
  readonly after: ReadonlyMap<number, readonly string[]>;
}

type AreaLayer = Exclude<Layer, 'census'>;

const keyOf = (layer: Layer, id: string): string => `${layer}\u0000${id}`;

function summaryOf(row: ProjectRow): ProjectSummary {
  return {
    id: row.id,
    name: row.name,
    ruleSetId: row.ruleSetId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastOpenedAt: row.lastOpenedAt,
    counts: { ...row.counts },
    ...(row.sourceZoneEpsg !== undefined ? { sourceZoneEpsg: row.sourceZoneEpsg } : {}),
  };
}

function entityRow(projectId: string, entity: Exclude<Entity, CensusPoint>): EntityRow {
  return { projectId, layer: entity.layer, id: entity.id, entity };
}

function chunkRows(projectId: string, points: readonly CensusPoint[], chunkSize: number): CensusChunkRow[] {
  return splitIntoChunks(points, chunkSize).map((run, offset) => chunkRow(projectId, offset, run));
}

/**
 * The census that joined chunks are: no point object is made until one is asked for, and the ids stay
 * packed (one string) until one is. They are distinct by construction (chunks are written from a census
 * map, and a commit replaces a point in the chunk that holds it), so they are not hashed to check it
 * when a project opens. In shared memory where the page allows it, so the workers read these very
 * columns (shared-columns.ts).
 */
function censusFrom(chunks: readonly CensusChunkRow[]): ReadonlyMap<string, CensusPoint> {
  const columns = windowColumns();
  return ColumnarCensus.ofPacked(concatCensusNumbers(chunks, columns), concatPackedIds(chunks, columns));
}

function divisionFrom(
  row: ProjectRow,
  entityRows: readonly EntityRow[],
  census: ReadonlyMap<string, CensusPoint>,
): Division {
  const maps: Record<Layer, Map<string, Entity>> = {
    township: new Map(),
    community: new Map(),
    grid: new Map(),
    microgrid: new Map(),
    census: new Map(),
  };
  for (const { entity } of entityRows) maps[entity.layer].set(entity.id, entity);
  // The cast is sound: each map was filled by `entity.layer`, so it holds only that layer's entities.
  const areas = maps as Omit<Division, 'meta' | 'census'>;
  const meta: DivisionMeta = {
    name: row.name,
    ruleSetId: row.ruleSetId,
    ...(row.sourceZoneEpsg !== undefined ? { sourceZoneEpsg: row.sourceZoneEpsg } : {}),
    extra: row.extra,
  };
  return { meta, ...areas, census };
}

/** Census chunks read back at a time (a million points: about 4 MB, some 30 ms of the window's thread). */
const CENSUS_READ_BATCH = 20;

/** A key range covering every row of one project in a table keyed `[projectId+...]`. */
function projectRange(projectId: string): [lower: [string, number], upper: [string, unknown]] {
  // minKey (−Infinity) sorts before any string or number, maxKey ([[]]) after: the range is the project.
  return [
    [projectId, Dexie.minKey],
    [projectId, Dexie.maxKey],
  ];
}

/**
 * Projects in IndexedDB: list, create, load, rename, duplicate, delete, and commit edits with their
 * undo/redo history. Every method that writes does so in one read-write transaction: it either all
 * happens or, on any failure (full disk, closed database, uncloneable data), nothing does and the
 * method rejects with a {@link StorageError} whose `problem.message` the planner can read.
 *
 * Get one with {@link openProjectStore}.
 */
export class ProjectStore {
  readonly #db: GridPlanDatabase;
  readonly #historyLimit: number;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #chunkSize: number;
  /** Per project; a cache only: rebuilt from the chunks whenever its revision is not the stored one. */
  readonly #censusIndexes = new Map<string, CensusIndex>();
  /** Submitted versions (版本) of the projects, schema v4: see version-store.ts. */
  readonly versions: VersionStore;
  /** A read started by {@link ProjectStore.prefetchProject}, for the next `loadProjectAreas` of its id. */
  #prefetched: { readonly id: string; readonly loading: Promise<LoadedProject> } | undefined;

  /** @internal Use {@link openProjectStore}. */
  constructor(db: GridPlanDatabase, options: ProjectStoreOptions = {}) {
    this.#db = db;
    this.#historyLimit = Math.max(1, Math.floor(options.historyLimit ?? DEFAULT_HISTORY_LIMIT));
    this.#now = options.now ?? (() => Date.now());
    this.versions = new VersionStore(db, this.#now);
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#chunkSize = Math.max(1, Math.floor(options.censusChunkSize ?? CENSUS_CHUNK_SIZE));
  }

  /** The database name this store works on. */
  get name(): string {
    return this.#db.name;
  }

  /** Closes the database connection. The store cannot be used afterwards. */
  close(): void {
    this.#db.close();
  }

  /** True when there is no project at all (first start: the app may create the demo project). */
  async isEmpty(): Promise<boolean> {
    return this.#read(async () => (await this.#db.projects.count()) === 0);
  }

  /** Every project, most recently updated first. */
  async listProjects(): Promise<ProjectSummary[]> {
    return this.#read(async () => {
      const rows = await this.#db.projects.orderBy('updatedAt').reverse().toArray();
      return rows.map(summaryOf);
    });
  }

  /** Stores a new project holding the division's meta and all its entities, with empty history. */
  /**
   * Creates the first project unless one exists, atomically: the count and the creation are one
   * transaction, so two windows opened together at first start make one demo project, not two.
   * Resolves to the new project, or undefined when there already was one.
   */
  async createFirstProject(division: Division): Promise<ProjectSummary | undefined> {
    return this.#create(division, true);
  }

  /** Creates a project from a division (a new project, an import, the demo). */
  async createProject(division: Division): Promise<ProjectSummary> {
    return (await this.#create(division, false))!;
  }

  async #create(division: Division, onlyIfNone: boolean): Promise<ProjectSummary | undefined> {
    const now = this.#now();
    const id = this.#newId();
    const row: ProjectRow = {
      id,
      name: division.meta.name,
      ruleSetId: division.meta.ruleSetId,
      ...(division.meta.sourceZoneEpsg !== undefined ? { sourceZoneEpsg: division.meta.sourceZoneEpsg } : {}),
      extra: division.meta.extra,
      createdAt: now,
      updatedAt: now,
      lastOpenedAt: now,
      counts: countByLayer(division),
      censusRevision: 0,
    };
    // Rows are built before the transaction starts, so that it only writes.
    const areaRows = this.#areaRows(id, division);
    const chunks = chunkRows(id, [...division.census.values()], this.#chunkSize);
    const db = this.#db;
    const created = await this.#write('save', [db.projects, db.entities, db.censusChunks], async () => {
      if (onlyIfNone && (await db.projects.count()) > 0) return false;
      await db.projects.add(row);
      await db.entities.bulkAdd(areaRows);
      await db.censusChunks.bulkAdd(chunks);
      return true;
    });
    return created ? summaryOf(row) : undefined;
  }

  /**
   * Starts reading a project now, for the next {@link ProjectStore.loadProjectAreas} of the same id to
   * take: the window starts reading the project it opens at start before React and the map are set up,
   * so the read runs while they are (bench/app-open-bench.ts). Only the next read of that id takes it,
   * and only if nothing was written through this store since; any other load reads again.
   */
  prefetchProject(id: string): void {
    const loading = this.#readProject(id, false);
    // Whoever takes it sees a failure; a prefetch nobody takes must not be an unhandled rejection.
    loading.catch(() => undefined);
    this.#prefetched = { id, loading };
  }

  /** Loads a project's division and history, and records that it was opened. Rejects `not-found`. */
  loadProject(id: string): Promise<LoadedProject> {
    return this.#readProject(id, true);
  }

  /**
   * Loads a project as {@link ProjectStore.loadProject} does but without its census points (the
   * division's census is empty): the areas, the meta and the history, read in a fraction of the time of
   * a million points. Read the census with {@link ProjectStore.loadCensus} at the revision given here.
   */
  loadProjectAreas(id: string): Promise<LoadedProject> {
    const prefetched = this.#prefetched;
    this.#prefetched = undefined;
    return prefetched?.id === id ? prefetched.loading : this.#readProject(id, false);
  }

  /**
   * The census points of a project whose areas {@link ProjectStore.loadProjectAreas} read at `revision`,
   * or undefined when the project was written since (another window's edit): the areas read then are
   * no longer the stored ones, so load the project whole again. Rejects `not-found`.
   */
  async loadCensus(id: string, revision: number): Promise<ReadonlyMap<string, CensusPoint> | undefined> {
    const db = this.#db;
    markOpening('census-read-start');
    const stored = await this.#transaction('load', 'r', [db.projects, db.censusChunks], async () => {
      const row = await this.#projectRow(id, 'load');
      if ((row.editRevision ?? 0) !== revision) return undefined;
      return { row, chunks: await this.#chunkRows(id) };
    });
    if (!stored) return undefined;
    this.#indexChunks(id, stored.row.censusRevision, stored.chunks);
    const census = censusFrom(stored.chunks);
    markOpening('census-read');
    return census;
  }

  /** A project read in one transaction (a consistent snapshot), with its census points or without. */
  async #readProject(id: string, withCensus: boolean): Promise<LoadedProject> {
    const db = this.#db;
    const [range0, range1] = projectRange(id);
    markOpening('project-read-start');
    // A read-only transaction: one consistent snapshot, and no write lock held during a long read.
    const stored = await this.#transaction(
      'load',
      'r',
      [db.projects, db.entities, db.censusChunks, db.history],
      async () => {
        const row = await this.#projectRow(id, 'load');
        const entityRows = await db.entities.where('[projectId+layer+id]').between(range0, range1).toArray();
        const chunks = withCensus ? await this.#chunkRows(id) : [];
        const undo = await this.#stackRows(id, 'undo');
        const redo = await this.#stackRows(id, 'redo');
        return { row, entityRows, chunks, undo, redo };
      },
    );
    markOpening('project-read');
    const lastOpenedAt = this.#now();
    try {
      // `update`, not `put`: it never brings back a project deleted since the read.
      await db.projects.update(id, { lastOpenedAt });
    } catch {
      // Only the "recently opened" order is lost; a full disk must not stop a planner opening a project.
    }
    const row: ProjectRow = { ...stored.row, lastOpenedAt };
    // The chunks are at hand: keeping their ids for the index spares the first census edit a full
    // re-read of the chunks (~1 s per million points); the index itself is built by that edit.
    if (withCensus) this.#indexChunks(id, row.censusRevision, stored.chunks);
    const division = divisionFrom(row, stored.entityRows, censusFrom(stored.chunks));
    markOpening('division-built');
    return {
      summary: summaryOf(row),
      revision: row.editRevision ?? 0,
      division,
      undo: stored.undo.map(decodeChange),
      redo: stored.redo.map(decodeChange),
    };
  }

  /** Renames a project (its `meta.name`). Not part of the undo history. */
  async renameProject(id: string, name: string): Promise<ProjectSummary> {
    return this.updateMeta(id, { name });
  }

  /**
   * Updates the project's meta (name, rule set, foreign members). Meta is not part of a
   * {@link Change}, so this is not recorded in the undo history.
   */
  async updateMeta(id: string, meta: Partial<DivisionMeta>): Promise<ProjectSummary> {
    const db = this.#db;
    return this.#write('save', [db.projects], async () => {
      const row = await this.#projectRow(id, 'save');
      const next: ProjectRow = {
        ...row,
        ...(meta.name !== undefined ? { name: meta.name } : {}),
        ...(meta.ruleSetId !== undefined ? { ruleSetId: meta.ruleSetId } : {}),
        ...(meta.sourceZoneEpsg !== undefined ? { sourceZoneEpsg: meta.sourceZoneEpsg } : {}),
        ...(meta.extra !== undefined ? { extra: meta.extra } : {}),
        updatedAt: this.#now(),
      };
      await db.projects.put(next);
      return summaryOf(next);
    });
  }

  /**
   * Copies a project, history, settings, reference layers and submitted versions (版本, with their frozen
   * divisions and replies) included, under a new id: a copy is the whole project, so the copy's history
   * list shows what was submitted and filed, and its next version continues the numbering.
   * @param name the copy's name; default: the original's name followed by "（副本）".
   */
  async duplicateProject(id: string, name?: string): Promise<ProjectSummary> {
    const db = this.#db;
    const [range0, range1] = projectRange(id);
    const copyId = this.#newId();
    return this.#write(
      'save',
      [
        db.projects,
        db.entities,
        db.censusChunks,
        db.history,
        db.settings,
        db.referenceLayers,
        db.versions,
        db.versionBodies,
      ],
      async () => {
        const row = await this.#projectRow(id, 'save');
        const entityRows = await db.entities.where('[projectId+layer+id]').between(range0, range1).toArray();
        const chunks = await this.#chunkRows(id);
        const history = await db.history.where('[projectId+stack+seq]').between(range0, range1).toArray();
        const settings = await db.settings.where('[projectId+key]').between(range0, range1).toArray();
        const references = await db.referenceLayers.where('[projectId+id]').between(range0, range1).toArray();
        const versions = await db.versions.where('[projectId+number]').between(range0, range1).toArray();
        const bodies = await db.versionBodies.where('[projectId+number]').between(range0, range1).toArray();
        const now = this.#now();
        const copy: ProjectRow = {
          ...row,
          id: copyId,
          name: name ?? `${row.name}（副本）`,
          createdAt: now,
          updatedAt: now,
          lastOpenedAt: now,
          censusRevision: 0,
        };
        await db.projects.add(copy);
        await db.entities.bulkAdd(entityRows.map((entry) => ({ ...entry, projectId: copyId })));
        await db.censusChunks.bulkAdd(chunks.map((chunk) => ({ ...chunk, projectId: copyId })));
        await db.history.bulkAdd(history.map((entry) => ({ ...entry, projectId: copyId })));
        await db.settings.bulkAdd(settings.map((setting) => ({ ...setting, projectId: copyId })));
        await db.referenceLayers.bulkAdd(
          references.map((reference) => ({ ...reference, projectId: copyId })),
        );
        await db.versions.bulkAdd(versions.map((version) => ({ ...version, projectId: copyId })));
        await db.versionBodies.bulkAdd(bodies.map((body) => ({ ...body, projectId: copyId })));
        return summaryOf(copy);
      },
    );
  }

  /** Deletes a project with its entities, history and settings. Rejects `not-found` if it is gone. */
  async deleteProject(id: string): Promise<void> {
    const db = this.#db;
    const [range0, range1] = projectRange(id);
    await this.#write(
      'save',
      [
        db.projects,
        db.entities,
        db.censusChunks,
        db.history,
        db.settings,
        db.referenceLayers,
        db.versions,
        db.versionBodies,
      ],
      async () => {
        await this.#projectRow(id, 'save');
        await this.versions.deleteAll(id);
        await db.entities.where('[projectId+layer+id]').between(range0, range1).delete();
        await db.censusChunks.where('[projectId+chunk]').between(range0, range1).delete();
        await db.history.where('[projectId+stack+seq]').between(range0, range1).delete();
        await db.settings.where('[projectId+key]').between(range0, range1).delete();
        await db.referenceLayers.where('[projectId+id]').between(range0, range1).delete();
        await db.projects.delete(id);
      },
    );
    this.#censusIndexes.delete(id);
  }

  /**
   * Saves one edit, undo or redo: applies `change` to the stored entities, moves the history as
   * {@link HistoryOp} says, and updates `updatedAt`, all in one transaction. Census points touched by
   * the change are rewritten in the chunks that hold them; new points go to the last chunk and new ones.
   *
   * Rejects `not-found` when the project is gone, or when `op` is `undo`/`redo` and that stack is empty.
   * Resolves to nothing (the editor session's `EditPersistence` contract); `listProjects` has the
   * new `updatedAt` and counts.
   */
  async commit(projectId: string, change: Change, op: HistoryOp, expectedRevision?: number): Promise<number> {
    const db = this.#db;
    // Everything that depends only on the arguments is computed before the transaction.
    const plan = planChange(change);
    const pushTo: HistoryStack = op.kind === 'undo' ? 'redo' : 'undo';
    const popFrom: HistoryStack | undefined = op.kind === 'edit' ? undefined : op.kind;
    const pushed = historyRow(projectId, pushTo, 0, op.inverse);

    let indexUpdate: CensusIndexUpdate | undefined;
    let revision = 0;
    await this.#write('save', [db.projects, db.entities, db.censusChunks, db.history], async () => {
      const row = await this.#projectRow(projectId, 'save');
      revision = (row.editRevision ?? 0) + 1;
      if (expectedRevision !== undefined && (row.editRevision ?? 0) !== expectedRevision) {
        throw new StorageError('stale', 'save');
      }
      if (popFrom) {
        const popKeys = await this.#stackKeys(projectId, popFrom);
        const top = popKeys.at(-1);
        if (!top) throw nothingTo(popFrom);
        await db.history.delete(top);
      }

      const counts: LayerCounts = { ...row.counts };
      await this.#applyAreaChanges(projectId, plan, counts);
      let censusRevision = row.censusRevision;
      if (plan.censusPut.size > 0 || plan.censusDelete.size > 0) {
        indexUpdate = await this.#applyCensusChanges(row, plan, counts);
        censusRevision = indexUpdate.toRevision;
      }

      if (op.kind === 'edit') await this.#clearStack(projectId, 'redo');
      await this.#push(pushed, pushTo);

      await db.projects.put({
        ...row,
        counts,
        censusRevision,
        editRevision: revision,
        updatedAt: this.#now(),
      });
    });
    if (indexUpdate) this.#applyIndexUpdate(projectId, indexUpdate);
    return revision;
  }

  /**
   * Replaces every entity of a project by those of `division` (an import), in one transaction. The
   * project's meta is kept (use {@link updateMeta} to change it): meta is not part of a change, and
   * the project name belongs to the planner, not to the imported file.
   *
   * The import is recorded as an edit (redo cleared, inverse pushed on the undo stack) rather than
   * clearing the history, because importing the wrong file is a mistake a planner must be able to
   * undo. The inverse holds every entity from before the import; its census points are copied from
   * the old chunks as columns, never rebuilt as objects, so a large import costs about twice the
   * census chunk writes. The inverse's census points come after the other layers (see `decodeChange`).
   *
   * An editor holding the old division in memory stays in step with
   * `applyChange(old, result.change)`: its inverse has the same effect as the stored one.
   *
   * @param note the history note, e.g. "导入 双河镇.geojson".
   */
  async replaceDivision(projectId: string, division: Division, note: string): Promise<ReplaceResult> {
    const db = this.#db;
    const [range0, range1] = projectRange(projectId);
    const areaRows = this.#areaRows(projectId, division);
    const chunks = chunkRows(projectId, [...division.census.values()], this.#chunkSize);
    const counts = countByLayer(division);
    const put: Entity[] = [...entitiesOf(division)];
    const summary = await this.#write(
      'save',
      [db.projects, db.entities, db.censusChunks, db.history],
      async () => {
        const row = await this.#projectRow(projectId, 'save');
        const oldRows = await db.entities.where('[projectId+layer+id]').between(range0, range1).toArray();
        const oldChunks = await this.#chunkRows(projectId);
        // Pure computation between the reads and the writes: no await, so the transaction stays alive.
        const { change, inverse } = replacement(projectId, division, put, note, oldRows, oldChunks);
        const revision = (row.editRevision ?? 0) + 1;

        await db.entities.where('[projectId+layer+id]').between(range0, range1).delete();
        await db.censusChunks.where('[projectId+chunk]').between(range0, range1).delete();
        await db.entities.bulkAdd(areaRows);
        await db.censusChunks.bulkAdd(chunks);
        await this.#clearStack(projectId, 'redo');
        await this.#push(inverse, 'undo');
        const next: ProjectRow = {
          ...row,
          counts,
          censusRevision: row.censusRevision + 1,
          editRevision: revision,
          updatedAt: this.#now(),
        };
        await db.projects.put(next);
        return { summary: summaryOf(next), change, revision };
      },
    );
    this.#censusIndexes.delete(projectId);
    return summary;
  }

  /** All settings of a project (v2 `settings` table), by key. */
  async getSettings(projectId: string): Promise<Map<string, unknown>> {
    const [range0, range1] = projectRange(projectId);
    return this.#read(async () => {
      const rows = await this.#db.settings.where('[projectId+key]').between(range0, range1).toArray();
      return new Map(rows.map((row) => [row.key, row.value]));
    });
  }

  /** One setting of a project, or undefined. The value is as stored: check its shape before use. */
  async getSetting(projectId: string, key: string): Promise<unknown> {
    return this.#read(async () => (await this.#db.settings.get([projectId, key]))?.value);
  }

  /**
   * Remembers a per-project setting (field mapping, basemap, ...). `value` must be structured-cloneable.
   * Settings are preferences, not edits: `updatedAt` and the history do not change.
   */
  async setSetting(projectId: string, key: string, value: unknown): Promise<void> {
    const db = this.#db;
    await this.#write('save', [db.projects, db.settings], async () => {
      await this.#projectRow(projectId, 'save');
      await db.settings.put({ projectId, key, value });
    });
  }

  /** Forgets a per-project setting; nothing happens if it was not set. */
  async deleteSetting(projectId: string, key: string): Promise<void> {
    const db = this.#db;
    await this.#write('save', [db.settings], () => db.settings.delete([projectId, key]));
  }

  // ---- reference layers (v3) ----

  /** The project's reference layers (参考图层), in the order they were added. */
  async listReferenceLayers(projectId: string): Promise<ReferenceLayer[]> {
    const [range0, range1] = projectRange(projectId);
    return this.#read(async () => {
      const rows = await this.#db.referenceLayers.where('[projectId+id]').between(range0, range1).toArray();
      return rows.sort((a, b) => a.addedAt - b.addedAt || (a.id < b.id ? -1 : 1)).map((row) => row.layer);
    });
  }

  /**
   * Adds a reference layer or replaces the one with its id (rename, new features), keeping its place in
   * the list. Reference layers are not edits of the division: the history does not change.
   */
  async putReferenceLayer(projectId: string, layer: ReferenceLayer): Promise<void> {
    const db = this.#db;
    await this.#write('save', [db.projects, db.referenceLayers], async () => {
      await this.#projectRow(projectId, 'save');
      const old = await db.referenceLayers.get([projectId, layer.id]);
      await db.referenceLayers.put({ projectId, id: layer.id, addedAt: old?.addedAt ?? this.#now(), layer });
    });
  }

  /** Shows or hides a reference layer. Rejects `not-found` when the project or the layer is gone. */
  async setReferenceLayerVisible(projectId: string, id: string, visible: boolean): Promise<void> {
    const db = this.#db;
    await this.#write('save', [db.referenceLayers], async () => {
      const row = await db.referenceLayers.get([projectId, id]);
      if (!row) throw new StorageError('not-found', 'save');
      await db.referenceLayers.put({ ...row, layer: { ...row.layer, visible } });
    });
  }

  /** Deletes a reference layer; nothing happens if it was already gone. */
  async deleteReferenceLayer(projectId: string, id: string): Promise<void> {
    const db = this.#db;
    await this.#write('save', [db.referenceLayers], () => db.referenceLayers.delete([projectId, id]));
  }

  // ---- transactions and errors ----

  async #transaction<T>(
    action: StorageAction,
    mode: 'r' | 'rw',
    tables: Table[],
    body: () => Promise<T>,
  ): Promise<T> {
    try {
      return await this.#db.transaction(mode, tables, body);
    } catch (error) {
      throw toStorageError(error, action);
    }
  }

  #write<T>(action: StorageAction, tables: Table[], body: () => Promise<T>): Promise<T> {
    // A project read ahead may be older than what this writes: the next load reads again.
    this.#prefetched = undefined;
    return this.#transaction(action, 'rw', tables, body);
  }

  async #read<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      throw toStorageError(error, 'load');
    }
  }

  async #projectRow(id: string, action: StorageAction): Promise<ProjectRow> {
    const row = await this.#db.projects.get(id);
    if (!row) throw new StorageError('not-found', action);
    return row;
  }

  // ---- history ----

  #stackRange(projectId: string, stack: HistoryStack): [HistoryKey, HistoryKey] {
    return [
      [projectId, stack, -Infinity],
      [projectId, stack, Infinity],
    ];
  }

  /** Keys of one stack, bottom first. Keys only: entries may be large. */
  async #stackKeys(projectId: string, stack: HistoryStack): Promise<HistoryKey[]> {
    const [lower, upper] = this.#stackRange(projectId, stack);
    return this.#db.history.where('[projectId+stack+seq]').between(lower, upper, true, true).primaryKeys();
  }

  async #stackRows(projectId: string, stack: HistoryStack): Promise<HistoryRow[]> {
    const [lower, upper] = this.#stackRange(projectId, stack);
    return this.#db.history.where('[projectId+stack+seq]').between(lower, upper, true, true).toArray();
  }

  async #clearStack(projectId: string, stack: HistoryStack): Promise<void> {
    const [lower, upper] = this.#stackRange(projectId, stack);
    await this.#db.history.where('[projectId+stack+seq]').between(lower, upper, true, true).delete();
  }

  /** Pushes `entry` on top of `stack` and drops the oldest entries beyond the limit. */
  async #push(entry: HistoryRow, stack: HistoryStack): Promise<void> {
    const keys = await this.#stackKeys(entry.projectId, stack);
    const top = keys.at(-1);
    const seq = top ? top[2] + 1 : 0;
    await this.#db.history.add({ ...entry, stack, seq });
    const excess = keys.length + 1 - this.#historyLimit;
    if (excess > 0) await this.#db.history.bulkDelete(keys.slice(0, excess));
  }

  // ---- entities ----

  #areaRows(projectId: string, division: Division): EntityRow[] {
    const rows: EntityRow[] = [];
    for (const entity of entitiesOf(division)) {
      if (entity.layer !== 'census') rows.push(entityRow(projectId, entity));
    }
    return rows;
  }

  /** Writes the area-layer part of a change and adjusts `counts` by what really appeared or vanished. */
  async #applyAreaChanges(projectId: string, plan: ChangePlan, counts: LayerCounts): Promise<void> {
    const touched: EntityKey[] = [];
    for (const entity of plan.areaPut.values()) touched.push([projectId, entity.layer, entity.id]);
    for (const ref of plan.areaDelete.values()) touched.push([projectId, ref.layer, ref.id]);
    if (touched.length === 0) return;
    const existing = new Set(
      (await this.#db.entities.where('[projectId+layer+id]').anyOf(touched).primaryKeys()).map(
        ([, layer, id]) => keyOf(layer, id),
      ),
    );
    for (const [key, entity] of plan.areaPut) if (!existing.has(key)) counts[entity.layer] += 1;
    const deleteKeys: EntityKey[] = [];
    for (const [key, ref] of plan.areaDelete) {
      if (existing.has(key)) {
        counts[ref.layer] -= 1;
        deleteKeys.push([projectId, ref.layer, ref.id]);
      }
    }
    await this.#db.entities.bulkDelete(deleteKeys);
    await this.#db.entities.bulkPut([...plan.areaPut.values()].map((entity) => entityRow(projectId, entity)));
  }

  // ---- census chunks ----

  /** The cached chunk index of a project if it matches `revision`, else one rebuilt from the chunks. */
  async #censusIndex(projectId: string, revision: number): Promise<CensusIndex> {
    const cached = this.#censusIndexes.get(projectId);
    if (cached && cached.revision === revision) return cached;
    return this.#indexChunks(projectId, revision, await this.#chunkRows(projectId));
  }

  /**
   * Every census chunk of a project in order, inside the caller's transaction. Read in batches, each
   * deserialised in a task of its own: the window answers a click between them (one read of every chunk
   * of a million points was one task of 300 ms or more, just when the planner first clicks).
   */
  async #chunkRows(projectId: string): Promise<CensusChunkRow[]> {
    const [range0, range1] = projectRange(projectId);
    const chunks: CensusChunkRow[] = [];
    let after: [string, unknown] = range0;
    for (;;) {
      const batch = await this.#db.censusChunks
        .where('[projectId+chunk]')
        .between(after, range1, false, true)
        .limit(CENSUS_READ_BATCH)
        .toArray();
      for (const chunk of batch) chunks.push(currentChunkRow(chunk));
      const last = batch.at(-1);
      if (batch.length < CENSUS_READ_BATCH || !last) return chunks;
      after = [projectId, last.chunk];
    }
  }

  /** Builds and caches the chunk index from all of a project's chunks, read at `revision`. */
  #indexChunks(projectId: string, revision: number, chunks: readonly CensusChunkRow[]): CensusIndex {
    const index: CensusIndex = {
      revision,
      chunkOf: undefined,
      unindexed: chunks.map(({ chunk, idText, idEnds }) => ({ chunk, ids: { idText, idEnds } })),
      sizes: new Map(),
    };
    for (const chunk of chunks) index.sizes.set(chunk.chunk, chunk.idEnds.length);
    this.#censusIndexes.set(projectId, index);
    return index;
  }

  /**
   * Rewrites the chunks that hold deleted or replaced points, appends new points to the last chunk and
   * then to new chunks, and adjusts `counts.census`. Returns how the index changes once committed.
   */
  async #applyCensusChanges(
    row: ProjectRow,
    plan: ChangePlan,
    counts: LayerCounts,
  ): Promise<CensusIndexUpdate> {
    const db = this.#db;
    const projectId = row.id;
    const index = await this.#censusIndex(projectId, row.censusRevision);
    const chunkOf = chunkOfIds(index);

    const affected = new Set<number>();
    const removed = new Set<string>();
    const appended: CensusPoint[] = [];
    for (const id of plan.censusDelete) {
      const chunk = chunkOf.get(id);
      if (chunk !== undefined && !plan.censusPut.has(id)) {
        affected.add(chunk);
        removed.add(id);
      }
    }
    for (const [id, point] of plan.censusPut) {
      const chunk = chunkOf.get(id);
      if (chunk === undefined) appended.push(point);
      else affected.add(chunk);
    }
    const chunkSize = this.#chunkSize;
    let lastChunk = -1;
    for (const chunk of index.sizes.keys()) lastChunk = Math.max(lastChunk, chunk);
    const lastSize = index.sizes.get(lastChunk) ?? chunkSize;
    if (appended.length > 0 && lastSize < chunkSize) affected.add(lastChunk);

    const chunkNumbers = [...affected].sort((a, b) => a - b);
    const oldChunks = await db.censusChunks.bulkGet(
      chunkNumbers.map((chunk): [string, number] => [projectId, chunk]),
    );
    const before = new Map<number, readonly string[]>();
    const after = new Map<number, CensusPoint[]>();
    for (const [position, chunk] of chunkNumbers.entries()) {
      const stored = oldChunks[position];
      // The index was read in this transaction or checked against its revision: the chunk exists.
      if (!stored) throw new Error(`census chunk ${chunk} of project ${projectId} is missing`);
      const columns = chunkColumns(currentChunkRow(stored));
      before.set(chunk, columns.ids);
      const points: CensusPoint[] = [];
      for (const point of decodeCensus(columns)) {
        if (removed.has(point.id)) continue;
        points.push(plan.censusPut.get(point.id) ?? point);
      }
      after.set(chunk, points);
    }
    // New points fill the last chunk, then open new ones.
    let pending = appended;
    if (pending.length > 0 && lastSize < chunkSize) {
      const tail = after.get(lastChunk) ?? [];
      const room = chunkSize - tail.length;
      for (const point of pending.slice(0, room)) tail.push(point);
      after.set(lastChunk, tail);
      pending = pending.slice(room);
    }
    for (const run of splitIntoChunks(pending, chunkSize)) after.set(++lastChunk, run);

    const puts: CensusChunkRow[] = [];
    const deletes: [string, number][] = [];
    for (const [chunk, points] of after) {
      if (points.length === 0) deletes.push([projectId, chunk]);
      else puts.push(chunkRow(projectId, chunk, points));
    }
    await db.censusChunks.bulkDelete(deletes);
    await db.censusChunks.bulkPut(puts);
    counts.census += appended.length - removed.size;

    return {
      index,
      fromRevision: row.censusRevision,
      toRevision: row.censusRevision + 1,
      before,
      after: new Map([...after].map(([chunk, points]) => [chunk, points.map((point) => point.id)])),
    };
  }

  /** Brings the cached index up to date after a commit, unless something else replaced it meanwhile. */
  #applyIndexUpdate(projectId: string, update: CensusIndexUpdate): void {
    const index = this.#censusIndexes.get(projectId);
    if (index !== update.index || index.revision !== update.fromRevision) return;
    const chunkOf = chunkOfIds(index);
    for (const [chunk, ids] of update.before) {
      for (const id of ids) if (chunkOf.get(id) === chunk) chunkOf.delete(id);
      index.sizes.delete(chunk);
    }
    for (const [chunk, ids] of update.after) {
      for (const id of ids) chunkOf.set(id, chunk);
      if (ids.length > 0) index.sizes.set(chunk, ids.length);
    }
    index.revision = update.toRevision;
  }
}

/** A change reduced to its effect per key: the last put of a key wins, and a put overrides a delete. */
interface ChangePlan {
  readonly areaPut: Map<string, Exclude<Entity, CensusPoint>>;
  readonly areaDelete: Map<string, { readonly layer: AreaLayer; readonly id: string }>;
  readonly censusPut: Map<string, CensusPoint>;
  readonly censusDelete: Set<string>;
}

function planChange(change: Change): ChangePlan {
  const plan: ChangePlan = {
    areaPut: new Map(),
    areaDelete: new Map(),
    censusPut: new Map(),
    censusDelete: new Set(),
  };
  // Same semantics as applyChange: deletes first, then puts.
  for (const ref of change.delete) {
    if (ref.layer === 'census') plan.censusDelete.add(ref.id);
    else plan.areaDelete.set(keyOf(ref.layer, ref.id), { layer: ref.layer, id: ref.id });
  }
  for (const entity of change.put) {
    if (entity.layer === 'census') {
      plan.censusPut.set(entity.id, entity);
    } else {
      const key = keyOf(entity.layer, entity.id);
      plan.areaDelete.delete(key);
      plan.areaPut.set(key, entity);
    }
  }
  return plan;
}

/**
 * The change of an import (delete what vanished, put everything new) and, as a history row, its inverse
 * (put everything old, delete what is new), built from the stored rows without decoding old census points.
 */
function replacement(
  projectId: string,
  next: Division,
  put: readonly Entity[],
  note: string,
  oldRows: readonly EntityRow[],
  oldChunks: readonly CensusChunkRow[],
): { change: Change; inverse: HistoryRow } {
  const deletes: EntityRef[] = [];
  const oldAreas: Entity[] = [];
  const oldAreaKeys = new Set<string>();
  for (const { entity } of oldRows) {
    oldAreas.push(entity);
    oldAreaKeys.add(keyOf(entity.layer, entity.id));
    if (!(next[entity.layer] as ReadonlyMap<string, Entity>).has(entity.id))
      deletes.push({ layer: entity.layer, id: entity.id });
  }
  const oldCensusIds = new Set<string>();
  const oldCensus = concatCensus(oldChunks.map(chunkColumns));
  for (const id of oldCensus.ids) {
    oldCensusIds.add(id);
    if (!next.census.has(id)) deletes.push({ layer: 'census', id });
  }
  const inverseDeletes: EntityRef[] = [];
  const censusDelete: string[] = [];
  for (const entity of put) {
    if (entity.layer === 'census') {
      if (!oldCensusIds.has(entity.id)) censusDelete.push(entity.id);
    } else if (!oldAreaKeys.has(keyOf(entity.layer, entity.id))) {
      inverseDeletes.push({ layer: entity.layer, id: entity.id });
    }
  }
  const inverse: HistoryRow = {
    projectId,
    stack: 'undo',
    seq: 0,
    note,
    put: oldAreas,
    delete: inverseDeletes,
    ...(oldChunks.length > 0 ? { censusPut: oldCensus } : {}),
    ...(censusDelete.length > 0 ? { censusDelete } : {}),
  };
  return { change: { put, delete: deletes, note }, inverse };
}

function nothingTo(stack: HistoryStack): StorageError {
  return new StorageError('not-found', 'save', {
    message:
      stack === 'undo'
        ? text('没有可撤销的操作（撤销记录已空）。', 'There is nothing to undo (the undo history is empty).')
        : text('没有可重做的操作（重做记录已空）。', 'There is nothing to redo (the redo history is empty).'),
  });
}

/**
 * Opens (creating or upgrading as needed) the project database and returns a store on it.
 * Rejects with a {@link StorageError} when the database cannot be opened, e.g. because a newer
 * version of GridPlan wrote it.
 *
 * @param dbName IndexedDB database name; tests pass a fresh one each.
 */
export async function openProjectStore(
  dbName = 'gridplan',
  options: ProjectStoreOptions = {},
): Promise<ProjectStore> {
  const db = new Dexie(dbName) as GridPlanDatabase;
  declareSchema(db);
  // Another window opened a newer schema: close, so its upgrade is not blocked, and say so.
  db.on('versionchange', () => {
    db.close();
    options.onVersionChange?.();
    return false;
  });
  // This window upgrades, but another still holds the old version open.
  db.on('blocked', () => options.onBlocked?.());
  try {
    await db.open();
  } catch (error) {
    db.close();
    throw toStorageError(error, 'open');
  }
  return new ProjectStore(db, options);
}
