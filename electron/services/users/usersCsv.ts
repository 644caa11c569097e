import type { Kysely } from 'kysely';
import type { CsvImportResult, UserFilter, UserQuery } from '../../contract';
import type { Db, Engine } from '../../connectors/db/engine';
import type { Database } from '../../connectors/db/schema';
import { transact, type Actor, type ChangeSink } from '../../connectors/db/unitOfWork';
import { formatCsv, parseCsvYielding } from '../../domain/users/csv';
import { CSV_COLUMNS, phoneAgentLogonLabel } from '../../domain/users/csvColumns';
import { planImportYielding, type ExistingUser } from '../../domain/users/importPlan';
import { ServiceError } from '../../ipc/errors';
import { assertDispatchLicences } from '../dispatch';
import {
  assertGroupAndType,
  toColumns,
  toFields,
  translateDbError,
  withoutKeys,
  type CallerPermissions,
} from './userDoc';
import { exceedsCaller, typeGrants } from './rights';
import { sortedUsers } from './userQuery';

/** At most this many errors travel back; the report says when there were more. */
const MAX_REPORTED = 1000;
const CHUNK = 200;
/** Updates between two yields to the event loop. */
const UPDATES_PER_YIELD = 200;

/**
 * Lets main's event loop run (IPC, events, log sources, traps) between two batches of a long
 * import. The transaction stays open: other database calls wait for it (Kysely's connection
 * mutex on SQLite, the transaction's own connection on PostgreSQL), nothing else waits.
 */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every user matching the grid's filter (not only the rows on screen), in the grid's order. */
export async function exportUsersCsv(
  db: Kysely<Database>,
  engine: Engine,
  tenantId: number,
  q: UserFilter & Pick<UserQuery, 'sort' | 'direction'>,
) {
  const rows = await sortedUsers(db, tenantId, q, engine)
    .select([
      'u.chat_display_name',
      'u.circuit_user',
      'u.phone_agent_logon',
      'u.personal_default_destination',
      'u.dispatch_privilege',
    ])
    .execute();
  const lines: Array<Array<string | null>> = [CSV_COLUMNS.map((c) => c.header)];
  for (const r of rows) {
    const f = toFields({ ...r, tenant_id: tenantId } as never);
    lines.push([
      r.logon_id,
      r.first_name,
      r.last_name,
      r.directory_number,
      r.agent_group,
      r.user_type,
      r.external_logon_id,
      r.chat_display_name,
      r.circuit_user,
      phoneAgentLogonLabel(f.phoneAgentLogon),
      r.personal_default_destination,
      r.dispatch_privilege === 1 ? 'Yes' : 'No',
      r.locked === 1 ? 'Yes' : 'No',
      r.sync_id !== null ? 'Yes' : 'No',
      r.sync_id,
      r.last_logon_at,
    ]);
  }
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `users-${day}.csv`, text: formatCsv(lines), rows: rows.length };
}

/**
 * Validates the whole file first (domain/users/importPlan.ts); with any error nothing is
 * written and the report lists them (line, column, rule). Otherwise every row is applied in
 * ONE transaction (creates, updates, their audit entries, the dispatch licence check): a
 * failure there — another console took a value meanwhile, a stale row — rolls it all back.
 */
export async function importUsersCsv(
  db: Db,
  sink: ChangeSink,
  tenantId: number,
  text: string,
  who: { scope: readonly number[] | null; actor: Actor; caller: CallerPermissions },
  run: ImportRun = NO_RUN,
): Promise<CsvImportResult> {
  run.progress('reading', 0, 0);
  const parsed = await parseCsvYielding(text, yieldToLoop);
  if (!parsed.ok)
    return {
      applied: false,
      rows: 0,
      errors: [{ row: parsed.line, field: '', rule: `Not readable as CSV: ${parsed.message}.` }],
      truncated: false,
    };
  const k = db.kysely;
  const [agentGroups, types, users] = await Promise.all([
    k.selectFrom('agent_group').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
    typeGrants(k, tenantId),
    k.selectFrom('cc_user').selectAll().where('tenant_id', '=', tenantId).execute(),
  ]);
  const userTypes = [...types.values()].map((t) => ({ id: t.id, name: t.name }));
  const existing: ExistingUser[] = users.map((u) => ({
    id: u.id,
    version: u.version,
    deleted: u.deleted === 1,
    syncId: u.sync_id,
    fields: toFields(u),
  }));
  // A row that updates a user whose current type grants more than the caller's is refused (rights.ts).
  const cannotChange = (u: ExistingUser) => {
    const t = types.get(u.fields.userTypeId);
    return t ? exceedsCaller(who.caller, t) : `#${u.fields.userTypeId} is not one of this tenant`;
  };
  const total = parsed.records.length;
  run.progress('checking', 0, total);
  const plan = await planImportYielding(
    parsed.records,
    { agentGroups, userTypes, users: existing, scope: who.scope, cannotChange },
    yieldToLoop,
  );
  if (run.cancelled()) return cancelledResult(plan.rows);
  // A user type may only be given by someone who holds what it grants (same rule as the editor).
  if (plan.errors.length === 0) {
    const typeIds = new Set([
      ...plan.creates.map((c) => c.userTypeId),
      ...plan.updates.filter((u) => u.fields.userTypeId !== u.before.fields.userTypeId).map((u) => u.fields.userTypeId),
    ]);
    for (const typeId of typeIds) {
      try {
        await assertGroupAndType(
          k,
          tenantId,
          { agentGroupId: agentGroups[0]?.id ?? -1, userTypeId: typeId },
          who.caller,
          null,
        );
      } catch (err) {
        if (!(err instanceof ServiceError) || err.field !== 'userTypeId') throw err;
        const name = userTypes.find((t) => t.id === typeId)?.name ?? String(typeId);
        plan.errors.push({ row: 1, field: 'User Type', rule: `${err.message} (rows with the user type "${name}")` });
      }
    }
  }
  if (plan.errors.length > 0) {
    return {
      applied: false,
      rows: plan.rows,
      errors: plan.errors.slice(0, MAX_REPORTED),
      truncated: plan.errors.length > MAX_REPORTED,
    };
  }

  const writes = plan.creates.length + plan.updates.length;
  // Between batches: progress, and a cancel throws, which rolls the whole transaction back.
  const batchDone = async (done: number) => {
    run.progress('writing', done, writes);
    await yieldToLoop();
    if (run.cancelled()) throw new ImportCancelled();
  };
  let result: { created: number; updated: number };
  try {
    result = await write();
  } catch (err) {
    if (err instanceof ImportCancelled) return cancelledResult(plan.rows);
    throw err;
  }
  return { applied: true, rows: plan.rows, ...result };

  function write() {
    return transact(db, who.actor, sink, async (w) => {
      const { tx, now, actor } = w;
      const versioned = { updated_at: now, updated_by: actor.logonId };
      try {
        for (let i = 0; i < plan.creates.length; i += CHUNK) {
          if (i > 0) await batchDone(i);
          const chunk = plan.creates.slice(i, i + CHUNK);
          const ids = await tx
            .insertInto('cc_user')
            .values(
              chunk.map((f) => ({
                tenant_id: tenantId,
                ...toColumns(f),
                password_hash: null,
                locked: 0,
                deleted: 0,
                failed_attempts: 0,
                version: 1,
                ...versioned,
              })),
            )
            .returning('id')
            .execute();
          chunk.forEach((f, j) =>
            w.audit({
              tenantId,
              action: 'create',
              objectType: 'user',
              objectId: ids[j]!.id,
              objectName: f.logonId,
              after: { ...withoutKeys(toColumns(f)), source: 'csv' },
            }),
          );
        }
        for (const [n, u] of plan.updates.entries()) {
          if (n > 0 && n % UPDATES_PER_YIELD === 0) await batchDone(plan.creates.length + n);
          const before = toColumns(u.before.fields);
          const after = toColumns(u.fields);
          const changed = (Object.keys(after) as Array<keyof typeof after>).filter((c) => before[c] !== after[c]);
          if (changed.length === 0) continue;
          const set = Object.fromEntries(changed.map((c) => [c, after[c]]));
          const res = await tx
            .updateTable('cc_user')
            .set((eb) => ({ ...set, ...versioned, version: eb('version', '+', 1) }))
            .where('id', '=', u.before.id)
            .where('version', '=', u.before.version)
            .executeTakeFirst();
          if (Number(res.numUpdatedRows) !== 1) {
            throw new ServiceError(
              'CONFLICT',
              `${u.before.fields.logonId} was changed in another console while importing. Nothing was imported; ` +
                `import the file again.`,
            );
          }
          w.audit({
            tenantId,
            action: 'update',
            objectType: 'user',
            objectId: u.before.id,
            objectName: u.fields.logonId,
            before: withoutKeys(Object.fromEntries(changed.map((c) => [c, before[c]]))),
            after: { ...withoutKeys(set), source: 'csv' },
          });
        }
      } catch (err) {
        if (err instanceof ServiceError || err instanceof ImportCancelled) throw err;
        translateDbError(err);
      }
      await batchDone(writes);
      run.progress('saving', writes, writes);
      await assertDispatchLicences(tx, tenantId);
      w.changed('cc_user', tenantId, null);
      return { created: plan.creates.length, updated: plan.updates.length };
    });
  }
}

/**
 * A running import as its caller sees it: progress reports (events) and whether the user cancelled it.
 * Cancel is checked between batches; a cancelled import rolls its transaction back, so nothing of it
 * is imported (the result says cancelled).
 */
export interface ImportRun {
  progress(phase: 'reading' | 'checking' | 'writing' | 'saving', done: number, total: number): void;
  cancelled(): boolean;
}
const NO_RUN: ImportRun = { progress: () => {}, cancelled: () => false };

class ImportCancelled extends Error {}

const cancelledResult = (rows: number): CsvImportResult => ({
  applied: false,
  cancelled: true,
  rows,
  errors: [],
  truncated: false,
});
