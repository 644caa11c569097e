import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import { ServiceError } from '../../ipc/errors';
import type { Db } from './engine';
import type { Database } from './schema';

/** Who is changing something: written to the audit log and to `updated_by`. */
export interface Actor {
  userId: number | null;
  logonId: string;
  origin: string;
}

export interface AuditEntry {
  tenantId: number | null;
  action: string;
  objectType: string;
  objectId?: string | number | null;
  objectName?: string | null;
  before?: unknown;
  after?: unknown;
}

export type Tx = Transaction<Database>;

export interface Work {
  readonly tx: Tx;
  /**
   * SQLite only: the raw connection, for hot bulk paths. Kysely runs the transaction on
   * this same connection, so prepared statements run here are part of it (and roll back
   * with it); a prepared statement run 10,000 times is far cheaper than 10,000 queries.
   */
  readonly sqlite: BetterSqlite3.Database | undefined;
  readonly actor: Actor;
  readonly now: string;
  audit(entry: AuditEntry): void;
  /** Tells the other consoles on this database that a row changed (after commit). */
  changed(table: string, tenantId: number | null, rowId?: string | number | null): void;
}

/** Columns whose values never reach the audit log. */
const SECRET = /pass(word)?|secret|token|hash|credential|private_?key/i;

export function redactForAudit(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactForAudit);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET.test(k) ? (v === null || v === '' ? v : '[redacted]') : redactForAudit(v);
    return out;
  }
  return value;
}

export const CHANGE_CHANNEL = 'ccm_changes';

export interface CommittedChange {
  table: string;
  tenantId: number | null;
  rowId: string | null;
}

/**
 * Where a console's own changes go: its id (other consoles skip their own rows) and, after commit, its own listeners.
 */
export interface ChangeSink {
  readonly consoleId: string;
  committed(changes: CommittedChange[]): void;
}

/**
 * One save = one transaction: the change, its audit entries and its change events commit
 * together or not at all. On PostgreSQL, NOTIFY inside the transaction is delivered only
 * on commit, so other consoles never hear of a change that rolled back.
 */
export async function transact<T>(db: Db, actor: Actor, sink: ChangeSink, fn: (work: Work) => Promise<T>): Promise<T> {
  const consoleId = sink.consoleId;
  const committed: CommittedChange[] = [];
  const result = await db.kysely.transaction().execute(async (tx) => {
    const now = new Date().toISOString();
    const audits: AuditEntry[] = [];
    const changes: CommittedChange[] = [];
    const result = await fn({
      tx,
      sqlite: db.sqlite,
      actor,
      now,
      audit: (e) => audits.push(e),
      changed: (table, tenantId, rowId) =>
        changes.push({ table, tenantId, rowId: rowId == null ? null : String(rowId) }),
    });
    // The audit view of every console refreshes when entries are added.
    if (audits.length > 0) changes.push({ table: 'audit_log', tenantId: audits[0]!.tenantId, rowId: null });
    const auditRow = (e: AuditEntry) => ({
      at: now,
      tenant_id: e.tenantId,
      actor_user_id: actor.userId,
      actor: actor.logonId,
      origin: actor.origin,
      action: e.action,
      object_type: e.objectType,
      object_id: e.objectId == null ? null : String(e.objectId),
      object_name: e.objectName ?? null,
      before_json: e.before === undefined ? null : JSON.stringify(redactForAudit(e.before)),
      after_json: e.after === undefined ? null : JSON.stringify(redactForAudit(e.after)),
    });
    if (db.sqlite && audits.length > 50) {
      const insert = db.sqlite.prepare(
        'insert into audit_log (at, tenant_id, actor_user_id, actor, origin, action, object_type, object_id, ' +
          'object_name, before_json, after_json) values (@at, @tenant_id, @actor_user_id, @actor, @origin, @action, ' +
          '@object_type, @object_id, @object_name, @before_json, @after_json)',
      );
      // A bulk write's audit (a 50,000-user import) in slices, letting main's event loop run between them.
      for (let i = 0; i < audits.length; i++) {
        if (i > 0 && i % 2000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        insert.run(auditRow(audits[i]!));
      }
      audits.length = 0;
    }
    // Chunked: SQLite allows at most 32766 bound parameters in one statement.
    for (let i = 0; i < audits.length; i += 1000) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve)); // see above
      await tx
        .insertInto('audit_log')
        .values(audits.slice(i, i + 1000).map(auditRow))
        .execute();
    }
    committed.push(...changes);
    if (changes.length > 0) {
      for (let i = 0; i < changes.length; i += 1000) {
        await tx
          .insertInto('change_event')
          .values(
            changes.slice(i, i + 1000).map((c) => ({
              at: now,
              tenant_id: c.tenantId,
              table_name: c.table,
              row_id: c.rowId,
              console_id: consoleId,
            })),
          )
          .execute();
      }
      if (db.engine === 'postgres') await sql`select pg_notify(${CHANGE_CHANNEL}, '')`.execute(tx);
    }
    return result;
  });
  // Only now, after commit: this console's own windows hear of its own changes too.
  if (committed.length > 0) sink.committed(committed);
  return result;
}

type VersionedTable = {
  [K in keyof Database]: Database[K] extends { version: unknown; updated_at: string; updated_by: string } ? K : never;
}[keyof Database];

/**
 * Optimistic concurrency: update a row only if it still has the version the editor
 * loaded. Otherwise refuse naming both versions and who changed it last (compare
 * Genesys: "The version you supplied [18] does not match the current version [19]").
 */
export async function updateVersioned(
  work: Work,
  table: VersionedTable,
  key: { column: 'id' | 'tenant_id'; value: number },
  expectedVersion: number,
  changes: Record<string, unknown>,
): Promise<number> {
  const { tx, actor, now } = work;
  // Kysely cannot type a table chosen at run time; the names come from VersionedTable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const t = tx as unknown as Transaction<any>;
  const res = await t
    .updateTable(table)
    .set({ ...changes, version: sql`version + 1`, updated_at: now, updated_by: actor.logonId })
    .where(key.column, '=', key.value)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) return expectedVersion + 1;
  const current = (await t
    .selectFrom(table)
    .select(['version', 'updated_by', 'updated_at'])
    .where(key.column, '=', key.value)
    .executeTakeFirst()) as { version: number; updated_by: string; updated_at: string } | undefined;
  if (!current) throw new ServiceError('NOT_FOUND', `It no longer exists: another console deleted it.`);
  throw new ServiceError(
    'CONFLICT',
    `The version you supplied [${expectedVersion}] does not match the current version [${current.version}]: ` +
      `${current.updated_by} changed it at ${current.updated_at}. Reload, overwrite, or merge.`,
    undefined,
    {
      rule: 'stale_version',
      conflict: {
        expectedVersion,
        version: Number(current.version),
        updatedBy: current.updated_by,
        updatedAt: `${current.updated_at}`,
      },
    },
  );
}
