import type { Kysely } from 'kysely';
import type { CallerIdRow, DispatchSettings, DispatchSettingsDoc } from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import { ServiceError } from '../../ipc/errors';
import { bit } from './common';

export async function licencesUsed(k: Kysely<Database>, tenantId: number): Promise<number> {
  const row = await k
    .selectFrom('cc_user')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('deleted', '=', 0)
    .where('dispatch_privilege', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getSettings(k: Kysely<Database>, tenantId: number): Promise<DispatchSettingsDoc> {
  const t = await k.selectFrom('tenant').selectAll().where('id', '=', tenantId).executeTakeFirstOrThrow();
  const callerIds = await k
    .selectFrom('caller_id')
    .select(['id', 'name', 'caller_id', 'is_default'])
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .execute();
  return {
    version: t.version,
    settings: {
      ringTimeSupervisionSec: t.ring_time_supervision_sec,
      systemDefaultDestination: t.system_default_destination,
      allowViewAllDispatchGroups: t.allow_view_all_dispatch_groups === 1,
      autoRestoreLogon: t.auto_restore_logon === 1,
      dispatchLicences: t.dispatch_licences,
      agentsMaySelectCallerId: t.agents_may_change_caller_id === 1,
    },
    callerIds: callerIds.map((c) => ({ id: c.id, name: c.name, callerId: c.caller_id, isDefault: c.is_default === 1 })),
    licencesUsed: await licencesUsed(k, tenantId),
    updatedBy: t.updated_by,
    updatedAt: t.updated_at,
  };
}

/**
 * One transaction: the tenant's settings and its custom caller IDs (CALLER ID FOR OUTGOING
 * CALLS: "defined per tenant with a name and caller ID string … one … may be selected as
 * the default"). Caller IDs missing from the list are deleted; service groups that used
 * one fall back to none (the DB sets null).
 */
export async function saveSettings(
  w: Work,
  tenantId: number,
  expectedVersion: number,
  s: DispatchSettings,
  callerIds: CallerIdRow[],
): Promise<void> {
  const { tx } = w;
  const defaults = callerIds.filter((c) => c.isDefault);
  if (defaults.length > 1)
    throw new ServiceError(
      'INVALID',
      `Caller IDs: only one can be the tenant default (${defaults.map((d) => d.name).join(', ')} are marked).`,
      'callerIds',
    );
  const names = new Map<string, number>();
  callerIds.forEach((c, i) => {
    const key = c.name.toLowerCase();
    if (names.has(key))
      throw new ServiceError('INVALID', `Caller IDs: the name "${c.name}" is listed twice.`, `callerIds.${i}.name`);
    names.set(key, i);
  });
  const used = await licencesUsed(tx, tenantId);
  if (s.dispatchLicences !== null && s.dispatchLicences < used) {
    throw new ServiceError(
      'INVALID',
      `Dispatch licences: ${used} agents hold Dispatch privilege, so the pool cannot be ${s.dispatchLicences}. ` +
        `Remove the privilege from ${used - s.dispatchLicences} agent${used - s.dispatchLicences === 1 ? '' : 's'} ` +
        `first.`,
      'settings.dispatchLicences',
    );
  }
  const before = await getSettings(tx, tenantId);
  await updateVersioned(w, 'tenant', { column: 'id', value: tenantId }, expectedVersion, {
    ring_time_supervision_sec: s.ringTimeSupervisionSec,
    system_default_destination: s.systemDefaultDestination,
    allow_view_all_dispatch_groups: bit(s.allowViewAllDispatchGroups),
    auto_restore_logon: bit(s.autoRestoreLogon),
    dispatch_licences: s.dispatchLicences,
    agents_may_change_caller_id: bit(s.agentsMaySelectCallerId),
  });
  const existing = new Map(before.callerIds.map((c) => [c.id, c]));
  for (const c of callerIds) {
    if (c.id !== null && !existing.has(c.id))
      throw new ServiceError(
        'NOT_FOUND',
        `Caller ID "${c.name}" no longer exists: another console deleted it. Reload.`,
        'callerIds',
      );
  }
  const kept = new Set(callerIds.map((c) => c.id).filter((id): id is number => id !== null));
  const removed = before.callerIds.filter((c) => !kept.has(c.id)).map((c) => c.id);
  if (removed.length > 0) await tx.deleteFrom('caller_id').where('id', 'in', removed).execute();
  // Clear the default first: at most one default per tenant is a unique key.
  await tx
    .updateTable('caller_id')
    .set({ is_default: 0 })
    .where('tenant_id', '=', tenantId)
    .where('is_default', '=', 1)
    .execute();
  const by = { updated_at: w.now, updated_by: w.actor.logonId };
  let defaultId: number | null = null;
  for (const c of callerIds) {
    const values = { name: c.name, caller_id: c.callerId };
    let id = c.id;
    if (id === null)
      id = (
        await tx
          .insertInto('caller_id')
          .values({ tenant_id: tenantId, ...values, is_default: 0, ...by })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    else {
      const old = existing.get(id)!;
      if (old.name !== c.name || old.callerId !== c.callerId || old.isDefault !== c.isDefault)
        await tx
          .updateTable('caller_id')
          .set({ ...values, ...by })
          .where('id', '=', id)
          .execute();
    }
    if (c.isDefault) defaultId = id;
  }
  if (defaultId !== null)
    await tx.updateTable('caller_id').set({ is_default: 1 }).where('id', '=', defaultId).execute();
  const after = await getSettings(tx, tenantId);
  w.audit({
    tenantId,
    action: 'update',
    objectType: 'dispatch-settings',
    objectId: tenantId,
    objectName: 'Dispatch settings',
    before: { settings: before.settings, callerIds: before.callerIds },
    after: { settings: after.settings, callerIds: after.callerIds },
  });
  w.changed('tenant', tenantId, tenantId);
  w.changed('caller_id', tenantId, null);
}
