import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { lazyRequire } from '../lazyRequire';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { guardedClientClass } from './pgAuthGuard';
import type { Database } from './schema';
import { fileIdentity, guardDialect, type AvailabilityHooks } from './availability';
import { startWalCheckpointer, type WalCheckpointer } from './walCheckpointer';

export type Engine = 'sqlite' | 'postgres';

/** pg is required only when a PostgreSQL database is opened (the demo and most sites use SQLite). */
const pgModule = lazyRequire<typeof pg>('pg');

export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string | undefined;
  ssl?: boolean | undefined;
}

export type DbTarget = { engine: 'sqlite'; file: string } | ({ engine: 'postgres' } & PostgresTarget);

export interface Db {
  readonly engine: Engine;
  readonly kysely: Kysely<Database>;
  /** A description without secrets, for logs and the title bar. */
  readonly label: string;
  /** PostgreSQL only: the pool, for LISTEN/NOTIFY. */
  readonly pgPool?: pg.Pool;
  /** SQLite only: the connection, for PRAGMA data_version polling. */
  readonly sqlite?: BetterSqlite3.Database;
  /** SQLite only: runs the WAL checkpoints in a worker thread, not inside main's COMMIT. */
  readonly checkpointer?: WalCheckpointer;
  /** SQLite only: why the file cannot be written (read-only file or folder), or null. */
  readOnlyCause?(): string | null;
  close(): Promise<void>;
}

const NO_HOOKS: AvailabilityHooks = { unavailable: () => {}, available: () => {} };

/**
 * Opens one of the two engines behind the same Kysely interface.
 * SQLite: WAL (readers never wait for the writer), foreign keys on (off by default in
 * SQLite!), a busy timeout so two consoles on one file queue instead of failing.
 */
export function openDb(target: DbTarget, hooks: AvailabilityHooks = NO_HOOKS): Db {
  if (target.engine === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true });
    const sqlite = new BetterSqlite3(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL'); // safe with WAL; a power cut can lose the last commit, never corrupt
    // Checkpoints of a large WAL would otherwise run inside COMMIT on main's thread (walCheckpointer.ts).
    const checkpointer = startWalCheckpointer(target.file, sqlite);
    // Database unavailable → UNAVAILABLE with the cause; a removed or replaced file is refused before each statement
    // and commit.
    const identity = fileIdentity(target.file);
    const dialect = guardDialect(
      new SqliteDialect({ database: sqlite }),
      { engine: 'sqlite', file: target.file },
      hooks,
      identity,
    );
    const kysely = new Kysely<Database>({ dialect });
    return {
      engine: 'sqlite',
      kysely,
      sqlite,
      checkpointer,
      readOnlyCause: () => identity.readOnlyCause(),
      label: `SQLite ${target.file}`,
      close: async () => {
        await checkpointer.close();
        await kysely.destroy();
      },
    };
  }
  const pool = new (pgModule().Pool)({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    ssl: target.ssl ? { rejectUnauthorized: true } : undefined,
    // Cleartext/MD5 password authentication only over verified TLS (SECURITY.md).
    Client: guardedClientClass(target),
    max: 8,
    connectionTimeoutMillis: 5000,
  });
  // An idle client losing its server must not crash main; the next query reconnects.
  pool.on('error', () => {});
  // Nor one that is checked out between statements (a transaction, LISTEN): its next statement fails, as UNAVAILABLE.
  pool.on('connect', (client) => client.on('error', () => {}));
  const kysely = new Kysely<Database>({
    dialect: guardDialect(
      new PostgresDialect({ pool }),
      { engine: 'postgres', host: target.host, port: target.port },
      hooks,
    ),
  });
  return {
    engine: 'postgres',
    kysely,
    pgPool: pool,
    label: `PostgreSQL ${target.user}@${target.host}:${target.port}/${target.database}`,
    close: () => kysely.destroy(),
  };
}
