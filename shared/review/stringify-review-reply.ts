import type { ReviewReply } from './review-reply';

/**
 * Writes a reply file: members in a fixed order, two-space indentation, a final line break, so that
 * two replies can be compared with any text tool and the file reads well when opened by hand.
 */
export function stringifyReviewReply(reply: ReviewReply): string {
  const ordered = {
    type: reply.type,
    version: reply.version,
    township: { code: reply.township.code, name: reply.township.name },
    divisionVersion: reply.divisionVersion,
    divisionSha256: reply.divisionSha256,
    reviewer: reply.reviewer,
    decidedAt: reply.decidedAt,
    decision: reply.decision,
    note: reply.note,
    comments: reply.comments.map((c) => ({
      id: c.id,
      ...(c.gridCode !== undefined ? { gridCode: c.gridCode } : {}),
      ...(c.at ? { at: [c.at[0], c.at[1]] } : {}),
      text: c.text,
      author: c.author,
      createdAt: c.createdAt,
      ...(c.resolved ? { resolved: true } : {}),
    })),
    issueMarks: reply.issueMarks.map((m) => ({
      key: m.key,
      rule: m.rule,
      codes: [...m.codes],
      status: m.status,
      ...(m.justification !== undefined ? { justification: m.justification } : {}),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
