import { OBJECT_TAG_TYPE, OBJECT_TYPE } from '../../connectors/db/schema';
import type { Tx, Work } from '../../connectors/db/unitOfWork';
import type { UserBulkAction, UserSelection } from '../../contract';
import { deletionOf } from '../../domain/users/deletion';
import { ServiceError } from '../../ipc/errors';
import { assertDispatchLicences } from '../dispatch';
import { assertGroupAndType, type CallerPermissions } from './userDoc';
import { filteredUsers } from './userQuery';
import { assertMayChangeUsers, typeGrants } from './rights';

const CHUNK = 500;

type Target = {
  id: number;
  logon_id: string;
  agent_group_id: number;
  user_type_id: number;
  locked: number;
  deleted: number;
  sync_id: string | null;
};

/** The users a selection names, read inside the transaction (so the action sees what it changes). */
export async function resolveSelection(work: Work, tenantId: number, selection: UserSelection): Promise<Target[]> {
  const { tx } = work;
  const cols = [
    'u.id',
    'u.logon_id',
    'u.agent_group_id',
    'u.user_type_id',
    'u.locked',
    'u.deleted',
    'u.sync_id',
  ] as const;
  if ('ids' in selection) {
    const ids = [...new Set(selection.ids)];
    const out: Target[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      out.push(
        ...(await tx
          .selectFrom('cc_user as u')
          .select(cols)
          .where('u.tenant_id', '=', tenantId)
          .where('u.id', 'in', ids.slice(i, i + CHUNK))
          .execute()),
      );
    }
    if (out.length !== ids.length)
      throw new ServiceError(
        'NOT_FOUND',
        `${ids.length - out.length} of the selected users no longer exist (another console deleted them). Nothing ` +
          `was changed; reload.`,
      );
    return out;
  }
  const except = new Set(selection.exceptIds);
  const rows = await filteredUsers(tx, tenantId, selection.filter, work.sqlite ? 'sqlite' : 'postgres')
    .clearSelect()
    .select(cols)
    .execute();
  return rows.filter((r) => !except.has(r.id));
}

/** How the Users area's access applies to the caller. */
export interface BulkCaller extends CallerPermissions {
  userId: number;
  /** Agent groups a supervisor may change (null: all). */
  scope: readonly number[] | null;
  groupName(id: number): string;
  /** Other features' delete rules (saveGuards.ts), before any row goes. */
  beforeDelete?: (tx: Tx, tenantId: number, users: { id: number; logonId: string }[]) => Promise<void>;
}

/**
 * One bulk action on many users, inside the caller's transaction: every user is checked
 * first (scope, the user's current type against the caller's rights, never locking the
 * caller, deletion rules); one refusal refuses the whole action, naming how many and
 * an example. Each changed user gets its version bumped and its own audit entry.
 */
export async function runBulkAction(
  work: Work,
  tenantId: number,
  targets: Target[],
  action: UserBulkAction,
  caller: BulkCaller,
): Promise<{ affected: number; softDeleted: number; hardDeleted: number }> {
  const { tx, now, actor } = work;
  if (targets.length === 0) throw new ServiceError('INVALID', 'No users are selected.');
  if (caller.scope) {
    const outside = targets.filter((t) => !caller.scope!.includes(t.agent_group_id));
    if (outside.length > 0) {
      throw new ServiceError(
        'FORBIDDEN',
        `You may change only users of the agent groups you supervise; ${outside.length} of the selected users are ` +
          `outside them (e.g. ${outside[0]!.logon_id} in "${caller.groupName(outside[0]!.agent_group_id)}"). ` +
          `Nothing was changed.`,
      );
    }
  }
  // Every action changes these users: none may have a type that grants more than the caller's (rights.ts).
  assertMayChangeUsers(caller, targets, await typeGrants(tx, tenantId));
  if (action.kind === 'lock' && targets.some((t) => t.id === caller.userId)) {
    const me = targets.find((t) => t.id === caller.userId)!;
    throw new ServiceError(
      'INVALID',
      `The selection includes your own account (${me.logon_id}): you cannot lock the account you are signed in ` +
        `with. Leave it out. Nothing was changed.`,
    );
  }
  const live = targets.filter((t) => t.deleted === 0);
  if (action.kind !== 'undelete' && live.length !== targets.length) {
    throw new ServiceError(
      'INVALID',
      `${targets.length - live.length} of the selected users are deleted; undelete them first or leave them out. ` +
        `Nothing was changed.`,
    );
  }
  const bump = { updated_at: now, updated_by: actor.logonId };
  const idsOf = (rows: Target[]) => rows.map((r) => r.id);
  const update = async (rows: Target[], set: Record<string, unknown>) => {
    const ids = idsOf(rows);
    for (let i = 0; i < ids.length; i += CHUNK) {
      await tx
        .updateTable('cc_user')
        .set((eb) => ({ ...set, ...bump, version: eb('version', '+', 1) }))
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
    }
  };
  const audit = (rows: Target[], act: string, before: (t: Target) => unknown, after: unknown) => {
    for (const t of rows)
      work.audit({
        tenantId,
        action: act,
        objectType: 'user',
        objectId: t.id,
        objectName: t.logon_id,
        before: before(t),
        after,
      });
  };
  let result = { affected: 0, softDeleted: 0, hardDeleted: 0 };

  switch (action.kind) {
    case 'moveToAgentGroup': {
      if (caller.scope && !caller.scope.includes(action.agentGroupId))
        throw new ServiceError(
          'FORBIDDEN',
          `You may move users only into the agent groups you supervise, not ` +
            `"${caller.groupName(action.agentGroupId)}".`,
          'agentGroupId',
        );
      await assertGroupAndType(
        tx,
        tenantId,
        { agentGroupId: action.agentGroupId, userTypeId: targets[0]!.user_type_id },
        caller,
        targets[0]!.user_type_id,
      );
      const rows = targets.filter((t) => t.agent_group_id !== action.agentGroupId);
      await update(rows, { agent_group_id: action.agentGroupId });
      audit(rows, 'update', (t) => ({ agent_group_id: t.agent_group_id }), { agent_group_id: action.agentGroupId });
      result = { ...result, affected: rows.length };
      break;
    }
    case 'changeUserType': {
      await assertGroupAndType(
        tx,
        tenantId,
        { agentGroupId: targets[0]!.agent_group_id, userTypeId: action.userTypeId },
        caller,
        null,
      );
      const rows = targets.filter((t) => t.user_type_id !== action.userTypeId);
      await update(rows, { user_type_id: action.userTypeId });
      audit(rows, 'update', (t) => ({ user_type_id: t.user_type_id }), { user_type_id: action.userTypeId });
      result = { ...result, affected: rows.length };
      break;
    }
    case 'lock': {
      const rows = targets.filter((t) => t.locked === 0);
      await update(rows, { locked: 1, lock_reason: 'manual', locked_at: now, locked_by_host: null });
      audit(rows, 'lock', () => ({ locked: false }), { locked: true, lockReason: 'manual' });
      result = { ...result, affected: rows.length };
      break;
    }
    case 'unlock': {
      const rows = targets.filter((t) => t.locked === 1);
      await update(rows, { locked: 0, lock_reason: null, locked_at: null, locked_by_host: null, failed_attempts: 0 });
      audit(rows, 'unlock', () => ({ locked: true }), { locked: false });
      result = { ...result, affected: rows.length };
      break;
    }
    case 'delete': {
      const tenant = await tx
        .selectFrom('tenant')
        .select('allow_manual_delete_synced')
        .where('id', '=', tenantId)
        .executeTakeFirstOrThrow();
      const soft: Target[] = [];
      const hard: Target[] = [];
      const refused: string[] = [];
      for (const t of targets) {
        const d = deletionOf(
          { id: t.id, logonId: t.logon_id, syncId: t.sync_id, deleted: t.deleted === 1 },
          { allowManualDeleteSynced: tenant.allow_manual_delete_synced === 1 },
          caller.userId,
        );
        if (d.kind === 'refuse') refused.push(d.message);
        else (d.kind === 'soft' ? soft : hard).push(t);
      }
      if (refused.length > 0)
        throw new ServiceError(
          'INVALID',
          `${refused.length} of the ${targets.length} users cannot be deleted, so none was: ${refused[0]}`,
        );
      await caller.beforeDelete?.(
        tx,
        tenantId,
        targets.map((t) => ({ id: t.id, logonId: t.logon_id })),
      );
      await assertNotTagData(work, hard);
      await update(soft, { deleted: 1 });
      audit(soft, 'delete', () => ({ deleted: false }), { deleted: true, soft: true });
      const ids = idsOf(hard);
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        // The user's own tag assignments go with it (object_tag_mapping has no foreign key: the seed's table).
        await tx
          .deleteFrom('object_tag_mapping')
          .where('object_type', '=', OBJECT_TYPE.agent)
          .where('object_id', 'in', chunk)
          .execute();
        await tx.deleteFrom('cc_user').where('tenant_id', '=', tenantId).where('id', 'in', chunk).execute();
      }
      audit(
        hard,
        'delete',
        (t) => ({ logon_id: t.logon_id, agent_group_id: t.agent_group_id, user_type_id: t.user_type_id }),
        { deleted: true, soft: false },
      );
      result = { affected: targets.length, softDeleted: soft.length, hardDeleted: hard.length };
      break;
    }
    case 'undelete': {
      const rows = targets.filter((t) => t.deleted === 1);
      if (rows.length !== targets.length)
        throw new ServiceError(
          'INVALID',
          `${targets.length - rows.length} of the selected users are not deleted. Nothing was changed.`,
        );
      await update(rows, { deleted: 0 });
      audit(rows, 'undelete', () => ({ deleted: true }), { deleted: false });
      result = { ...result, affected: rows.length };
      break;
    }
  }
  if (result.affected > 0) work.changed('cc_user', tenantId, targets.length === 1 ? targets[0]!.id : null);
  // Undelete gives back dispatch privilege; the others cannot add any, but the rule is cheap to keep uniform.
  await assertDispatchLicences(tx, tenantId);
  return result;
}

/** An Agent-type object tag's data is a user's ID: deleting that user would leave a dangling value. */
async function assertNotTagData(work: Work, users: Target[]): Promise<void> {
  if (users.length === 0) return;
  const ids = users.map((u) => String(u.id));
  for (let i = 0; i < ids.length; i += CHUNK) {
    const used = await work.tx
      .selectFrom('object_tag_mapping as m')
      .innerJoin('object_tag as t', 't.id', 'm.object_tag_id')
      .select(['t.name', 'm.object_tag_value'])
      .where('t.type', '=', OBJECT_TAG_TYPE.agent)
      .where('m.object_tag_value', 'in', ids.slice(i, i + CHUNK))
      .execute();
    if (used.length > 0) {
      const who = users.find((u) => String(u.id) === used[0]!.object_tag_value)!;
      throw new ServiceError(
        'INVALID',
        `${who.logon_id} is the data of ${used.length} object tag assignment${used.length === 1 ? '' : 's'} (e.g. ` +
          `tag "${used[0]!.name}"): change those assignments first. Nothing was deleted.`,
      );
    }
  }
}
