/** One row as the database driver returns it: column name → value (numbers may come back as strings). */
export type CityRow = Readonly<Record<string, unknown>>;

/**
 * What the city office needs from a PostgreSQL + PostGIS connection; the host (scripts/city-host.ts, on
 * node-postgres) provides it, so shared/city stays free of Node and of the driver. SQL is always text
 * with `$1…` parameters: values are never spliced into it.
 */
export interface CityDatabase {
  query(sql: string, params?: readonly unknown[]): Promise<readonly CityRow[]>;
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it
   * rejects. A refusal is made to reject (see {@link CityRefusal}) so that nothing it did is kept.
   */
  transaction<T>(work: (db: CityDatabase) => Promise<T>): Promise<T>;
  /** Closes the connection(s). */
  close(): Promise<void>;
}

/**
 * True when a database error says the database cannot be used now, not that GridPlan asked it something
 * wrong: the connection lost or refused (SQLSTATE class 08, the driver's socket errors), the server
 * shutting down (57P01–57P04), a read-only server or replica (25006), no such database (3D000), refused
 * credentials (28), or out of disk, memory or connections (53). The command says so with exit 2.
 */
export function databaseUnusable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const sqlState = typeof code === 'string' ? code : '';
  return (
    /^(08|53|28|57P0[1-4]$|25006$|3D000$)/.test(sqlState) ||
    /^E(CONNRESET|CONNREFUSED|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH)$/.test(sqlState) ||
    (typeof message === 'string' && /connection terminated/i.test(message))
  );
}

/** Thrown inside a transaction to roll it back while carrying the answer out of it. */
export class CityRefusal<T> extends Error {
  constructor(readonly answer: T) {
    super('refused');
  }
}

/**
 * SQL for a stored geometry column as GeoJSON text, in the type it was filed as: rows are stored as
 * MultiPolygon (ST_Multi, one column type), and a single part goes back as the Polygon it was, since
 * the division profile takes a grid as a Polygon and reports a MultiPolygon. `column` is SQL text.
 */
export function filedGeoJsonSql(column: string, maxDecimals?: number): string {
  const single = `CASE WHEN ST_NumGeometries(${column}) = 1 THEN ST_GeometryN(${column}, 1) ELSE ${column} END`;
  return `ST_AsGeoJSON(${single}${maxDecimals === undefined ? '' : `, ${maxDecimals}`})::text`;
}

/** A column read as a number (bigint and numeric columns arrive as strings). */
export function numberColumn(row: CityRow, name: string): number {
  const value = row[name];
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** A column read as a string ('' for null). */
export function stringColumn(row: CityRow, name: string): string {
  const value = row[name];
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return value.toString();
  }
  return JSON.stringify(value) ?? '';
}
