import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { UserChanges } from '../../contract';
import type { Work } from '../../connectors/db/unitOfWork';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import { userSearchText } from '../../domain/users/search';

export interface BulkEdit {
  id: number;
  expectedVersion: number;
  changes: UserChanges;
}

const CHUNK = 1000; // rows per statement (PostgreSQL): 8 parameters each
const COLUMNS = ['first_name', 'last_name', 'directory_number', 'agent_group_id', 'user_type_id'] as const;
const SEARCHED = new Set<string>(['first_name', 'last_name', 'directory_number']);

/**
 * Applies many users' edits inside the caller's transaction: the current rows are read
 * once, merged with the changes, and written back with a version check per row — on
 * PostgreSQL one UPDATE … FROM (VALUES …) per chunk (one round trip per 1,000 rows), on
 * SQLite one prepared UPDATE run per row (no round trips; preparing a huge VALUES
 * statement costs more than running a small one 10,000 times). If any row was changed meanwhile the whole
 * save is refused (the transaction rolls back), naming the stale users.
 */
export async function bulkUpdateUsers(
  work: Work,
  tenantId: number,
  edits: BulkEdit[],
  check: {
    /** Supervisors: every agent group the users are in or are put in. */
    scope(agentGroupIds: number[]): void;
    /** The users as they are now (their current user type). */
    targets(current: ReadonlyArray<{ logon_id: string; user_type_id: number }>): void;
    /** Every user type the edits give (may the caller give it?). */
    givenTypes(userTypeIds: number[]): void;
  },
): Promise<Array<{ id: number; version: number }>> {
  const { tx, now, actor } = work;
  const ids = [...new Set(edits.map((e) => e.id))];
  if (ids.length !== edits.length)
    throw new ServiceError('INVALID', 'The same user appears twice in one save.', 'edits');
  type Current = {
    id: number;
    version: number;
    logon_id: string;
    external_logon_id: string | null;
    first_name: string;
    last_name: string;
    directory_number: string | null;
    agent_group_id: number;
    user_type_id: number;
  };
  const current = new Map<number, Current>();
  if (work.sqlite) {
    // One statement for all ids (json_each), instead of chunks of IN lists.
    const rows = work.sqlite
      .prepare(
        'select id, version, logon_id, external_logon_id, first_name, last_name, directory_number, agent_group_id, ' +
          'user_type_id from ' +
          'cc_user where tenant_id = ? and deleted = 0 and id in (select value from json_each(?))',
      )
      .all(tenantId, JSON.stringify(ids)) as Current[];
    for (const r of rows) current.set(r.id, r);
  }
  for (let i = 0; !work.sqlite && i < ids.length; i += CHUNK) {
    const rows = await tx
      .selectFrom('cc_user')
      .select([
        'id',
        'version',
        'logon_id',
        'external_logon_id',
        'first_name',
        'last_name',
        'directory_number',
        'agent_group_id',
        'user_type_id',
      ])
      .where('tenant_id', '=', tenantId)
      .where('deleted', '=', 0)
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) current.set(r.id, r);
  }
  const missing = ids.filter((id) => !current.has(id));
  if (missing.length > 0)
    throw new ServiceError('NOT_FOUND', `${missing.length} of the users no longer exist (e.g. ID ${missing[0]}).`);

  const groups = new Set<number>();
  for (const e of edits) {
    groups.add(current.get(e.id)!.agent_group_id);
    if (e.changes.agentGroupId !== undefined) groups.add(e.changes.agentGroupId);
  }
  check.scope([...groups]);
  check.targets([...current.values()]);
  check.givenTypes([
    ...new Set(
      edits
        .filter((e) => e.changes.userTypeId !== undefined && e.changes.userTypeId !== current.get(e.id)!.user_type_id)
        .map((e) => e.changes.userTypeId!),
    ),
  ]);

  const merged = edits.map((e) => {
    const c = current.get(e.id)!;
    const m = {
      id: e.id,
      expectedVersion: e.expectedVersion,
      before: c,
      first_name: e.changes.firstName ?? c.first_name,
      last_name: e.changes.lastName ?? c.last_name,
      directory_number: e.changes.directoryNumber !== undefined ? e.changes.directoryNumber : c.directory_number,
      agent_group_id: e.changes.agentGroupId ?? c.agent_group_id,
      user_type_id: e.changes.userTypeId ?? c.user_type_id,
    };
    // The search column follows the names and Directory Number (migration 018).
    return { ...m, search_text: userSearchText({ ...c, ...m }) };
  });
  const stale = merged.filter((m) => m.before.version !== m.expectedVersion);
  if (stale.length > 0)
    throw staleError(
      stale.map((m) => ({ logonId: m.before.logon_id, supplied: m.expectedVersion, current: m.before.version })),
    );

  const fail = (err: unknown): never => {
    const msg = (err as Error).message ?? '';
    if (/unique|duplicate/i.test(msg) && /directory_number/i.test(msg))
      throw new ServiceError(
        'INVALID',
        'A Directory Number in this save is already used by another user in the tenant.',
        'directoryNumber',
      );
    if (/foreign key/i.test(msg))
      throw new ServiceError('INVALID', 'An agent group or user type in this save does not exist.', 'agentGroupId');
    throw err;
  };
  if (work.sqlite) {
    // SET only the columns an edit changes: SQLite then leaves the other columns' indexes
    // alone (a bulk "move to agent group" touches one index, not five).
    const statements = new Map<string, BetterSqlite3.Statement>();
    for (const m of merged) {
      const cols: Array<(typeof COLUMNS)[number] | 'search_text'> = COLUMNS.filter((k) => m[k] !== m.before[k]);
      if (cols.some((k) => SEARCHED.has(k))) cols.push('search_text');
      const key = cols.join(',');
      let update = statements.get(key);
      if (!update) {
        const set = cols.map((k) => `${k} = ?`).join(', ');
        update = work.sqlite.prepare(
          `update cc_user set ${set}${set ? ', ' : ''}version = version + 1, updated_at = ?, updated_by = ? where ` +
            `id = ? and version = ? and tenant_id = ?`,
        );
        statements.set(key, update);
      }
      let changes = 0;
      try {
        changes = update.run(...cols.map((k) => m[k]), now, actor.logonId, m.id, m.expectedVersion, tenantId).changes;
      } catch (err) {
        fail(err);
      }
      if (changes !== 1) throw staleError([{ logonId: m.before.logon_id, supplied: 0, current: 0 }]);
    }
  }
  for (let i = 0; !work.sqlite && i < merged.length; i += CHUNK) {
    const chunk = merged.slice(i, i + CHUNK);
    const values = sql.join(
      chunk.map((m) => {
        const names = sql`cast(${m.first_name} as varchar(100)), cast(${m.last_name} as varchar(100))`;
        const dn = sql`cast(${m.directory_number} as varchar(50)), cast(${m.search_text} as text)`;
        const ids = sql`cast(${m.agent_group_id} as integer), cast(${m.user_type_id} as integer)`;
        return sql`(cast(${m.id} as integer), cast(${m.expectedVersion} as integer), ${names}, ${dn}, ${ids})`;
      }),
    );
    try {
      const setFields = sql.raw(
        'first_name = v.fn, last_name = v.ln, directory_number = v.dn, search_text = v.st, agent_group_id = v.ag, ' +
          'user_type_id = v.ut',
      );
      const res = await sql`
        with v(id, ver, fn, ln, dn, st, ag, ut) as (values ${values})
        update cc_user set ${setFields},
          version = cc_user.version + 1, updated_at = ${now}, updated_by = ${actor.logonId}
        from v where cc_user.id = v.id and cc_user.version = v.ver and cc_user.tenant_id = ${tenantId}`.execute(tx);
      // Another console committed between our read and this write: refuse it all.
      if (Number(res.numAffectedRows ?? 0) !== chunk.length)
        throw staleError([{ logonId: 'one or more users', supplied: 0, current: 0 }]);
    } catch (err) {
      if (err instanceof ServiceError) throw err;
      fail(err);
    }
  }

  for (const m of merged) {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const k of COLUMNS) {
      if (m.before[k] !== m[k]) {
        before[k] = m.before[k];
        after[k] = m[k];
      }
    }
    work.audit({
      tenantId,
      action: 'update',
      objectType: 'user',
      objectId: m.id,
      objectName: m.before.logon_id,
      before,
      after,
    });
  }
  work.changed('cc_user', tenantId, null);
  return merged.map((m) => ({ id: m.id, version: m.expectedVersion + 1 }));
}

function staleError(rows: Array<{ logonId: string; supplied: number; current: number }>): ServiceError {
  const first = rows[0]!;
  const detail = first.supplied
    ? `${first.logonId}: the version you supplied [${first.supplied}] does not match the current version ` +
      `[${first.current}]`
    : 'another console changed them while saving';
  return staleVersionError(
    `${rows.length} of the users were changed by someone else (${detail}). Nothing was saved; reload and try again.`,
    first.supplied ? { expectedVersion: first.supplied, version: first.current } : { version: first.current },
  );
}
