/**
 * The reviewer's reply file (审核意见): what a county/city grid office sends back to a township after
 * checking one submitted version. It is data the planner's GridPlan opens; {@link parseReviewReply}
 * is the only way in, and it refuses anything that is not exactly this shape.
 */

/** The `type` member every reply file carries. */
export const REVIEW_REPLY_TYPE = 'gridplan-review-reply';

/** The format version this code writes and reads. */
export const REVIEW_REPLY_VERSION = 1;

/** 通过 (approved for filing, 备案) or 退回 (returned with comments). */
export const REVIEW_DECISIONS = ['approved', 'returned'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** What a reviewer says about one validation issue: accepted with the planner's 情况说明, or to fix. */
export const ISSUE_MARK_STATUSES = ['accepted', 'to-fix'] as const;
export type IssueMarkStatus = (typeof ISSUE_MARK_STATUSES)[number];

/** The township a reply is about. */
export interface ReplyTownship {
  /** 12-digit township code (9 digits + 000), or '' when the division has no township feature. */
  readonly code: string;
  readonly name: string;
}

/** A comment pinned to a grid (by code), to a point, or to both. */
export interface ReviewComment {
  /** Unique within the reply. */
  readonly id: string;
  readonly gridCode?: string;
  /** [longitude, latitude] in WGS84/CGCS2000. */
  readonly at?: readonly [number, number];
  readonly text: string;
  readonly author: string;
  /** ISO 8601. */
  readonly createdAt: string;
  /** Set by the planner once dealt with. */
  readonly resolved?: boolean;
}

/**
 * The reviewer's mark on one validation issue. `key` is the validator's issue key in the reviewed
 * division; `rule` and `codes` identify the issue again after edits have changed ids or keys.
 */
export interface IssueMark {
  readonly key: string;
  readonly rule: string;
  readonly codes: readonly string[];
  readonly status: IssueMarkStatus;
  /** 情况说明: the justification the reviewer accepted, or why it must be fixed. */
  readonly justification?: string;
}

/** One reply file. */
export interface ReviewReply {
  readonly type: typeof REVIEW_REPLY_TYPE;
  readonly version: typeof REVIEW_REPLY_VERSION;
  readonly township: ReplyTownship;
  /** The version number (BBH) of the reviewed division. */
  readonly divisionVersion: number;
  /** SHA-256 (hex) of the reviewed `division.geojson`, as stored in the filing package. */
  readonly divisionSha256: string;
  readonly reviewer: string;
  /** ISO 8601. */
  readonly decidedAt: string;
  readonly decision: ReviewDecision;
  readonly note: string;
  readonly comments: readonly ReviewComment[];
  readonly issueMarks: readonly IssueMark[];
}
