import pg from 'pg';
import type { CityDatabase, CityRow } from '../shared/city';
import { redactDatabaseUrl, scrubSecrets } from '../shared/city';
import type { Result } from '../shared/model';
import { errorDetail, fail, ok, text } from '../shared/model';

// node-postgres behind the CityDatabase interface: used by the `gridplan city` CLI host
// (scripts/city-host.ts) and by the desktop app's main process (electron/city-office.ts), so both reach
// the city office through the same code.

/** A CityDatabase on a node-postgres pool (one connection per transaction, `size` at most). */
export function poolDatabase(pool: pg.Pool): CityDatabase {
  const on = (client: pg.Pool | pg.PoolClient): CityDatabase => ({
    async query(sql, params = []) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as CityRow[];
    },
    async transaction(work) {
      const connection = await pool.connect();
      // A connection lost mid-transaction (the server stopped, the session terminated) is also emitted as
      // an 'error' event: without a listener Node ends the process with a stack trace. The query waiting
      // on it rejects with the same error, which is what reaches the command.
      let lost: Error | undefined;
      const onError = (error: Error): void => {
        lost = error;
      };
      connection.on('error', onError);
      try {
        await connection.query('BEGIN');
        const value = await work(on(connection));
        await connection.query('COMMIT');
        return value;
      } catch (error) {
        if (!lost) await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        connection.off('error', onError);
        // A lost connection is closed, not handed back to the pool.
        connection.release(lost);
      }
    },
    close: () => pool.end(),
  });
  return on(pool);
}

/**
 * Opens the city database: a pool of `size` connections, tried once so that a wrong URL or a server that
 * is down is reported now (without the password) rather than at the first query.
 */
export async function openCityDatabase(url: string, size = 4): Promise<Result<CityDatabase>> {
  const pool = new pg.Pool({ connectionString: url, max: size, application_name: 'gridplan-city' });
  // An idle connection dropped by the server must not crash the process with the URL in a stack trace.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
    return ok(poolDatabase(pool));
  } catch (error) {
    await pool.end().catch(() => undefined);
    const detail = scrubSecrets(errorDetail(error), url);
    const where = redactDatabaseUrl(url);
    return fail({
      kind: 'unreachable',
      message: text(`无法连接 ${where}（${detail}）。`, `Cannot connect to ${where} (${detail}).`),
    });
  }
}
