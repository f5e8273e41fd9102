import type { Problem, Result } from '../model';
import { fail, ok, text } from '../model';
import type {
  IssueMark,
  IssueMarkStatus,
  ReplyTownship,
  ReviewComment,
  ReviewDecision,
  ReviewReply,
} from './review-reply';
import {
  ISSUE_MARK_STATUSES,
  REVIEW_DECISIONS,
  REVIEW_REPLY_TYPE,
  REVIEW_REPLY_VERSION,
} from './review-reply';

/** Largest reply file read, in characters: a reply is comments, never geometry. */
export const MAX_REPLY_CHARS = 4_000_000;
/** Most comments and issue marks accepted in one reply. */
export const MAX_REPLY_ENTRIES = 20_000;
/** Longest free text (comment, note, justification) accepted, in characters. */
export const MAX_REPLY_TEXT = 20_000;

/** What the reply must be about; members left out are not checked. */
export interface ReplyExpectation {
  readonly divisionSha256?: string;
  readonly townshipCode?: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
// ISO 8601 date-time as Date.toISOString writes it, or with a zone offset; a bare date is accepted too.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

class ReplyError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message.en);
  }
}

function refuse(kind: string, zh: string, en: string): never {
  throw new ReplyError({ kind, message: text(`审核意见文件无效：${zh}`, `Invalid review reply: ${en}`) });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function str(record: Record<string, unknown>, key: string, where: string, optional = false): string {
  const value = own(record, key);
  if (value === undefined && optional) return '';
  if (typeof value !== 'string') {
    refuse('reply-field', `${where}.${key} 应为文字。`, `${where}.${key} must be a string.`);
  }
  if (value.length > MAX_REPLY_TEXT) {
    refuse(
      'reply-too-long',
      `${where}.${key} 超过 ${MAX_REPLY_TEXT} 个字符。`,
      `${where}.${key} is longer than ${MAX_REPLY_TEXT} characters.`,
    );
  }
  // Control characters other than line breaks and tabs have no place in a comment and hide text.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(value)) {
    refuse(
      'reply-control-characters',
      `${where}.${key} 含有控制字符。`,
      `${where}.${key} contains control characters.`,
    );
  }
  return value;
}

function date(record: Record<string, unknown>, key: string, where: string): string {
  const value = str(record, key, where);
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
    refuse(
      'reply-date',
      `${where}.${key} 不是 ISO 8601 日期时间（例如 2026-12-05T08:00:00Z）。`,
      `${where}.${key} is not an ISO 8601 date-time (e.g. 2026-12-05T08:00:00Z).`,
    );
  }
  return value;
}

function list(record: Record<string, unknown>, key: string): readonly unknown[] {
  const value = own(record, key);
  if (value === undefined) return [];
  if (!Array.isArray(value)) refuse('reply-field', `${key} 应为列表。`, `${key} must be a list.`);
  if (value.length > MAX_REPLY_ENTRIES) {
    refuse(
      'reply-too-many',
      `${key} 超过 ${MAX_REPLY_ENTRIES} 项。`,
      `${key} has more than ${MAX_REPLY_ENTRIES} entries.`,
    );
  }
  return value;
}

function township(value: unknown): ReplyTownship {
  if (!isRecord(value)) refuse('reply-field', 'township 应为对象。', 'township must be an object.');
  const code = str(value, 'code', 'township', true);
  if (code !== '' && !/^\d{12}$/.test(code)) {
    refuse('reply-field', 'township.code 应为 12 位数字。', 'township.code must be 12 digits.');
  }
  return { code, name: str(value, 'name', 'township') };
}

function comment(value: unknown, index: number, seen: Set<string>): ReviewComment {
  const where = `comments[${index}]`;
  if (!isRecord(value)) refuse('reply-field', `${where} 应为对象。`, `${where} must be an object.`);
  const id = str(value, 'id', where);
  if (id === '' || seen.has(id)) {
    refuse('reply-comment-id', `${where}.id 为空或重复。`, `${where}.id is empty or repeated.`);
  }
  seen.add(id);
  const gridCode = own(value, 'gridCode') === undefined ? undefined : str(value, 'gridCode', where);
  const rawAt = own(value, 'at');
  let at: readonly [number, number] | undefined;
  if (rawAt !== undefined) {
    const [lon, lat] = Array.isArray(rawAt) ? (rawAt as unknown[]) : [];
    if (
      !Array.isArray(rawAt) ||
      rawAt.length !== 2 ||
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat) ||
      Math.abs(lon) > 180 ||
      Math.abs(lat) > 90
    ) {
      refuse(
        'reply-coordinates',
        `${where}.at 应为 [经度, 纬度]，在 ±180、±90 以内。`,
        `${where}.at must be [longitude, latitude] within ±180, ±90.`,
      );
    }
    at = [lon, lat];
  }
  if (gridCode === undefined && at === undefined) {
    refuse(
      'reply-comment-anchor',
      `${where} 既没有网格编码也没有位置。`,
      `${where} names neither a grid code nor a point.`,
    );
  }
  const resolved = own(value, 'resolved');
  if (resolved !== undefined && typeof resolved !== 'boolean') {
    refuse(
      'reply-field',
      `${where}.resolved 应为 true 或 false。`,
      `${where}.resolved must be true or false.`,
    );
  }
  return {
    id,
    ...(gridCode !== undefined ? { gridCode } : {}),
    ...(at ? { at } : {}),
    text: str(value, 'text', where),
    author: str(value, 'author', where),
    createdAt: date(value, 'createdAt', where),
    ...(resolved === true ? { resolved } : {}),
  };
}

function issueMark(value: unknown, index: number): IssueMark {
  const where = `issueMarks[${index}]`;
  if (!isRecord(value)) refuse('reply-field', `${where} 应为对象。`, `${where} must be an object.`);
  const codes = own(value, 'codes');
  if (
    !Array.isArray(codes) ||
    codes.length > 100 ||
    !codes.every((c) => typeof c === 'string' && c.length < 100)
  ) {
    refuse('reply-field', `${where}.codes 应为编码列表。`, `${where}.codes must be a list of codes.`);
  }
  const status = str(value, 'status', where);
  if (!(ISSUE_MARK_STATUSES as readonly string[]).includes(status)) {
    refuse(
      'reply-field',
      `${where}.status 应为 accepted 或 to-fix。`,
      `${where}.status must be accepted or to-fix.`,
    );
  }
  const justification =
    own(value, 'justification') === undefined ? undefined : str(value, 'justification', where);
  return {
    key: str(value, 'key', where),
    rule: str(value, 'rule', where),
    codes: codes as string[],
    status: status as IssueMarkStatus,
    ...(justification !== undefined ? { justification } : {}),
  };
}

function reply(value: unknown): ReviewReply {
  if (!isRecord(value))
    refuse('reply-not-object', '顶层应为 JSON 对象。', 'the top level must be a JSON object.');
  if (own(value, 'type') !== REVIEW_REPLY_TYPE) {
    refuse(
      'reply-type',
      `不是 GridPlan 审核意见（type 应为 "${REVIEW_REPLY_TYPE}"）。`,
      `not a GridPlan review reply (type must be "${REVIEW_REPLY_TYPE}").`,
    );
  }
  const version = own(value, 'version');
  if (version !== REVIEW_REPLY_VERSION) {
    refuse(
      'reply-version',
      `格式版本 ${JSON.stringify(version)} 无法读取（本程序读取版本 ${REVIEW_REPLY_VERSION}），请升级 GridPlan。`,
      `format version ${JSON.stringify(version)} cannot be read (this program reads version ${REVIEW_REPLY_VERSION}); update GridPlan.`,
    );
  }
  const divisionVersion = own(value, 'divisionVersion');
  if (typeof divisionVersion !== 'number' || !Number.isSafeInteger(divisionVersion) || divisionVersion < 1) {
    refuse('reply-field', 'divisionVersion 应为正整数。', 'divisionVersion must be a positive whole number.');
  }
  const divisionSha256 = str(value, 'divisionSha256', 'reply');
  if (!SHA256.test(divisionSha256)) {
    refuse(
      'reply-field',
      'divisionSha256 应为 64 位小写十六进制。',
      'divisionSha256 must be 64 lower-case hexadecimal digits.',
    );
  }
  const decision = str(value, 'decision', 'reply');
  if (!(REVIEW_DECISIONS as readonly string[]).includes(decision)) {
    refuse('reply-field', 'decision 应为 approved 或 returned。', 'decision must be approved or returned.');
  }
  const reviewer = str(value, 'reviewer', 'reply');
  if (reviewer.trim() === '') refuse('reply-field', '没有审核人。', 'the reviewer is missing.');
  const seen = new Set<string>();
  return {
    type: REVIEW_REPLY_TYPE,
    version: REVIEW_REPLY_VERSION,
    township: township(own(value, 'township')),
    divisionVersion,
    divisionSha256,
    reviewer,
    decidedAt: date(value, 'decidedAt', 'reply'),
    decision: decision as ReviewDecision,
    note: str(value, 'note', 'reply', true),
    comments: list(value, 'comments').map((entry, index) => comment(entry, index, seen)),
    issueMarks: list(value, 'issueMarks').map(issueMark),
  };
}

/**
 * Reads a reply file. Refuses, with one bilingual problem, text that is too large, not JSON, not a
 * reply, of another format version, malformed in any member, or about another division than
 * `expected` (its SHA-256 or township differ). Unknown members are ignored (the format grows only by
 * optional members). Nothing of the input object is kept: the result is built member by member.
 */
export function parseReviewReply(source: string, expected: ReplyExpectation = {}): Result<ReviewReply> {
  if (source.length > MAX_REPLY_CHARS) {
    return fail({
      kind: 'reply-too-large',
      message: text(
        `审核意见文件太大（超过 ${MAX_REPLY_CHARS} 个字符），不像审核意见。`,
        `The review reply is too large (over ${MAX_REPLY_CHARS} characters) to be a reply.`,
      ),
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(source.replace(/^\ufeff/, ''));
  } catch {
    return fail({
      kind: 'reply-not-json',
      message: text('审核意见文件不是有效的 JSON。', 'The review reply is not valid JSON.'),
    });
  }
  let parsed: ReviewReply;
  try {
    parsed = reply(json);
  } catch (error) {
    if (error instanceof ReplyError) return fail(error.problem);
    throw error;
  }
  if (expected.divisionSha256 !== undefined && parsed.divisionSha256 !== expected.divisionSha256) {
    return fail({
      kind: 'reply-mismatch',
      message: text(
        `这份审核意见针对的是另一份划分（版本 ${parsed.divisionVersion}，SHA-256 ${parsed.divisionSha256.slice(0, 12)}…），不是本项目提交的任何版本。`,
        `This review reply is about another division (version ${parsed.divisionVersion}, SHA-256 ${parsed.divisionSha256.slice(0, 12)}…), not a version submitted from this project.`,
      ),
    });
  }
  if (
    expected.townshipCode !== undefined &&
    parsed.township.code !== '' &&
    expected.townshipCode !== '' &&
    parsed.township.code !== expected.townshipCode
  ) {
    return fail({
      kind: 'reply-mismatch',
      message: text(
        `这份审核意见属于乡镇/街道 ${parsed.township.code}（${parsed.township.name}），不是本项目的 ${expected.townshipCode}。`,
        `This review reply belongs to township ${parsed.township.code} (${parsed.township.name}), not this project's ${expected.townshipCode}.`,
      ),
    });
  }
  return ok(parsed);
}
