import type { FilingManifest } from '../../shared/formats/filing-package';
import type { IssueMark, IssueMarkStatus, ReviewComment } from '../../shared/review';
import { ISSUE_MARK_STATUSES } from '../../shared/review';

/** Setting key (per project) of a project opened from a filing package: what it is a copy of. */
export const PACKAGE_SETTING = 'review.package';
/** Setting key (per project) of the reviewer's work in progress on that package. */
export const DRAFT_SETTING = 'review.draft';

/** What a review project remembers of the package it was opened from. */
export interface PackageInfo {
  readonly fileName: string;
  readonly manifest: Pick<
    FilingManifest,
    'township' | 'version' | 'createdAt' | 'divisionSha256' | 'ruleSet'
  > & {
    readonly note?: string;
    readonly baseSha256?: string;
  };
  /** The base division of a package made against one (`base.geojson`), for 对比. */
  readonly baseText?: string;
}

/** The reviewer's comments, marks and decision fields before the reply is written. */
export interface ReviewDraft {
  readonly reviewer: string;
  readonly note: string;
  readonly comments: readonly ReviewComment[];
  readonly marks: readonly IssueMark[];
}

export const EMPTY_DRAFT: ReviewDraft = { reviewer: '', note: '', comments: [], marks: [] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a stored package setting, or null when it is absent or not of this shape. */
export function readPackageInfo(value: unknown): PackageInfo | null {
  if (!isRecord(value) || typeof value.fileName !== 'string' || !isRecord(value.manifest)) return null;
  const m = value.manifest;
  if (typeof m.version !== 'number' || typeof m.divisionSha256 !== 'string' || !isRecord(m.township))
    return null;
  return value as unknown as PackageInfo;
}

/** Reads a stored draft, keeping only well-formed entries (settings are user data: check, never trust). */
export function readDraft(value: unknown): ReviewDraft {
  if (!isRecord(value)) return EMPTY_DRAFT;
  const comments = Array.isArray(value.comments)
    ? value.comments.filter(
        (c): c is ReviewComment => isRecord(c) && typeof c.id === 'string' && typeof c.text === 'string',
      )
    : [];
  const marks = Array.isArray(value.marks)
    ? value.marks.filter(
        (m): m is IssueMark =>
          isRecord(m) &&
          typeof m.key === 'string' &&
          (ISSUE_MARK_STATUSES as readonly unknown[]).includes(m.status as IssueMarkStatus),
      )
    : [];
  return {
    reviewer: typeof value.reviewer === 'string' ? value.reviewer : '',
    note: typeof value.note === 'string' ? value.note : '',
    comments,
    marks,
  };
}
