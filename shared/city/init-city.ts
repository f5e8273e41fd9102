import type { CityDatabase } from './city-database';
import { numberColumn } from './city-database';
import { CITY_MIGRATIONS } from './city-migrations';

/** What `city init` did. */
export interface CityInitResult {
  /** Versions applied now (empty when the schema was already current). */
  readonly applied: readonly number[];
  /** The schema version after init. */
  readonly version: number;
}

// A fixed advisory lock key: two `city init` at once apply each migration once (the second waits).
const INIT_LOCK = 4_490_010;

/**
 * Creates or upgrades the city office schema: PostGIS, `schema_migrations`, then every migration not yet
 * recorded, all in one transaction. Running it again changes nothing (idempotent).
 */
export async function initCity(db: CityDatabase): Promise<CityInitResult> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [INIT_LOCK]);
    await tx.query('CREATE EXTENSION IF NOT EXISTS postgis');
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => numberColumn(row, 'version')));
    const applied: number[] = [];
    for (const migration of CITY_MIGRATIONS) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    const version = Math.max(0, ...done, ...applied);
    return { applied, version };
  });
}

/** The schema version recorded in the database, or 0 when `city init` was never run. */
export async function citySchemaVersion(db: CityDatabase): Promise<number> {
  const exists = await db.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  if (exists[0]?.present !== true) return 0;
  const rows = await db.query('SELECT coalesce(max(version), 0) AS version FROM schema_migrations');
  return numberColumn(rows[0] ?? {}, 'version');
}
