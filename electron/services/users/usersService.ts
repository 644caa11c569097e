import { sql } from 'kysely';
import type { usersService as usersContract, UserQuery } from '../../contract';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import type { ServiceImpl } from '../../ipc/router';
import { setPasswordOf } from '../auth/authService';
import type { DataContext } from '../data/dataContext';
import { actorOf, assertUserInScope, tenantFor } from '../scope';
import { bulkUpdateUsers } from './bulkUpdate';
import { getUserRow, toUserRow, userRowQuery } from './userRepo';

const SORT_COLUMNS = {
  logonId: 'u.logon_id',
  firstName: 'u.first_name',
  lastName: 'u.last_name',
  directoryNumber: 'u.directory_number',
  agentGroup: 'g.name',
  userType: 't.name',
  externalLogonId: 'u.external_logon_id',
  locked: 'u.locked',
  lastLogonAt: 'u.last_logon_at',
} as const;

/**
 * Users, as far as the database issue needs them: the grid's server-side page (sort,
 * filter, search in SQL) and the account actions (lock, unlock, set password). The full
 * editor arrives with the users issue.
 */
export function createUsersService(data: DataContext): ServiceImpl<typeof usersContract> {
  const filtered = (tenantId: number, q: UserQuery) => {
    const db = data.require().kysely;
    let query = userRowQuery(db).where('u.tenant_id', '=', tenantId);
    if (q.search) {
      const like = `%${q.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or(
          (['u.logon_id', 'u.first_name', 'u.last_name', 'u.external_logon_id', 'u.directory_number'] as const).map((c) => eb(sql`lower(${sql.ref(c)})`, 'like', sql`${like} escape '\\'`)),
        ),
      );
    }
    if (q.agentGroupId !== undefined) query = query.where('u.agent_group_id', '=', q.agentGroupId);
    if (q.userTypeId !== undefined) query = query.where('u.user_type_id', '=', q.userTypeId);
    if (q.locked !== undefined) query = query.where('u.locked', '=', q.locked ? 1 : 0);
    if (q.synchronized !== undefined) query = query.where('u.sync_id', q.synchronized ? 'is not' : 'is', null);
    return query;
  };

  return {
    async page(q, ctx) {
      const tenantId = tenantFor(ctx);
      const base = filtered(tenantId, q);
      const [count, rows] = await Promise.all([
        base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        base.orderBy(sql.ref(SORT_COLUMNS[q.sort]), q.direction).orderBy('u.id', q.direction).limit(q.limit).offset(q.offset).execute(),
      ]);
      return { total: Number(count.n), rows: rows.map(toUserRow) };
    },

    async lock({ id, expectedVersion }, ctx) {
      return setLock(id, expectedVersion, true, ctx);
    },
    async unlock({ id, expectedVersion }, ctx) {
      return setLock(id, expectedVersion, false, ctx);
    },

    async bulkUpdate({ edits }, ctx) {
      const tenantId = tenantFor(ctx);
      const db = data.require();
      const scope = ctx.principal.identity?.agentGroupScope ?? null;
      const versions = await transact(db, actorOf(ctx), data, (w) =>
        bulkUpdateUsers(w, tenantId, edits, (groups) => {
          const outside = scope ? groups.filter((g) => !scope.includes(g)) : [];
          if (outside.length > 0) assertUserInScope(ctx, outside[0]!, `agent group ${outside[0]}`);
        }),
      );
      return { updated: versions.length, versions };
    },

    async setPassword({ id, expectedVersion, password }, ctx) {
      const tenantId = tenantFor(ctx);
      const db = data.require();
      const before = await getUserRow(db.kysely, tenantId, id);
      assertUserInScope(ctx, before.agentGroupId, before.agentGroup);
      await setPasswordOf(db, data, { userId: id, tenantId, newPassword: password, field: 'password', expectedVersion }, actorOf(ctx), 'password-set');
      return getUserRow(db.kysely, tenantId, id);
    },
  };

  async function setLock(id: number, expectedVersion: number, lock: boolean, ctx: Parameters<ServiceImpl<typeof usersContract>['lock']>[1]) {
    const tenantId = tenantFor(ctx);
    const db = data.require();
    const before = await getUserRow(db.kysely, tenantId, id);
    assertUserInScope(ctx, before.agentGroupId, before.agentGroup);
    await transact(db, actorOf(ctx), data, async (w) => {
      await updateVersioned(
        w,
        'cc_user',
        { column: 'id', value: id },
        expectedVersion,
        lock
          ? { locked: 1, lock_reason: 'manual', locked_at: w.now, locked_by_host: null }
          : { locked: 0, lock_reason: null, locked_at: null, locked_by_host: null, failed_attempts: 0 },
      );
      w.audit({
        tenantId,
        action: lock ? 'lock' : 'unlock',
        objectType: 'user',
        objectId: id,
        objectName: before.logonId,
        before: { locked: before.locked, lockReason: before.lockReason, lockedByHost: before.lockedByHost },
        after: { locked: lock, lockReason: lock ? 'manual' : null },
      });
      w.changed('cc_user', tenantId, id);
    });
    return getUserRow(db.kysely, tenantId, id);
  }
}
