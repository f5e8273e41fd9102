import type { Table } from 'dexie';
import type { ReviewReply } from '../../shared/review';
import { text } from '../../shared/model';
import type { GridPlanDatabase, LayerCounts } from './schema';
import { StorageError, toStorageError } from './storage-error';
import type { StoredReply, VersionRow } from './version-rows';

/** What {@link VersionStore.submit} freezes. The text is hashed before: nothing async runs inside a write. */
export interface VersionInput {
  /** The division as GeoJSON text, exactly as it goes into a filing package. */
  readonly divisionText: string;
  /** SHA-256 (hex) of `divisionText`. */
  readonly divisionSha256: string;
  readonly author: string;
  readonly note: string;
  readonly counts: LayerCounts;
}

function versionMissing(number: number): StorageError {
  return new StorageError('not-found', 'load', {
    message: text(
      `找不到版本 ${number}，可能已随项目删除。`,
      `Version ${number} was not found; it may have been deleted with its project.`,
    ),
  });
}

/**
 * Submitted versions (版本) of projects: 提交审核 freezes the working division as version N, the
 * history list reads headers only, a version's GeoJSON is read when it is opened, restored or packaged,
 * and a reviewer's reply moves a version to 退回 or 已备案. Every write is one transaction and rejects with
 * a {@link StorageError} carrying a bilingual message; a failed write changes nothing.
 */
export class VersionStore {
  readonly #db: GridPlanDatabase;
  readonly #now: () => number;

  /** @internal The project store makes one: `store.versions`. */
  constructor(db: GridPlanDatabase, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  /** A project's versions, oldest first (headers only). */
  async list(projectId: string): Promise<VersionRow[]> {
    return this.#run('load', 'r', [this.#db.versions], () =>
      this.#db.versions
        .where('[projectId+number]')
        .between([projectId, -Infinity], [projectId, Infinity])
        .toArray(),
    );
  }

  /** Freezes a division as the project's next version (status 待审). Rejects `not-found` without the project. */
  async submit(projectId: string, input: VersionInput): Promise<VersionRow> {
    const db = this.#db;
    return this.#run('save', 'rw', [db.projects, db.versions, db.versionBodies], async () => {
      if (!(await db.projects.get(projectId))) throw new StorageError('not-found', 'save');
      const last = await db.versions
        .where('[projectId+number]')
        .between([projectId, -Infinity], [projectId, Infinity])
        .last();
      const row: VersionRow = {
        projectId,
        number: (last?.number ?? 0) + 1,
        author: input.author,
        createdAt: this.#now(),
        note: input.note,
        status: 'submitted',
        divisionSha256: input.divisionSha256,
        counts: { ...input.counts },
      };
      await db.versions.add(row);
      await db.versionBodies.add({ projectId, number: row.number, divisionText: input.divisionText });
      return row;
    });
  }

  /** The frozen GeoJSON text of one version. Rejects `not-found` when there is no such version. */
  async body(projectId: string, number: number): Promise<string> {
    return this.#run('load', 'r', [this.#db.versionBodies], async () => {
      const row = await this.#db.versionBodies.get([projectId, number]);
      if (!row) throw versionMissing(number);
      return row.divisionText;
    });
  }

  /**
   * Records a reviewer's reply on the version it is about (same number and same SHA-256): 退回 or
   * 已备案 with the decision date. Rejects `not-found`, changing nothing, when no version of the project
   * has that number and hash: the reply is about another division.
   */
  async recordReply(projectId: string, reply: ReviewReply): Promise<VersionRow> {
    const db = this.#db;
    const openedAt = this.#now();
    return this.#run('save', 'rw', [db.versions], async () => {
      const row = await db.versions.get([projectId, reply.divisionVersion]);
      if (!row || row.divisionSha256 !== reply.divisionSha256) {
        throw new StorageError('not-found', 'save', {
          message: text(
            `这份审核意见针对版本 ${reply.divisionVersion}（SHA-256 ${reply.divisionSha256.slice(0, 12)}…），本项目没有这样提交过的版本。`,
            `This review reply is about version ${reply.divisionVersion} (SHA-256 ${reply.divisionSha256.slice(0, 12)}…); this project submitted no such version.`,
          ),
        });
      }
      // Comments the planner already resolved stay resolved when the same reply is opened again.
      const kept = row.reply?.reply.decidedAt === reply.decidedAt ? row.reply.resolved : [];
      const resolved = reply.comments.filter((c) => c.resolved || kept.includes(c.id)).map((c) => c.id);
      const stored: StoredReply = { reply, resolved, openedAt };
      const next: VersionRow = {
        ...row,
        status: reply.decision === 'approved' ? 'approved' : 'returned',
        ...(reply.decision === 'approved' ? { filedAt: reply.decidedAt } : {}),
        reply: stored,
      };
      await db.versions.put(next);
      return next;
    });
  }

  /** Marks one comment of a version's reply resolved (or not). */
  async setResolved(
    projectId: string,
    number: number,
    commentId: string,
    resolved: boolean,
  ): Promise<VersionRow> {
    const db = this.#db;
    return this.#run('save', 'rw', [db.versions], async () => {
      const row = await db.versions.get([projectId, number]);
      if (!row?.reply) throw versionMissing(number);
      const others = row.reply.resolved.filter((id) => id !== commentId);
      const next: VersionRow = {
        ...row,
        reply: { ...row.reply, resolved: resolved ? [...others, commentId] : others },
      };
      await db.versions.put(next);
      return next;
    });
  }

  /** Removes every version of a project (with the project). Part of the caller's transaction when in one. */
  async deleteAll(projectId: string): Promise<void> {
    const range: [[string, number], [string, number]] = [
      [projectId, -Infinity],
      [projectId, Infinity],
    ];
    await this.#db.versions
      .where('[projectId+number]')
      .between(...range)
      .delete();
    await this.#db.versionBodies
      .where('[projectId+number]')
      .between(...range)
      .delete();
  }

  async #run<T>(
    action: 'save' | 'load',
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
}
