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

/** Thrown inside a transaction to roll it back while carrying the answer out of it. */
export class CityRefusal<T> extends Error {
  constructor(readonly answer: T) {
    super('refused');
  }
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
