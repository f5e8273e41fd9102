import type { ReviewReply } from '../../shared/review';
import type { LayerCounts } from './schema';

/*
 * Rows of the `versions` and `versionBodies` tables (schema version 4). Kept in their own file so that
 * schema.ts only gains the few lines that declare them.
 */

/** Where a submitted version stands: 待审 (submitted), 退回 (returned), 已备案 (approved, filed). */
export const VERSION_STATUSES = ['submitted', 'returned', 'approved'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** A reply file the planner opened for this version, with the comments the planner has resolved. */
export interface StoredReply {
  readonly reply: ReviewReply;
  /** Ids of the reply's comments the planner marked resolved. */
  readonly resolved: readonly string[];
  /** Milliseconds since the Unix epoch: when the planner opened it. */
  readonly openedAt: number;
}

/** The header of one submitted version (版本, BBH) of a project's division. */
export interface VersionRow {
  readonly projectId: string;
  /** 1, 2, 3 … per project, never reused. */
  readonly number: number;
  readonly author: string;
  /** Milliseconds since the Unix epoch. */
  readonly createdAt: number;
  readonly note: string;
  readonly status: VersionStatus;
  /** ISO 8601 date of 备案, from the reply that approved it. */
  readonly filedAt?: string;
  /** SHA-256 (hex) of the frozen `division.geojson` text in {@link VersionBodyRow}. */
  readonly divisionSha256: string;
  readonly counts: LayerCounts;
  /** The latest reply opened for this version. */
  readonly reply?: StoredReply;
}

/** The frozen division of a version, as the exact GeoJSON text whose SHA-256 the header holds. */
export interface VersionBodyRow {
  readonly projectId: string;
  readonly number: number;
  readonly divisionText: string;
}

export type VersionKey = [projectId: string, number: number];

/** The stores of schema version 4. NEVER EDIT once released. */
export const VERSION_TABLES = {
  versions: '[projectId+number]',
  versionBodies: '[projectId+number]',
} as const;
