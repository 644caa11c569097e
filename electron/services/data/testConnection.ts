import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import type { TestResult } from '../../contract';
import { openDb, type DbTarget } from '../../connectors/db/engine';
import { inspectSchema } from '../../connectors/db/migrate';
import type { MigrationSet } from '../../connectors/db/parts';

/** Postgres error codes worth a sentence of their own. */
const PG_BAD_CREDENTIALS = new Set(['28P01', '28000']);
const PG_NO_DATABASE = '3D000';
const NET_UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ENETUNREACH', 'EAI_AGAIN']);

export function describeDbError(err: unknown, target: DbTarget): TestResult {
  const e = err as { code?: string; message?: string };
  const where = target.engine === 'postgres' ? `${target.host}:${target.port}` : target.file;
  if (target.engine === 'postgres') {
    if (e.code === 'CCM_INSECURE_AUTH')
      return { ok: false, kind: 'insecure-auth', message: e.message ?? 'Refused: insecure password authentication.' };
    if (e.code && PG_BAD_CREDENTIALS.has(e.code))
      return {
        ok: false,
        kind: 'bad-credentials',
        message: `Bad credentials: the server at ${where} refused user "${target.user}" with this password.`,
      };
    if (e.code === PG_NO_DATABASE)
      return {
        ok: false,
        kind: 'no-database',
        message: `The database "${target.database}" does not exist on ${where}.`,
      };
    if ((e.code && NET_UNREACHABLE.has(e.code)) || /timeout|terminated unexpectedly|connect/i.test(e.message ?? '')) {
      return {
        ok: false,
        kind: 'unreachable',
        message: `Unreachable: no PostgreSQL server answered at ${where} (${e.code ?? e.message ?? 'no answer'}).`,
      };
    }
  }
  if (e.code === 'SQLITE_NOTADB') return { ok: false, kind: 'error', message: `${where} is not a SQLite database.` };
  if (e.code === 'SQLITE_CANTOPEN')
    return {
      ok: false,
      kind: 'unreachable',
      message: `Cannot open ${where}: check the folder exists and is writable.`,
    };
  return { ok: false, kind: 'error', message: `Could not connect to ${where}: ${e.message ?? String(err)}` };
}

function isSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === 'SQLite format 3\0' || head.every((b) => b === 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * Test Connection: reach the server, authenticate, read the schema version — without
 * changing anything (a missing SQLite file is reported, not created).
 */
export async function testConnection(target: DbTarget, migrations: MigrationSet): Promise<TestResult> {
  if (target.engine === 'sqlite') {
    if (!existsSync(target.file))
      return {
        ok: true,
        kind: 'new-database',
        message: `The file does not exist yet: connecting will create a new database at ${target.file}.`,
      };
    if (!isSqliteFile(target.file))
      return { ok: false, kind: 'error', message: `${target.file} is not a SQLite database.` };
  }
  const db = openDb(target);
  try {
    const schema = await inspectSchema(db, migrations);
    if (schema.unknown.length > 0) {
      return {
        ok: false,
        kind: 'wrong-schema',
        message:
          `Wrong schema version: the database is at version ${schema.version}, newer than this console ` +
          `(${schema.expected}). Update the console.`,
      };
    }
    if (schema.version === 0)
      return {
        ok: true,
        kind: 'new-database',
        message: 'Connected. The database is empty: connecting will create the console’s tables.',
      };
    if (schema.version < schema.expected) {
      return {
        ok: true,
        kind: 'upgrade-needed',
        message: `Connected. Schema version ${schema.version}; connecting will upgrade it to ${schema.expected}.`,
      };
    }
    return { ok: true, kind: 'ok', message: `Connected. Schema version ${schema.version} (current).` };
  } catch (err) {
    return describeDbError(err, target);
  } finally {
    await db.close().catch(() => {});
  }
}
