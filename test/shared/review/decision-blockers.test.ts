import { describe, expect, it } from 'vitest';
import type { IssueMark } from '../../../shared/review';
import { decisionBlockers } from '../../../shared/review';
import type { ValidationIssue } from '../../../shared/validate';
import { text } from '../../../shared/model';

function issue(
  key: string,
  rule: string,
  severity: 'error' | 'warning',
  extra: Partial<ValidationIssue> = {},
) {
  return {
    key,
    rule,
    severity,
    layer: 'grid',
    ids: [],
    codes: [],
    at: [0, 0],
    message: text(key, key),
    ...extra,
  } as ValidationIssue; // only the members decisionBlockers reads matter here
}

function mark(key: string, status: IssueMark['status'], justification?: string): IssueMark {
  return { key, rule: 'gap', codes: [], status, ...(justification !== undefined ? { justification } : {}) };
}

const GAP = issue('gap:1', 'gap', 'error');
const OVER = issue('over:1', 'household-over', 'warning');
const JUSTIFIED_OVER = issue('over:2', 'household-over', 'warning', {
  accepted: true,
  justification: '学校宿舍',
});
const MULTIPART = issue('multi:1', 'multipart', 'warning');

describe('decisionBlockers', () => {
  it('lets a clean division be approved and returned', () => {
    expect(decisionBlockers('approved', { issues: [] }, [])).toEqual([]);
    expect(decisionBlockers('approved', { issues: [JUSTIFIED_OVER, MULTIPART] }, [])).toEqual([]);
    expect(decisionBlockers('returned', { issues: [GAP, OVER] }, [])).toEqual([]);
  });

  it('refuses to approve with an error or an unjustified target not dealt with', () => {
    const blockers = decisionBlockers('approved', { issues: [GAP, OVER, JUSTIFIED_OVER] }, []);
    expect(blockers.map((b) => b.zh)).toEqual([
      '还有 1 个错误未处理：通过前请逐条标为“接受”并写明理由，或退回。',
      '还有 1 个网格户数不在目标范围内且没有情况说明：通过前请标为“接受”并写明理由，或退回。',
    ]);
    expect(blockers[0]!.en).toContain('1 error is not dealt with');
  });

  it('approves once each is accepted with a reason', () => {
    const marks = [
      mark('gap:1', 'accepted', '河道，经县网格办同意'),
      mark('over:1', 'accepted', '整栋楼不可拆分'),
    ];
    expect(decisionBlockers('approved', { issues: [GAP, OVER] }, marks)).toEqual([]);
  });

  it('needs a reason on every accepted mark, for either decision', () => {
    for (const justification of [undefined, '', '   ']) {
      const marks = [mark('gap:1', 'accepted', justification)];
      for (const decision of ['approved', 'returned'] as const) {
        const blockers = decisionBlockers(decision, { issues: [GAP] }, marks);
        expect(blockers).toHaveLength(1);
        expect(blockers[0]!.en).toBe(
          '1 issue is marked accepted without a justification: write why each is accepted.',
        );
      }
    }
  });

  it('refuses to approve with an issue marked to fix', () => {
    const blockers = decisionBlockers('approved', { issues: [GAP] }, [mark('gap:1', 'to-fix')]);
    expect(blockers.map((b) => b.en)).toEqual([
      '1 issue is marked to fix, so the division cannot be approved: return it.',
    ]);
    expect(decisionBlockers('returned', { issues: [GAP] }, [mark('gap:1', 'to-fix')])).toEqual([]);
  });

  it('ignores marks of issues the division no longer has', () => {
    expect(
      decisionBlockers('approved', { issues: [] }, [mark('gone', 'to-fix'), mark('gone2', 'accepted')]),
    ).toEqual([]);
  });

  it('waits for a running check, and lets a failed one be returned but not approved', () => {
    expect(decisionBlockers('returned', 'running', [])[0]!.en).toContain('still running');
    expect(decisionBlockers('approved', 'failed', [])[0]!.en).toContain(
      'cannot be approved, but it can be returned',
    );
    expect(decisionBlockers('returned', 'failed', [mark('gap:1', 'to-fix')])).toEqual([]);
  });
});
