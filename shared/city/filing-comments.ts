import type { CityDatabase, CityRow } from './city-database';
import { numberColumn, stringColumn } from './city-database';

/** The longest remark kept (characters); the schema holds it to the same bound (migration 2). */
export const MAX_COMMENT_CHARS = 2000;
/** The longest author name kept (characters). */
export const MAX_AUTHOR_CHARS = 200;

/**
 * A remark on a filing: the filer's note (`city file --note`) or a reviewer's (`city comment`), on the
 * filing as a whole or on one of its grids. Optional members of the report, the pulled file and the
 * answers (docs/city-office.md); never part of the division itself.
 */
export interface FilingComment {
  readonly id: number;
  readonly filing: number;
  readonly township: string;
  /** The grid it is about, when it is about one. */
  readonly grid?: string;
  readonly author: string;
  readonly body: string;
  readonly createdAt: string;
}

const COMMENT_COLUMNS = `c.id, c.filing_id, f.township_code, c.grid_code, c.author, c.body, c.created_at`;

const INSERT = `
  WITH added AS (
    INSERT INTO comments (filing_id, grid_code, author, body) VALUES ($1, $2, $3, $4) RETURNING *
  )
  SELECT ${COMMENT_COLUMNS} FROM added c JOIN filings f ON f.id = c.filing_id`;

function comment(row: CityRow): FilingComment {
  const grid = row.grid_code;
  return {
    id: numberColumn(row, 'id'),
    filing: numberColumn(row, 'filing_id'),
    township: stringColumn(row, 'township_code'),
    ...(typeof grid === 'string' ? { grid } : {}),
    author: stringColumn(row, 'author'),
    body: stringColumn(row, 'body'),
    createdAt: stringColumn(row, 'created_at'),
  };
}

/** What is wrong with a remark's text, or undefined: empty, or longer than {@link MAX_COMMENT_CHARS}. */
export function commentProblem(body: string): 'empty' | 'too-long' | undefined {
  if (body.trim() === '') return 'empty';
  return [...body].length > MAX_COMMENT_CHARS ? 'too-long' : undefined;
}

/** Records a remark on a filing (inside the caller's transaction when given one). */
export async function insertFilingComment(
  db: CityDatabase,
  filing: number,
  remark: { readonly grid?: string; readonly author: string; readonly body: string },
): Promise<FilingComment> {
  const rows = await db.query(INSERT, [filing, remark.grid ?? null, remark.author, remark.body]);
  return comment(rows[0]!);
}

/** The answer to `city comment`. */
export type CommentOutcome =
  | { readonly kind: 'added'; readonly comment: FilingComment }
  | { readonly kind: 'not-filed'; readonly township: string }
  | { readonly kind: 'no-such-filing'; readonly township: string; readonly filing: number }
  | {
      readonly kind: 'no-such-grid';
      readonly township: string;
      readonly filing: number;
      readonly grid: string;
    };

/** What `city comment` is asked to record. */
export interface CommentRequest {
  readonly township: string;
  /** A filing of the township; default its current one. */
  readonly filing?: number;
  /** A grid code of that filing. */
  readonly grid?: string;
  readonly author: string;
  readonly body: string;
}

// The grids of filing $2 of township $1: rows inserted by it or before it and not yet closed then.
const GRID_IN_FILING = `
  SELECT 1 FROM grids
  WHERE township_code = $1 AND code = $3 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
  LIMIT 1`;

/**
 * A reviewer's remark on a township's filing (the current one unless `filing` names another of its
 * filings), optionally on one grid of it, which must be a grid of that filing. Nothing is recorded when
 * the township has not filed, the filing is not the township's, or the grid is not in it.
 */
export async function commentOnFiling(db: CityDatabase, request: CommentRequest): Promise<CommentOutcome> {
  const { township } = request;
  let filing = request.filing;
  if (filing === undefined) {
    const rows = await db.query(`SELECT current_filing FROM townships WHERE code = $1`, [township]);
    const current = rows[0]?.current_filing;
    if (current === null || current === undefined) return { kind: 'not-filed', township };
    filing = numberColumn(rows[0]!, 'current_filing');
  } else {
    const rows = await db.query(`SELECT 1 FROM filings WHERE id = $1 AND township_code = $2`, [
      filing,
      township,
    ]);
    if (rows.length === 0) return { kind: 'no-such-filing', township, filing };
  }
  if (request.grid !== undefined) {
    const found = await db.query(GRID_IN_FILING, [township, filing, request.grid]);
    if (found.length === 0) return { kind: 'no-such-grid', township, filing, grid: request.grid };
  }
  const added = await insertFilingComment(db, filing, {
    ...(request.grid !== undefined ? { grid: request.grid } : {}),
    author: request.author,
    body: request.body,
  });
  return { kind: 'added', comment: added };
}

const OF_FILINGS = `
  SELECT ${COMMENT_COLUMNS}
  FROM comments c JOIN filings f ON f.id = c.filing_id
  WHERE c.filing_id = ANY($1::bigint[])
  ORDER BY c.filing_id, c.id`;

/** The remarks on the given filings, by filing, oldest first. */
export async function commentsOfFilings(
  db: CityDatabase,
  filings: readonly number[],
): Promise<ReadonlyMap<number, readonly FilingComment[]>> {
  const byFiling = new Map<number, FilingComment[]>();
  if (filings.length === 0) return byFiling;
  for (const row of await db.query(OF_FILINGS, [filings.map(String)])) {
    const remark = comment(row);
    const list = byFiling.get(remark.filing) ?? [];
    list.push(remark);
    byFiling.set(remark.filing, list);
  }
  return byFiling;
}
