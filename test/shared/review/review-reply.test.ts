import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReviewReply } from '../../../shared/review';
import {
  MAX_REPLY_CHARS,
  matchIssueMark,
  parseReviewReply,
  REVIEW_REPLY_TYPE,
  REVIEW_REPLY_VERSION,
  stringifyReviewReply,
} from '../../../shared/review';
import type { ValidationIssue } from '../../../shared/validate';
import { text } from '../../../shared/model';

const SHA = 'a'.repeat(64);
// Text with control characters is refused (tested apart): generated text leaves them out.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

function sample(overrides: Partial<ReviewReply> = {}): ReviewReply {
  return {
    type: REVIEW_REPLY_TYPE,
    version: REVIEW_REPLY_VERSION,
    township: { code: '510302001000', name: '仲权镇' },
    divisionVersion: 2,
    divisionSha256: SHA,
    reviewer: '区网格办 张审',
    decidedAt: '2026-12-05T08:00:00.000Z',
    decision: 'returned',
    note: '请修改后再报',
    comments: [
      {
        id: 'c1',
        gridCode: '510302001001001',
        text: '网格名称与门牌不符',
        author: '张审',
        createdAt: '2026-12-05T07:59:00.000Z',
      },
      {
        id: 'c2',
        at: [104.77, 29.35],
        text: '此处是学校，应为专属网格',
        author: '张审',
        createdAt: '2026-12-05',
      },
    ],
    issueMarks: [
      {
        key: 'household-over:g1',
        rule: 'household-over',
        codes: ['510302001001001'],
        status: 'accepted',
        justification: '老旧小区',
      },
      {
        key: 'overlap:g1:g2',
        rule: 'overlap',
        codes: ['510302001001001', '510302001001002'],
        status: 'to-fix',
      },
    ],
    ...overrides,
  };
}

function problemOf(source: string, expected = {}): { kind: string; zh: string; en: string } {
  const result = parseReviewReply(source, expected);
  if (result.ok) throw new Error('expected a refusal');
  const problem = result.problems[0]!;
  return { kind: problem.kind, zh: problem.message.zh, en: problem.message.en };
}

describe('review reply files', () => {
  it('reads back what it writes', () => {
    const reply = sample();
    const parsed = parseReviewReply(stringifyReviewReply(reply));
    expect(parsed).toEqual({ ok: true, value: reply });
  });

  it('round-trips any well-formed reply (property)', () => {
    const safeText = fc.string({ maxLength: 40 }).filter((s) => !CONTROL.test(s));
    // JSON has no negative zero: −0 is written as 0, which is the same coordinate.
    const coordinate = (limit: number) =>
      fc.double({ min: -limit, max: limit, noNaN: true }).map((v) => (v === 0 ? 0 : v));
    const comment = fc.record({
      gridCode: fc.option(fc.stringMatching(/^\d{15}$/), { nil: undefined }),
      at: fc.option(fc.tuple(coordinate(180), coordinate(90)), {
        nil: undefined,
      }),
      text: safeText,
      resolved: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(comment, { maxLength: 8 }),
        fc.constantFrom('approved' as const, 'returned' as const),
        safeText,
        (raw, decision, note) => {
          const comments = raw.map((c, index) => ({
            id: `c${index}`,
            ...(c.gridCode !== undefined ? { gridCode: c.gridCode } : {}),
            // Every comment needs an anchor: a point when it has no grid.
            ...(c.at !== undefined || c.gridCode === undefined ? { at: c.at ?? ([0, 0] as const) } : {}),
            text: c.text,
            author: 'r',
            createdAt: '2026-01-01T00:00:00Z',
            ...(c.resolved ? { resolved: true } : {}),
          }));
          const reply = sample({ comments, decision, note });
          const parsed = parseReviewReply(stringifyReviewReply(reply));
          expect(parsed.ok && parsed.value).toEqual(reply);
        },
      ),
    );
  });

  it('refuses what is not a reply, naming why in both languages', () => {
    expect(problemOf('not json').kind).toBe('reply-not-json');
    expect(problemOf('[]').kind).toBe('reply-not-object');
    expect(problemOf(JSON.stringify({ ...sample(), type: 'FeatureCollection' })).kind).toBe('reply-type');
    const newer = problemOf(JSON.stringify({ ...sample(), version: 2 }));
    expect(newer.kind).toBe('reply-version');
    expect(newer.zh).toContain('升级');
    expect(newer.en).toContain('update GridPlan');
    expect(problemOf(JSON.stringify({ ...sample(), decision: 'maybe' })).en).toContain('decision');
    expect(problemOf(JSON.stringify({ ...sample(), divisionSha256: 'abc' })).en).toContain('divisionSha256');
    expect(problemOf(JSON.stringify({ ...sample(), reviewer: '  ' })).en).toContain('reviewer');
    expect(problemOf(JSON.stringify({ ...sample(), divisionVersion: 0 })).en).toContain('divisionVersion');
  });

  it('refuses hostile content: huge files, control characters, bad coordinates, repeated ids', () => {
    expect(problemOf(' '.repeat(MAX_REPLY_CHARS + 1)).kind).toBe('reply-too-large');
    const hidden = sample({ note: 'ok\u202eevil' });
    expect(problemOf(JSON.stringify(hidden)).kind).toBe('reply-control-characters');
    const far = {
      ...sample(),
      comments: [{ id: 'x', at: [200, 10], text: 't', author: 'a', createdAt: '2026-01-01' }],
    };
    expect(problemOf(JSON.stringify(far)).kind).toBe('reply-coordinates');
    const twice = { ...sample(), comments: [sample().comments[0], sample().comments[0]] };
    expect(problemOf(JSON.stringify(twice)).kind).toBe('reply-comment-id');
    const nowhere = { ...sample(), comments: [{ id: 'x', text: 't', author: 'a', createdAt: '2026-01-01' }] };
    expect(problemOf(JSON.stringify(nowhere)).kind).toBe('reply-comment-anchor');
    const badDate = { ...sample(), decidedAt: 'yesterday' };
    expect(problemOf(JSON.stringify(badDate)).kind).toBe('reply-date');
  });

  it('keeps nothing of the input object: prototype keys stay inert', () => {
    const source = stringifyReviewReply(sample()).replace(
      '"note"',
      '"__proto__": {"polluted": true}, "note"',
    );
    const parsed = parseReviewReply(source);
    expect(parsed.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (parsed.ok) expect(Object.keys(parsed.value)).not.toContain('__proto__');
  });

  it('refuses a reply about another division or township', () => {
    const source = stringifyReviewReply(sample());
    expect(parseReviewReply(source, { divisionSha256: SHA }).ok).toBe(true);
    const other = problemOf(source, { divisionSha256: 'b'.repeat(64) });
    expect(other.kind).toBe('reply-mismatch');
    expect(other.zh).toContain('另一份划分');
    expect(problemOf(source, { townshipCode: '510302002000' }).en).toContain('510302001000');
  });

  it('matches marks to issues by key, then by rule and codes in any order', () => {
    const marks = sample().issueMarks;
    const issue = (key: string, rule: ValidationIssue['rule'], codes: string[]): ValidationIssue => ({
      key,
      rule,
      severity: 'error',
      layer: 'grid',
      ids: codes,
      codes,
      at: [0, 0],
      message: text('', ''),
    });
    expect(matchIssueMark(marks, issue('household-over:g1', 'household-over', []))?.status).toBe('accepted');
    const swapped = issue('overlap:x:y', 'overlap', ['510302001001002', '510302001001001']);
    expect(matchIssueMark(marks, swapped)?.status).toBe('to-fix');
    expect(matchIssueMark(marks, issue('overlap:x:z', 'overlap', ['510302001001002']))).toBeUndefined();
    expect(matchIssueMark(marks, issue('gap:1', 'gap', []))).toBeUndefined();
  });
});
