import type { Kysely, Selectable } from 'kysely';
import { PermissionSet, type SignedInUser, type UserRow } from '../../contract';
import type { CcUserTable, Database } from '../../connectors/db/schema';
import type { Tx } from '../../connectors/db/unitOfWork';
import { ServiceError } from '../../ipc/errors';
import { identityKey } from '../../domain/users/logonKey';

type Q = Kysely<Database> | Tx;

/** The grid's row; never the password hash (only whether one is set). Deleted users too: callers filter. */
export function userRowQuery(db: Q) {
  return db
    .selectFrom('cc_user as u')
    .innerJoin('agent_group as g', 'g.id', 'u.agent_group_id')
    .innerJoin('user_type as t', 't.id', 'u.user_type_id')
    .select([
      'u.id',
      'u.version',
      'u.tenant_id',
      'u.logon_id',
      'u.first_name',
      'u.last_name',
      'u.directory_number',
      'u.agent_group_id',
      'g.name as agent_group',
      'u.user_type_id',
      't.name as user_type',
      'u.external_logon_id',
      'u.locked',
      'u.lock_reason',
      'u.locked_at',
      'u.locked_by_host',
      'u.sync_id',
      'u.password_hash',
      'u.last_logon_at',
      'u.deleted',
    ]);
}

type RowSource = Awaited<ReturnType<ReturnType<typeof userRowQuery>['executeTakeFirstOrThrow']>>;

export function toUserRow(r: RowSource): UserRow {
  return {
    id: r.id,
    version: r.version,
    logonId: r.logon_id,
    firstName: r.first_name,
    lastName: r.last_name,
    directoryNumber: r.directory_number,
    agentGroupId: r.agent_group_id,
    agentGroup: r.agent_group,
    userTypeId: r.user_type_id,
    userType: r.user_type,
    externalLogonId: r.external_logon_id,
    locked: r.locked === 1,
    lockReason: r.lock_reason,
    lockedAt: r.locked_at,
    lockedByHost: r.locked_by_host,
    synchronized: r.sync_id !== null,
    passwordSet: !!r.password_hash,
    lastLogonAt: r.last_logon_at,
    deleted: r.deleted === 1,
  };
}

export async function getUserRow(db: Q, tenantId: number, id: number): Promise<UserRow> {
  const r = await userRowQuery(db)
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', id)
    .where('u.deleted', '=', 0)
    .executeTakeFirst();
  if (!r) throw new ServiceError('NOT_FOUND', `User ${id} does not exist in this tenant.`);
  return toUserRow(r);
}

/** The tenant's user with this Logon ID, compared by its key (any case, any Unicode form; deleted users too). */
export async function findByLogonId(
  db: Q,
  tenantId: number,
  logonId: string,
): Promise<Selectable<CcUserTable> | undefined> {
  return db
    .selectFrom('cc_user')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('logon_key', '=', identityKey(logonId))
    .executeTakeFirst();
}

/** What the session holds for a signed-in user: permissions from the user type, supervisor scope. */
export async function signedInUser(db: Q, user: Selectable<CcUserTable>): Promise<SignedInUser> {
  const type = await db
    .selectFrom('user_type')
    .selectAll()
    .where('id', '=', user.user_type_id)
    .executeTakeFirstOrThrow();
  let permissions: PermissionSet = {};
  try {
    const parsed = PermissionSet.safeParse(JSON.parse(type.permissions));
    if (parsed.success) permissions = parsed.data;
  } catch {
    // A damaged permissions column grants nothing rather than everything.
  }
  const scope = type.scope_users_to_agent_groups
    ? (
        await db.selectFrom('supervisor_agent_group').select('agent_group_id').where('user_id', '=', user.id).execute()
      ).map((r) => r.agent_group_id)
    : null;
  return {
    id: user.id,
    logonId: user.logon_id,
    firstName: user.first_name,
    lastName: user.last_name,
    userType: type.name,
    homeTenantId: user.tenant_id,
    hostAdmin: type.is_host_admin === 1,
    permissions,
    agentGroupScope: scope,
  };
}
