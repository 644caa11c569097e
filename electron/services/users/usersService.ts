import type { usersService as usersContract, UserFields } from '../../contract';
import { OBJECT_TYPE } from '../../connectors/db/schema';
import { transact, updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import { ServiceError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import { setPasswordOf } from '../auth';
import type { DataContext } from '../data';
import { assertDispatchLicences } from '../dispatch';
import { assertInternalNumber } from '../systemParameters';
import { actorOf, assertUserInScope, identityOf, tenantFor } from '../scope';
import { resolveSelection, runBulkAction, type BulkCaller } from './bulkActions';
import { bulkUpdateUsers } from './bulkUpdate';
import { createSaveGuards, type SaveGuards } from './saveGuards';
import { exportUsersCsv, importUsersCsv } from './usersCsv';
import {
  assertGroupAndType,
  assertUnique,
  getUserDoc,
  loadUser,
  toColumns,
  toFields,
  translateDbError,
  withoutKeys,
} from './userDoc';
import { countUsers, deepPage, sortedUsers } from './userQuery';
import { getUserRow, toUserRow } from './userRepo';
import { assertMayChangeUser, assertMayChangeUsers, exceedsCaller, typeGrants } from './rights';
import { identityKey } from '../../domain/users/logonKey';

/**
 * Users (issue 4): the grid's server-side page (sort, filter, search in SQL), User
 * Properties (get / create / save / copy), bulk actions, CSV export and import, the tenant's
 * User Deletion settings, and the account actions (lock, unlock, set password). Every write
 * is one transaction, checks the supervisor's agent-group scope, and — where it can give
 * dispatch privilege — the tenant's dispatch licence pool inside that transaction.
 */
interface ImportProgress {
  importId: string;
  phase: 'reading' | 'checking' | 'writing' | 'saving';
  done: number;
  total: number;
}

export function createUsersService(
  data: DataContext,
  guards: SaveGuards = createSaveGuards(),
  importProgress: (p: ImportProgress) => void = () => {},
): ServiceImpl<typeof usersContract> {
  /** Running CSV imports by id: who started it (only they may cancel it) and whether they did. */
  const imports = new Map<string, { userId: number; tenantId: number; cancelled: boolean }>();
  const scopeOf = (ctx: CallContext) => identityOf(ctx).agentGroupScope;
  const callerOf = (ctx: CallContext) => ({
    hostAdmin: identityOf(ctx).hostAdmin,
    permissions: ctx.principal.permissions,
  });

  const groupNames = async (tenantId: number) =>
    new Map(
      (
        await data
          .require()
          .kysely.selectFrom('agent_group')
          .select(['id', 'name'])
          .where('tenant_id', '=', tenantId)
          .execute()
      ).map((g) => [g.id, g.name]),
    );

  /** Supervisors: the user's current group and the group it is put in must both be theirs. */
  const assertScope = async (ctx: CallContext, tenantId: number, ...groupIds: number[]) => {
    const scope = scopeOf(ctx);
    if (!scope) return;
    const names = await groupNames(tenantId);
    for (const g of groupIds) assertUserInScope(ctx, g, names.get(g) ?? `#${g}`);
  };

  /** Writes the user's object tag assignments and skills of `fromId` onto `toId` (copy). */
  const copyAssignments = async (w: Work, fromId: number, toId: number) => {
    const tags = await w.tx
      .selectFrom('object_tag_mapping')
      .selectAll()
      .where('object_type', '=', OBJECT_TYPE.agent)
      .where('object_id', '=', fromId)
      .execute();
    if (tags.length > 0)
      await w.tx
        .insertInto('object_tag_mapping')
        .values(tags.map((t) => ({ ...t, object_id: toId })))
        .execute();
    const skills = await w.tx.selectFrom('skill_assignment').selectAll().where('user_id', '=', fromId).execute();
    if (skills.length > 0)
      await w.tx
        .insertInto('skill_assignment')
        .values(skills.map((s) => ({ ...s, user_id: toId })))
        .execute();
  };

  const insertUser = async (ctx: CallContext, tenantId: number, fields: UserFields, copyFrom: number | null) => {
    const db = data.require();
    await assertScope(ctx, tenantId, fields.agentGroupId);
    const id = await transact(db, actorOf(ctx), data, async (w) => {
      await assertGroupAndType(w.tx, tenantId, fields, callerOf(ctx), null);
      await assertUnique(w.tx, tenantId, fields, null);
      await assertInternalNumber(w.tx, tenantId, fields.directoryNumber, 'directoryNumber', 'Directory Number');
      let newId: number;
      try {
        newId = (
          await w.tx
            .insertInto('cc_user')
            .values({
              tenant_id: tenantId,
              ...toColumns(fields),
              password_hash: null,
              locked: 0,
              deleted: 0,
              failed_attempts: 0,
              version: 1,
              updated_at: w.now,
              updated_by: w.actor.logonId,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      } catch (err) {
        translateDbError(err);
      }
      if (copyFrom !== null) await copyAssignments(w, copyFrom, newId);
      if (fields.dispatchPrivilege) await assertDispatchLicences(w.tx, tenantId);
      w.audit({
        tenantId,
        action: copyFrom === null ? 'create' : 'copy',
        objectType: 'user',
        objectId: newId,
        objectName: fields.logonId,
        after: withoutKeys(toColumns(fields)),
      });
      w.changed('cc_user', tenantId, newId);
      return newId;
    });
    return getUserDoc(db.kysely, tenantId, id);
  };

  return {
    async page(q, ctx) {
      const tenantId = tenantFor(ctx);
      const { kysely: db, engine } = data.require();
      const [total, rows] = await Promise.all([
        q.withTotal ? countUsers(db, tenantId, q, engine) : -1,
        (q.offset >= 1000
          ? deepPage(db, tenantId, q, engine)
          : sortedUsers(db, tenantId, q, engine).limit(q.limit).offset(q.offset)
        ).execute(),
      ]);
      return { total, rows: rows.map(toUserRow) };
    },

    async lookups(_args, ctx) {
      const tenantId = tenantFor(ctx);
      const db = data.require().kysely;
      const scope = scopeOf(ctx);
      const [groups, types, tenant] = await Promise.all([
        db.selectFrom('agent_group').select(['id', 'name']).where('tenant_id', '=', tenantId).orderBy('name').execute(),
        db.selectFrom('user_type').select(['id', 'name']).where('tenant_id', '=', tenantId).orderBy('name').execute(),
        db
          .selectFrom('tenant')
          .select(['version', 'never_delete_synced', 'allow_manual_delete_synced'])
          .where('id', '=', tenantId)
          .executeTakeFirstOrThrow(),
      ]);
      return {
        agentGroups: groups.map((g) => ({ ...g, inScope: !scope || scope.includes(g.id) })),
        userTypes: types,
        deletion: {
          version: tenant.version,
          neverDeleteSynced: tenant.never_delete_synced === 1,
          allowManualDeleteSynced: tenant.allow_manual_delete_synced === 1,
        },
      };
    },

    async get({ id }, ctx) {
      return getUserDoc(data.require().kysely, tenantFor(ctx), id);
    },

    async create({ fields }, ctx) {
      return insertUser(ctx, tenantFor(ctx), fields, null);
    },

    async copy({ id, fields }, ctx) {
      const tenantId = tenantFor(ctx);
      const source = await loadUser(data.require().kysely, tenantId, id);
      if (identityKey(fields.logonId) === source.logon_key) {
        throw new ServiceError('INVALID', `A copy needs a new Logon ID (not ${source.logon_id}).`, 'logonId');
      }
      return insertUser(ctx, tenantId, fields, id);
    },

    async save({ id, expectedVersion, fields }, ctx) {
      const tenantId = tenantFor(ctx);
      const db = data.require();
      const before = await loadUser(db.kysely, tenantId, id);
      if (before.deleted === 1)
        throw new ServiceError('INVALID', `${before.logon_id} is deleted: undelete it before changing it.`);
      await assertScope(ctx, tenantId, before.agent_group_id, fields.agentGroupId);
      await transact(db, actorOf(ctx), data, async (w) => {
        // The user as it is now (in this transaction): its current type must not grant more than the caller's.
        const current = await loadUser(w.tx, tenantId, id);
        await assertMayChangeUser(w.tx, tenantId, callerOf(ctx), current);
        await assertGroupAndType(w.tx, tenantId, fields, callerOf(ctx), before.user_type_id);
        await assertUnique(w.tx, tenantId, fields, id);
        await assertInternalNumber(w.tx, tenantId, fields.directoryNumber, 'directoryNumber', 'Directory Number');
        const old = withoutKeys(toColumns(toFields(before)));
        const next = withoutKeys(toColumns(fields));
        try {
          await updateVersioned(w, 'cc_user', { column: 'id', value: id }, expectedVersion, toColumns(fields));
        } catch (err) {
          if (err instanceof ServiceError) throw err;
          translateDbError(err);
        }
        // Other features' rules (after the write: the row is locked, see saveGuards.ts).
        await guards.run(w.tx, {
          tenantId,
          userId: id,
          logonId: fields.logonId,
          before: toFields(current),
          after: fields,
        });
        if (fields.dispatchPrivilege && before.dispatch_privilege === 0) await assertDispatchLicences(w.tx, tenantId);
        const b: Record<string, unknown> = {};
        const a: Record<string, unknown> = {};
        for (const k of Object.keys(next) as Array<keyof typeof next>) {
          if (old[k] !== next[k]) {
            b[k] = old[k];
            a[k] = next[k];
          }
        }
        w.audit({
          tenantId,
          action: 'update',
          objectType: 'user',
          objectId: id,
          objectName: fields.logonId,
          before: b,
          after: a,
        });
        w.changed('cc_user', tenantId, id);
      });
      return getUserDoc(db.kysely, tenantId, id);
    },

    async bulk({ selection, action }, ctx) {
      const tenantId = tenantFor(ctx);
      const db = data.require();
      const names = await groupNames(tenantId);
      const caller: BulkCaller = {
        ...callerOf(ctx),
        userId: identityOf(ctx).userId,
        scope: scopeOf(ctx),
        groupName: (g) => names.get(g) ?? `#${g}`,
        beforeDelete: guards.runDelete,
      };
      return transact(db, actorOf(ctx), data, async (w) => {
        const targets = await resolveSelection(w, tenantId, selection);
        return runBulkAction(w, tenantId, targets, action, caller);
      });
    },

    async count({ selection }, ctx) {
      const tenantId = tenantFor(ctx);
      if ('ids' in selection) return { count: new Set(selection.ids).size };
      const { kysely: db, engine } = data.require();
      return {
        count: Math.max(
          0,
          (await countUsers(db, tenantId, selection.filter, engine)) - new Set(selection.exceptIds).size,
        ),
      };
    },

    async exportCsv(q, ctx) {
      const { kysely, engine } = data.require();
      return exportUsersCsv(kysely, engine, tenantFor(ctx), { ...q.filter, sort: q.sort, direction: q.direction });
    },

    async importCsv({ text, importId }, ctx) {
      const tenantId = tenantFor(ctx);
      const db = data.require();
      if (importId !== undefined && imports.has(importId))
        throw new ServiceError('INVALID', 'An import with this id is already running.', 'importId');
      const entry = { userId: identityOf(ctx).userId, tenantId, cancelled: false };
      if (importId !== undefined) imports.set(importId, entry);
      try {
        return await importUsersCsv(
          db,
          data,
          tenantId,
          text,
          { scope: scopeOf(ctx), actor: actorOf(ctx), caller: callerOf(ctx) },
          {
            progress: (phase, done, total) => {
              if (importId !== undefined) importProgress({ importId, phase, done, total });
            },
            cancelled: () => entry.cancelled,
          },
        );
      } finally {
        if (importId !== undefined) imports.delete(importId);
      }
    },

    async cancelImport({ importId }, ctx) {
      // Only the user who started the import, in the tenant it writes to; another's is "not running".
      const run = imports.get(importId);
      if (!run || run.userId !== identityOf(ctx).userId || run.tenantId !== tenantFor(ctx))
        throw new ServiceError('NOT_FOUND', 'No import of yours with this id is running.', 'importId');
      run.cancelled = true;
      return { cancelled: true };
    },

    async saveDeletionSettings({ expectedVersion, neverDeleteSynced, allowManualDeleteSynced }, ctx) {
      const tenantId = tenantFor(ctx);
      if (scopeOf(ctx))
        throw new ServiceError(
          'FORBIDDEN',
          'User deletion settings are tenant-wide: a supervisor limited to agent groups cannot change them.',
        );
      const db = data.require();
      const before = await db.kysely
        .selectFrom('tenant')
        .select(['never_delete_synced', 'allow_manual_delete_synced'])
        .where('id', '=', tenantId)
        .executeTakeFirstOrThrow();
      const version = await transact(db, actorOf(ctx), data, async (w) => {
        const v = await updateVersioned(w, 'tenant', { column: 'id', value: tenantId }, expectedVersion, {
          never_delete_synced: neverDeleteSynced ? 1 : 0,
          allow_manual_delete_synced: allowManualDeleteSynced ? 1 : 0,
        });
        w.audit({
          tenantId,
          action: 'update',
          objectType: 'tenant',
          objectId: tenantId,
          objectName: 'User deletion',
          before,
          after: {
            never_delete_synced: neverDeleteSynced ? 1 : 0,
            allow_manual_delete_synced: allowManualDeleteSynced ? 1 : 0,
          },
        });
        w.changed('tenant', tenantId, tenantId);
        return v;
      });
      return { version, neverDeleteSynced, allowManualDeleteSynced };
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
      const scope = scopeOf(ctx);
      const versions = await transact(db, actorOf(ctx), data, async (w) => {
        const types = await typeGrants(w.tx, tenantId);
        const ownGroups = new Set(
          (await w.tx.selectFrom('agent_group').select('id').where('tenant_id', '=', tenantId).execute()).map(
            (g) => g.id,
          ),
        );
        const v = await bulkUpdateUsers(w, tenantId, edits, {
          scope: (groups) => {
            // A foreign key alone would accept another tenant's agent group.
            const foreign = groups.find((g) => !ownGroups.has(g));
            if (foreign !== undefined)
              throw new ServiceError(
                'INVALID',
                `Agent group ${foreign} is not one of this tenant: choose an agent group of this tenant.`,
                'agentGroupId',
              );
            const outside = scope ? groups.filter((g) => !scope.includes(g)) : [];
            if (outside.length > 0) assertUserInScope(ctx, outside[0]!, `agent group ${outside[0]}`);
          },
          // The users as they are (their current type), then every type the edits give.
          targets: (current) => assertMayChangeUsers(callerOf(ctx), current, types),
          givenTypes: (typeIds) => {
            for (const typeId of typeIds) {
              const t = types.get(typeId);
              if (!t) throw new ServiceError('INVALID', `User type ${typeId} is not one of this tenant.`, 'userTypeId');
              const why = exceedsCaller(callerOf(ctx), t);
              if (why)
                throw new ServiceError(
                  'FORBIDDEN',
                  `The user type ${why}; only someone who holds it can give it.`,
                  'userTypeId',
                );
            }
          },
        });
        await assertDispatchLicences(w.tx, tenantId);
        return v;
      });
      return { updated: versions.length, versions };
    },

    async setPassword({ id, expectedVersion, password }, ctx) {
      const tenantId = tenantFor(ctx);
      const db = data.require();
      const before = await getUserRow(db.kysely, tenantId, id);
      assertUserInScope(ctx, before.agentGroupId, before.agentGroup);
      // setPasswordOf checks expectedVersion, so a type changed after this read refuses the write.
      await assertMayChangeUser(db.kysely, tenantId, callerOf(ctx), {
        logon_id: before.logonId,
        user_type_id: before.userTypeId,
      });
      await setPasswordOf(
        db,
        data,
        { userId: id, tenantId, newPassword: password, field: 'password', expectedVersion },
        actorOf(ctx),
        'password-set',
      );
      return getUserRow(db.kysely, tenantId, id);
    },
  };

  async function setLock(id: number, expectedVersion: number, lock: boolean, ctx: CallContext) {
    const tenantId = tenantFor(ctx);
    const db = data.require();
    const before = await getUserRow(db.kysely, tenantId, id);
    assertUserInScope(ctx, before.agentGroupId, before.agentGroup);
    if (lock && id === identityOf(ctx).userId)
      throw new ServiceError('INVALID', 'You cannot lock the account you are signed in with.');
    await transact(db, actorOf(ctx), data, async (w) => {
      await assertMayChangeUser(w.tx, tenantId, callerOf(ctx), await loadUser(w.tx, tenantId, id));
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
