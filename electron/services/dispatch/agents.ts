import type { Kysely } from 'kysely';
import type { AgentDispatchFields, DispatchAgentRow } from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import { ServiceError } from '../../ipc/errors';
import { assertDispatchLicences } from './licences';
import { bit, fullName, notFound } from './common';
import { assertMayChangeUser, userSearchWhere, type CallerPermissions } from '../users';
import { userSearchText } from '../../domain/users/search';

type K = Kysely<Database>;

export interface AgentQuery {
  offset: number;
  limit: number;
  search?: string | undefined;
  dispatchOnly?: boolean | undefined;
  skillId?: number | undefined;
}

const base = (k: K, tenantId: number) =>
  k
    .selectFrom('cc_user as u')
    .innerJoin('agent_group as g', 'g.id', 'u.agent_group_id')
    .where('u.tenant_id', '=', tenantId)
    .where('u.deleted', '=', 0);

async function withSkills(
  k: K,
  rows: Array<{
    id: number;
    version: number;
    logon_id: string;
    first_name: string;
    last_name: string;
    group_name: string;
    directory_number: string | null;
    personal_default_destination: string | null;
    dispatch_privilege: number;
  }>,
): Promise<DispatchAgentRow[]> {
  const ids = rows.map((r) => r.id);
  const skills =
    ids.length === 0
      ? []
      : await k
          .selectFrom('skill_assignment as a')
          .innerJoin('skill as s', 's.id', 'a.skill_id')
          .select(['a.user_id', 'a.skill_id', 'a.level', 's.name'])
          .where('a.user_id', 'in', ids)
          .orderBy('s.name')
          .execute();
  const of = new Map<number, DispatchAgentRow['skills']>();
  for (const s of skills)
    of.set(s.user_id, [...(of.get(s.user_id) ?? []), { skillId: s.skill_id, name: s.name, level: s.level }]);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    logonId: r.logon_id,
    name: fullName(r),
    agentGroup: r.group_name,
    directoryNumber: r.directory_number,
    personalDefaultDestination: r.personal_default_destination,
    dispatchPrivilege: r.dispatch_privilege === 1,
    skills: of.get(r.id) ?? [],
  }));
}

const COLUMNS = [
  'u.id',
  'u.version',
  'u.logon_id',
  'u.first_name',
  'u.last_name',
  'g.name as group_name',
  'u.directory_number',
  'u.personal_default_destination',
  'u.dispatch_privilege',
] as const;

/** A page of the tenant's agents, filtered and paged in the database (tenants hold up to 100,000 users). */
export async function agentsPage(
  k: K,
  tenantId: number,
  q: AgentQuery,
): Promise<{ total: number; rows: DispatchAgentRow[] }> {
  let query = base(k, tenantId);
  // The users grid's search rule: every word, any order, ignoring case and accents (domain/users/search.ts).
  const search = q.search ? userSearchWhere('u.search_text', q.search) : undefined;
  if (search) query = query.where(search);
  if (q.dispatchOnly) query = query.where('u.dispatch_privilege', '=', 1);
  if (q.skillId !== undefined) {
    const skillId = q.skillId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('skill_assignment as a')
          .select('a.user_id')
          .whereRef('a.user_id', '=', 'u.id')
          .where('a.skill_id', '=', skillId),
      ),
    );
  }
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    // logon_id is unique in the tenant, so it orders alone and the grid index (tenant_id, deleted, logon_id) serves it
    query.select(COLUMNS).orderBy('u.logon_id').limit(q.limit).offset(q.offset).execute(),
  ]);
  return { total: Number(count.n), rows: await withSkills(k, rows) };
}

export async function agentRow(k: K, tenantId: number, id: number): Promise<DispatchAgentRow> {
  const rows = await base(k, tenantId).select(COLUMNS).where('u.id', '=', id).execute();
  if (rows.length === 0) throw notFound(`Agent ${id}`);
  return (await withSkills(k, rows))[0]!;
}

/**
 * An agent's dispatch fields: Personal Directory Number (CONFIGURING PERSONAL CALL ROUTING
 * step 3, unique in the tenant), personal call default destination, Dispatch privilege
 * (within the tenant's licence pool) and skills. One transaction.
 */
export async function saveAgent(
  w: Work,
  tenantId: number,
  id: number,
  expectedVersion: number,
  f: AgentDispatchFields,
  assertScope: (agentGroupId: number, name: string) => void,
  caller: CallerPermissions,
): Promise<void> {
  const { tx } = w;
  const user = await tx
    .selectFrom('cc_user as u')
    .innerJoin('agent_group as g', 'g.id', 'u.agent_group_id')
    .select([
      'u.id',
      'u.logon_id',
      'u.first_name',
      'u.last_name',
      'u.external_logon_id',
      'u.agent_group_id',
      'u.user_type_id',
      'g.name',
    ])
    .where('u.id', '=', id)
    .where('u.tenant_id', '=', tenantId)
    .where('u.deleted', '=', 0)
    .executeTakeFirst();
  if (!user) throw notFound(`Agent ${id}`);
  assertScope(user.agent_group_id, user.name);
  // The same rule as every users write: never change a user whose type grants more than the caller's.
  await assertMayChangeUser(tx, tenantId, caller, user);
  if (f.directoryNumber !== null) {
    const other = await tx
      .selectFrom('cc_user')
      .select(['id', 'logon_id', 'deleted'])
      .where('tenant_id', '=', tenantId)
      .where('directory_number', '=', f.directoryNumber)
      .where('id', '!=', id)
      .executeTakeFirst();
    if (other)
      throw new ServiceError(
        'CONFLICT',
        `Directory Number ${f.directoryNumber} is already the Personal Directory Number of ` +
          `${other.logon_id}${other.deleted ? ' (a deleted user)' : ''}: it must be unique in the tenant, or ` +
          `personal calls cannot find the agent.`,
        'fields.directoryNumber',
        {
          rule: 'duplicate',
          holder: { kind: other.deleted ? 'deleted_user' : 'user', id: Number(other.id), name: other.logon_id },
        },
      );
  }
  if (f.skills.length > 0) {
    const ids = f.skills.map((s) => s.skillId);
    const found = await tx
      .selectFrom('skill')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute();
    const missing = ids.filter((s) => !found.some((x) => x.id === s));
    if (missing.length > 0)
      throw new ServiceError(
        'INVALID',
        `Skills: skill ${missing.join(', ')} does not exist in this tenant.`,
        'fields.skills',
        { rule: 'not_in_tenant', fieldMessage: `skill ${missing.join(', ')} does not exist in this tenant.` },
      );
  }
  const before = await agentRow(tx, tenantId, id);
  await updateVersioned(w, 'cc_user', { column: 'id', value: id }, expectedVersion, {
    directory_number: f.directoryNumber,
    // the users search finds a user by its Directory Number (cc_user.search_text, users migration 018)
    search_text: userSearchText({ ...user, directory_number: f.directoryNumber }),
    personal_default_destination: f.personalDefaultDestination,
    dispatch_privilege: bit(f.dispatchPrivilege),
  });
  await tx.deleteFrom('skill_assignment').where('user_id', '=', id).execute();
  if (f.skills.length > 0)
    await tx
      .insertInto('skill_assignment')
      .values(f.skills.map((s) => ({ user_id: id, skill_id: s.skillId, level: s.level })))
      .execute();
  // The pool: refused (and rolled back) when this save holds more privileges than licences.
  await assertDispatchLicences(tx, tenantId);
  const pick = (r: DispatchAgentRow) => ({
    directoryNumber: r.directoryNumber,
    personalDefaultDestination: r.personalDefaultDestination,
    dispatchPrivilege: r.dispatchPrivilege,
    skills: r.skills.map((s) => ({ skillId: s.skillId, level: s.level })),
  });
  w.audit({
    tenantId,
    action: 'update',
    objectType: 'user',
    objectId: id,
    objectName: user.logon_id,
    before: pick(before),
    after: f,
  });
  w.changed('cc_user', tenantId, id);
  w.changed('skill_assignment', tenantId, id);
}
