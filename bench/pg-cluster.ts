import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

/** A throwaway PostgreSQL 15 + PostGIS cluster for tests and benchmarks: a real server, no mock. */
export interface PgCluster {
  /** `postgres://postgres:PASSWORD@127.0.0.1:PORT/DB` of a fresh database with PostGIS. */
  readonly url: string;
  readonly port: number;
  /** The password in the URL (checked with `passwordAuth`, else ignored; tests check it never leaks). */
  readonly password: string;
  /** Makes another empty database in the same cluster and returns its URL. */
  createDatabase(name: string): string;
  /** Stops the server and removes its folder. */
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command as the postgres user when we are root (initdb refuses to run as root). */
function asPostgres(command: string, args: readonly string[]): void {
  const isRoot = process.getuid?.() === 0;
  const result = isRoot
    ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', [command, ...args].map(quote).join(' ')], {
        encoding: 'utf8',
      })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} failed: ${result.stderr || result.stdout}`);
  }
}

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Options of {@link startPgCluster}. */
export interface PgClusterOptions {
  /**
   * TCP connections must give the password of the URL (scram-sha-256) instead of being trusted, so a
   * wrong password is refused as on a real server; the socket in the folder stays trusted.
   */
  readonly passwordAuth?: boolean;
}

/**
 * Starts a cluster in a new folder under /tmp on a free loopback port (initdb as the postgres user, trust
 * authentication unless `passwordAuth`, the socket in the folder), creates database `gridplan` and
 * returns its URL. Call `stop` in afterAll.
 */
export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const passwordFile = path.join(dir, 'pwfile');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o644 });
  const auth = options.passwordAuth
    ? ['--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${passwordFile}`]
    : ['-A', 'trust'];
  asPostgres(`${BIN}/initdb`, ['-D', data, ...auth, '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  rmSync(passwordFile, { force: true });
  const port = await freePort();
  asPostgres(`${BIN}/pg_ctl`, [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`,
    'start',
    '-w',
  ]);
  const stop = () => {
    try {
      asPostgres(`${BIN}/pg_ctl`, ['-D', data, 'stop', '-m', 'immediate', '-w']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const createDatabase = (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
    asPostgres(`${BIN}/psql`, [
      '-h',
      dir,
      '-p',
      String(port),
      '-U',
      'postgres',
      '-c',
      `CREATE DATABASE ${name}`,
    ]);
    return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
  };
  try {
    return { url: createDatabase('gridplan'), port, password, createDatabase, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
