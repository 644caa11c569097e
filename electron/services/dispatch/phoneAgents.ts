import type { Kysely } from 'kysely';
import type { AutoLogonRow, CallManagerFields, CallManagerRow, PhoneAgentLogonFields } from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import { restoreDecision, restoreOrder } from '../../domain/dispatch';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import { bit, fullName, isForeignKeyViolation, notFound } from './common';

type K = Kysely<Database>;

const rowsQuery = (k: K, tenantId: number) =>
  k
    .selectFrom('phone_agent_logon as p')
    .innerJoin('cc_user as u', 'u.id', 'p.agent_id')
    .innerJoin('site_server_param as c', 'c.id', 'p.call_manager_id')
    .select([
      'p.agent_id',
      'p.phone_num',
      'p.call_manager_id',
      'p.ready_status',
      'p.priority_logon',
      'p.time_stamp',
      'u.logon_id',
      'u.first_name',
      'u.last_name',
      'u.phone_agent_logon',
      'c.name as cm_name',
    ])
    .where('p.tenant_id', '=', tenantId);

type Raw = Awaited<ReturnType<ReturnType<typeof rowsQuery>['execute']>>[number];

const toRow = (r: Raw, tenantAuto: boolean): AutoLogonRow => {
  const decision = restoreDecision(r.phone_agent_logon, tenantAuto, true, r.priority_logon === 1);
  return {
    agentId: r.agent_id,
    logonId: r.logon_id,
    name: fullName(r),
    option: r.phone_agent_logon,
    phoneNum: r.phone_num,
    callManagerId: r.call_manager_id,
    callManager: r.cm_name,
    readyStatus: r.ready_status === 1,
    priorityLogon: r.priority_logon === 1,
    timeStamp: r.time_stamp,
    restored: decision.restored,
    priority: decision.priority,
    reason: decision.reason,
  };
};

/**
 * The table and who is restored after a restart: restored agents in restore order (priority first), then the others.
 */
export async function autoLogon(k: K, tenantId: number, limit: number) {
  const tenant = await k
    .selectFrom('tenant')
    .select('auto_restore_logon')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const auto = tenant.auto_restore_logon === 1;
  const raw = await rowsQuery(k, tenantId).execute();
  const rows = raw.map((r) => toRow(r, auto));
  const ordered = restoreOrder(
    rows.map((r) => ({ ...r, decision: { restored: r.restored, priority: r.priority, reason: r.reason } })),
  ).map(({ decision: _d, ...r }) => r);
  const rest = rows.filter((r) => !r.restored).sort((a, b) => a.logonId.localeCompare(b.logonId));
  const all = [...ordered, ...rest];
  return { tenantAutoRestore: auto, total: all.length, restoredCount: ordered.length, rows: all.slice(0, limit) };
}

/**
 * DATABASE HANDLING: "For customers that wish to populate this table without actually logging
 * on phone agents, the following fields must be updated." Each reference is checked here with
 * a message naming the field (the DB's foreign keys refuse dangling ones too).
 */
export async function savePhoneAgentLogon(
  w: Work,
  tenantId: number,
  f: PhoneAgentLogonFields,
  replace: boolean,
): Promise<AutoLogonRow> {
  const { tx } = w;
  const agent = await tx
    .selectFrom('cc_user')
    .select(['id', 'logon_id', 'deleted'])
    .where('id', '=', f.agentId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!agent || agent.deleted)
    throw new ServiceError(
      'INVALID',
      `agent_id: ${f.agentId} is not the record ID of ${agent ? 'an active' : 'an'} agent in this tenant's cc_user ` +
        `table.`,
      'fields.agentId',
    );
  const cm = await tx
    .selectFrom('site_server_param')
    .select(['id', 'name'])
    .where('id', '=', f.callManagerId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!cm)
    throw new ServiceError(
      'INVALID',
      `call_manager_id: ${f.callManagerId} is not the id of a call manager in this tenant's site_server_param table.`,
      'fields.callManagerId',
    );
  const existing = await tx
    .selectFrom('phone_agent_logon')
    .selectAll()
    .where('agent_id', '=', f.agentId)
    .executeTakeFirst();
  if (existing && !replace)
    throw new ServiceError(
      'CONFLICT',
      `${agent.logon_id} already has a phone_agent_logon row (extension ${existing.phone_num}). Replace it, or ` +
        `edit that row.`,
      'fields.agentId',
      {
        rule: 'duplicate',
        holder: { kind: 'phone_agent_logon', id: Number(f.agentId), name: String(existing.phone_num) },
      },
    );
  const values = {
    tenant_id: tenantId,
    call_manager_id: f.callManagerId,
    phone_num: f.phoneNum,
    ready_status: bit(f.readyStatus),
    priority_logon: bit(f.priorityLogon),
    time_stamp: w.now,
  };
  try {
    if (existing) await tx.updateTable('phone_agent_logon').set(values).where('agent_id', '=', f.agentId).execute();
    else
      await tx
        .insertInto('phone_agent_logon')
        .values({ agent_id: f.agentId, ...values })
        .execute();
  } catch (err) {
    if (isForeignKeyViolation(err))
      throw new ServiceError(
        'INVALID',
        'phone_agent_logon: the agent or the call manager was deleted meanwhile.',
        'fields',
      );
    throw err;
  }
  w.audit({
    tenantId,
    action: existing ? 'update' : 'create',
    objectType: 'phone-agent-logon',
    objectId: f.agentId,
    objectName: agent.logon_id,
    before: existing,
    after: { ...values, agent_id: f.agentId },
  });
  w.changed('phone_agent_logon', tenantId, f.agentId);
  const tenant = await tx
    .selectFrom('tenant')
    .select('auto_restore_logon')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return toRow(
    await rowsQuery(tx, tenantId).where('p.agent_id', '=', f.agentId).executeTakeFirstOrThrow(),
    tenant.auto_restore_logon === 1,
  );
}

export async function deletePhoneAgentLogon(w: Work, tenantId: number, agentId: number): Promise<void> {
  const existing = await w.tx
    .selectFrom('phone_agent_logon')
    .selectAll()
    .where('agent_id', '=', agentId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!existing) throw notFound(`The phone_agent_logon row of agent ${agentId}`);
  await w.tx.deleteFrom('phone_agent_logon').where('agent_id', '=', agentId).execute();
  w.audit({ tenantId, action: 'delete', objectType: 'phone-agent-logon', objectId: agentId, before: existing });
  w.changed('phone_agent_logon', tenantId, agentId);
}

export async function listCallManagers(k: K, tenantId: number, id?: number): Promise<CallManagerRow[]> {
  let q = k
    .selectFrom('site_server_param as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('phone_agent_logon as p')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('p.call_manager_id', '=', 'c.id')
        .as('agents'),
    )
    .where('c.tenant_id', '=', tenantId);
  if (id !== undefined) q = q.where('c.id', '=', id);
  const rows = await q.orderBy('c.name').execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    name: r.name,
    serverType: r.server_type === 'TAS' ? 'TAS' : 'OAS',
    host: r.host,
    port: r.port,
    site: r.site,
    phoneAgents: Number(r.agents ?? 0),
  }));
}

export async function saveCallManager(
  w: Work,
  tenantId: number,
  id: number | null,
  expectedVersion: number,
  f: CallManagerFields,
): Promise<number> {
  const same = await w.tx
    .selectFrom('site_server_param')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', f.name.toLowerCase()))
    .executeTakeFirst();
  if (same && same.id !== id)
    throw new ServiceError(
      'CONFLICT',
      `Name: a call manager named "${f.name}" already exists in this tenant.`,
      'fields.name',
      { rule: 'duplicate', fieldMessage: `a call manager named "${f.name}" already exists in this tenant.` },
    );
  const values = { name: f.name, server_type: f.serverType, host: f.host, port: f.port, site: f.site };
  let before: CallManagerRow | undefined;
  if (id === null) {
    id = (
      await w.tx
        .insertInto('site_server_param')
        .values({ tenant_id: tenantId, ...values, updated_at: w.now, updated_by: w.actor.logonId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  } else {
    before = (await listCallManagers(w.tx, tenantId, id))[0];
    if (!before) throw notFound(`Call manager ${id}`);
    await updateVersioned(w, 'site_server_param', { column: 'id', value: id }, expectedVersion, values);
  }
  w.audit({
    tenantId,
    action: before ? 'update' : 'create',
    objectType: 'call-manager',
    objectId: id,
    objectName: f.name,
    before,
    after: f,
  });
  w.changed('site_server_param', tenantId, id);
  return id;
}

export async function deleteCallManager(w: Work, tenantId: number, id: number, expectedVersion: number): Promise<void> {
  const before = (await listCallManagers(w.tx, tenantId, id))[0];
  if (!before) throw notFound(`Call manager ${id}`);
  if (before.version !== expectedVersion)
    throw staleVersionError(
      `The version you supplied [${expectedVersion}] does not match the current version [${before.version}]. ` +
        `Reload first.`,
      { expectedVersion: expectedVersion, version: Number(before.version) },
    );
  if (before.phoneAgents > 0)
    throw new ServiceError(
      'INVALID',
      `"${before.name}" cannot be deleted: ${before.phoneAgents} phone_agent_logon ` +
        `row${before.phoneAgents === 1 ? ' refers' : 's refer'} to it (call_manager_id). Move or remove those ` +
        `phone agents first.`,
    );
  await w.tx.deleteFrom('site_server_param').where('id', '=', id).execute();
  w.audit({ tenantId, action: 'delete', objectType: 'call-manager', objectId: id, objectName: before.name, before });
  w.changed('site_server_param', tenantId, id);
}
