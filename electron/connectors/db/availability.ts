import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseConnection, Dialect, Driver, QueryResult } from 'kysely';
import { ServiceError } from '../../ipc/errors';

/**
 * Database unavailable (server stopped, connection lost, file read-only or removed) is
 * not a bug: it answers UNAVAILABLE with the cause in words, never INTERNAL, and never
 * "ok" for a write that did not reach the database.
 */

/** Where the database lives, for the words of a cause. */
export type Whereabouts = { engine: 'sqlite'; file: string } | { engine: 'postgres'; host: string; port: number };

const PG_CONNECTION_LOST =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Client was closed|Connection ended|socket hang up/i;

/** The cause in words when `err` means the database cannot be used now, else null. */
export function unavailableCause(err: unknown, where?: Whereabouts): string | null {
  if (err instanceof ServiceError) return err.code === 'UNAVAILABLE' ? err.message : null;
  if (!err || typeof err !== 'object') return null;
  const code = String((err as { code?: unknown }).code ?? '');
  const message = String((err as { message?: unknown }).message ?? '');
  const server = where?.engine === 'postgres' ? `PostgreSQL at ${where.host}:${where.port}` : 'The PostgreSQL server';
  const file = where?.engine === 'sqlite' ? `The database file ${where.file}` : 'The database file';
  switch (code) {
    case 'ECONNREFUSED':
      return `${server} refused the connection: the server is not running or not listening there.`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${server} closed the connection: the server was stopped or restarted, or the network dropped.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${server} cannot be reached over the network (${code}).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${server}: the host name cannot be resolved.`;
    case '57P01':
      return `${server} was shut down by its administrator.`;
    case '57P02':
      return `${server} stopped after a crash.`;
    case '57P03':
      return `${server} is starting up or shutting down and does not accept connections yet.`;
    case '53300':
      return `${server} has too many connections.`;
  }
  if (/^08/.test(code)) return `${server} lost the connection (${code}).`;
  if (code.startsWith('SQLITE_READONLY')) return `${file} is read-only: changes cannot be saved.`;
  if (code.startsWith('SQLITE_CANTOPEN'))
    return `${file} cannot be opened (was it or its folder removed or made read-only?).`;
  if (code === 'SQLITE_FULL') return `${file} cannot grow: the disk is full.`;
  if (code.startsWith('SQLITE_IOERR'))
    return (
      `${file} cannot be written (disk I/O error ${code}): the disk failed, is full, or the file was made ` +
      `read-only.`
    );
  if (!code && PG_CONNECTION_LOST.test(message))
    return `${server} closed the connection: the server was stopped or restarted, or the network dropped.`;
  return null;
}

/**
 * SQLite: the file the console opened, so a removed or replaced file is noticed before a write is "saved" into nothing.
 */
export interface FileIdentity {
  check(): void;
  /** Null when the file and its folder can be written; else why not. */
  readOnlyCause(): string | null;
}

export function fileIdentity(file: string): FileIdentity {
  const first = statSync(file);
  const removed = () =>
    new ServiceError(
      'UNAVAILABLE',
      `The database file ${file} was removed or replaced while the console was using it: changes cannot be saved. ` +
        `Restore the file and reconnect.`,
    );
  return {
    check() {
      const now = statSync(file, { throwIfNoEntry: false });
      if (!now || now.ino !== first.ino || now.dev !== first.dev) throw removed();
    },
    readOnlyCause() {
      // access(2) honours the immutable flag and read-only mounts, for root too.
      for (const [path, what] of [
        [file, 'file'],
        [dirname(file), 'folder'],
      ] as const) {
        try {
          accessSync(path, constants.W_OK);
        } catch {
          return `The database ${what} ${path} is read-only: changes cannot be saved.`;
        }
      }
      return null;
    },
  };
}

export interface AvailabilityHooks {
  /** The database failed for a reason in `cause` (called on every such failure). */
  unavailable(cause: string): void;
  /** A statement succeeded (the database answers again). */
  available(): void;
}

/**
 * Wraps a Kysely dialect so that every statement, begin, commit and rollback maps a
 * database-unavailable error to ServiceError('UNAVAILABLE', <cause>) and reports it, and
 * (SQLite) checks that the file is still the one opened before each of them — above all
 * before COMMIT, so a change written into a removed file is rolled back and refused.
 */
export function guardDialect(
  inner: Dialect,
  where: Whereabouts,
  hooks: AvailabilityHooks,
  identity?: FileIdentity,
): Dialect {
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      identity?.check();
      const value = await run();
      hooks.available();
      return value;
    } catch (err) {
      const cause = unavailableCause(err, where);
      if (cause === null) throw err;
      hooks.unavailable(cause);
      if (err instanceof ServiceError) throw err;
      const refusal = new ServiceError('UNAVAILABLE', `Database unavailable: ${cause}`);
      refusal.cause = err; // the driver's own error, for messages that need its code (Test Connection)
      throw refusal;
    }
  };
  const wrapConnection = (c: DatabaseConnection): DatabaseConnection => {
    const wrapped: DatabaseConnection = {
      executeQuery: <R>(q: Parameters<DatabaseConnection['executeQuery']>[0]): Promise<QueryResult<R>> =>
        guard(() => c.executeQuery<R>(q)),
      streamQuery: (q, chunkSize) => c.streamQuery(q, chunkSize),
    };
    originals.set(wrapped, c);
    return wrapped;
  };
  const originals = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const inside = (c: DatabaseConnection) => originals.get(c) ?? c;
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver(): Driver {
      const d = inner.createDriver();
      const driver: Driver = {
        init: () => d.init(),
        acquireConnection: () => guard(() => d.acquireConnection()).then(wrapConnection),
        beginTransaction: (c, settings) => guard(() => d.beginTransaction(inside(c), settings)),
        commitTransaction: (c) => guard(() => d.commitTransaction(inside(c))),
        rollbackTransaction: async (c) => {
          try {
            await d.rollbackTransaction(inside(c));
          } catch (err) {
            // A rollback on a lost connection: the transaction is gone anyway; the first error is the one to answer.
            if (unavailableCause(err, where) === null) throw err;
          }
        },
        releaseConnection: (c) => d.releaseConnection(inside(c)),
        destroy: () => d.destroy(),
      };
      if (d.savepoint) driver.savepoint = (c, name, compile) => guard(() => d.savepoint!(inside(c), name, compile));
      if (d.rollbackToSavepoint)
        driver.rollbackToSavepoint = (c, name, compile) => d.rollbackToSavepoint!(inside(c), name, compile);
      if (d.releaseSavepoint)
        driver.releaseSavepoint = (c, name, compile) => guard(() => d.releaseSavepoint!(inside(c), name, compile));
      return driver;
    },
  };
}
