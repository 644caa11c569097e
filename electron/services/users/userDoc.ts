import type { Kysely, Selectable } from 'kysely';
import { PHONE_AGENT_LOGON_OPTIONS, type UserDoc, type UserFields } from '../../contract';
import { exceedsCaller, parseGrants, type CallerPermissions } from './rights';
import type { CcUserTable, Database } from '../../connectors/db/schema';
import type { Tx } from '../../connectors/db/unitOfWork';
import { ServiceError } from '../../ipc/errors';
import { identityKey, userKeyColumns } from '../../domain/users/logonKey';

type Q = Kysely<Database> | Tx;

/** cc_user columns of the General page, from the editor's fields (with the identifying columns' keys). */
export function toColumns(f: UserFields) {
  const cols = {
    logon_id: f.logonId,
    first_name: f.firstName,
    last_name: f.lastName,
    directory_number: f.directoryNumber,
    agent_group_id: f.agentGroupId,
    user_type_id: f.userTypeId,
    external_logon_id: f.externalLogonId,
    chat_display_name: f.chatDisplayName,
    circuit_user: f.circuitUser,
    phone_agent_logon: PHONE_AGENT_LOGON_OPTIONS.indexOf(f.phoneAgentLogon),
    personal_default_destination: f.personalDefaultDestination,
    dispatch_privilege: f.dispatchPrivilege ? 1 : 0,
    // Left out = unchanged (the CSV import and older callers do not send them).
    ...(f.passwordType !== undefined ? { password_type: f.passwordType } : {}),
    ...(f.automaticPostProcessing !== undefined
      ? { automatic_post_processing: f.automaticPostProcessing ? 1 : 0 }
      : {}),
    ...(f.mandatoryWrapUpReason !== undefined ? { mandatory_wrap_up_reason: f.mandatoryWrapUpReason ? 1 : 0 } : {}),
  };
  return { ...cols, ...userKeyColumns(cols) };
}

/** The columns without their keys, for audit entries (the key only repeats the value). */
export function withoutKeys<T extends Record<string, unknown>>(
  cols: T,
): Omit<T, 'logon_key' | 'external_logon_key' | 'circuit_user_key' | 'search_text'> {
  const { logon_key: _l, external_logon_key: _e, circuit_user_key: _c, search_text: _s, ...rest } = cols;
  return rest;
}

export function toFields(u: Selectable<CcUserTable>): UserFields {
  return {
    logonId: u.logon_id,
    firstName: u.first_name,
    lastName: u.last_name,
    directoryNumber: u.directory_number,
    agentGroupId: u.agent_group_id,
    userTypeId: u.user_type_id,
    externalLogonId: u.external_logon_id,
    chatDisplayName: u.chat_display_name,
    circuitUser: u.circuit_user,
    phoneAgentLogon: PHONE_AGENT_LOGON_OPTIONS[u.phone_agent_logon] ?? 'useSystemSetting',
    personalDefaultDestination: u.personal_default_destination,
    dispatchPrivilege: u.dispatch_privilege === 1,
    passwordType: (u.password_type as UserFields['passwordType']) ?? 'oscc',
    automaticPostProcessing: u.automatic_post_processing === 1,
    mandatoryWrapUpReason: u.mandatory_wrap_up_reason === 1,
  };
}

export async function loadUser(q: Q, tenantId: number, id: number): Promise<Selectable<CcUserTable>> {
  const u = await q
    .selectFrom('cc_user')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!u)
    throw new ServiceError(
      'NOT_FOUND',
      `User ${id} does not exist in this tenant (another console may have deleted it).`,
    );
  return u;
}

export async function getUserDoc(q: Q, tenantId: number, id: number): Promise<UserDoc> {
  const u = await loadUser(q, tenantId, id);
  const [g, t] = await Promise.all([
    q.selectFrom('agent_group').select('name').where('id', '=', u.agent_group_id).executeTakeFirst(),
    q.selectFrom('user_type').select('name').where('id', '=', u.user_type_id).executeTakeFirst(),
  ]);
  return {
    id: u.id,
    version: u.version,
    fields: toFields(u),
    agentGroup: g?.name ?? '',
    userType: t?.name ?? '',
    syncId: u.sync_id,
    locked: u.locked === 1,
    lockReason: u.lock_reason,
    lockedAt: u.locked_at,
    lockedByHost: u.locked_by_host,
    passwordSet: !!u.password_hash,
    passwordChangedAt: u.password_changed_at,
    lastLogonAt: u.last_logon_at,
    deleted: u.deleted === 1,
    updatedAt: u.updated_at,
    updatedBy: u.updated_by,
  };
}

/**
 * The unique-when-set fields with the column the unique index is on: the identifying ones
 * compare by their key (domain/users/logonKey.ts, migration 009), Directory Number as typed.
 */
export const UNIQUE_FIELDS = [
  { field: 'logonId', column: 'logon_key', label: 'Logon ID', ignoreCase: true },
  { field: 'directoryNumber', column: 'directory_number', label: 'Directory Number', ignoreCase: false },
  { field: 'externalLogonId', column: 'external_logon_key', label: 'External Logon ID', ignoreCase: true },
  { field: 'circuitUser', column: 'circuit_user_key', label: 'Circuit User', ignoreCase: true },
] as const;

/**
 * Refuses a value another user of the tenant already holds, naming that user, before the
 * database's unique index would (which only says "unique constraint failed"). Deleted users'
 * values count: a deleted synchronized user keeps them for its undelete (seed 001).
 */
export async function assertUnique(q: Q, tenantId: number, f: UserFields, exceptId: number | null): Promise<void> {
  for (const u of UNIQUE_FIELDS) {
    const v = f[u.field];
    if (v === null) continue;
    let query = q.selectFrom('cc_user').select(['id', 'logon_id', 'deleted']).where('tenant_id', '=', tenantId);
    query = query.where(u.column, '=', u.ignoreCase ? identityKey(v) : v);
    if (exceptId !== null) query = query.where('id', '<>', exceptId);
    const holder = await query.executeTakeFirst();
    if (holder)
      throw duplicateError(u.field, u.label, v, holder.logon_id, holder.deleted === 1, u.ignoreCase, Number(holder.id));
  }
}

function duplicateError(
  field: string,
  label: string,
  value: string,
  holder: string,
  deleted: boolean,
  ignoreCase: boolean,
  holderId?: number,
): ServiceError {
  const details = {
    rule: 'duplicate',
    holder: {
      kind: deleted ? 'deleted_user' : 'user',
      ...(holderId !== undefined ? { id: holderId } : {}),
      name: holder,
    },
  };
  const who = deleted ? `the deleted user ${holder} (undelete it, or choose another)` : `${holder}`;
  if (field === 'logonId')
    return new ServiceError(
      'INVALID',
      `Logon ID "${value}" is already used by ${who}: Logon IDs are unique in the ` +
        `tenant${ignoreCase ? ', whatever the case' : ''}.`,
      field,
      details,
    );
  return new ServiceError(
    'INVALID',
    `${label} "${value}" is already used by ${who}: two users in the same tenant cannot share ` +
      `it${ignoreCase ? ', whatever the case' : ''}.`,
    field,
    details,
  );
}

/** A unique index the pre-check could not see (another console saved at the same moment). */
export function translateDbError(err: unknown): never {
  const msg = err instanceof Error ? err.message : String(err);
  if (/unique|duplicate/i.test(msg)) {
    for (const u of UNIQUE_FIELDS) {
      // SQLite names the columns ("cc_user.logon_key"), PostgreSQL the index ("ux_cc_user_logon_key"); both exact, so
      // logon_key never matches external_logon_key.
      if (msg.includes(`cc_user.${u.column}`) || msg.includes(`"ux_cc_user_${u.column}"`)) {
        throw new ServiceError(
          'INVALID',
          `${u.label}: another user of the tenant has just taken this value (saved in another console). Choose ` +
            `another.`,
          u.field,
        );
      }
    }
  }
  if (/foreign key/i.test(msg))
    throw new ServiceError(
      'INVALID',
      'The user is still referenced by other records, or an agent group / user type no longer exists.',
    );
  throw err;
}

export type { CallerPermissions } from './rights';

/**
 * The agent group and user type must be the tenant's own (a foreign key alone would accept
 * another tenant's), and a user type may only be given by someone who holds at least what it
 * grants: otherwise a Supervisor could make an agent an Administrator, or an Administrator a
 * Host Administrator. (Changing a user who already HAS such a type: rights.ts.)
 */
export async function assertGroupAndType(
  q: Q,
  tenantId: number,
  f: Pick<UserFields, 'agentGroupId' | 'userTypeId'>,
  caller: CallerPermissions,
  previousTypeId: number | null,
): Promise<void> {
  const g = await q
    .selectFrom('agent_group')
    .select('id')
    .where('id', '=', f.agentGroupId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!g) throw new ServiceError('INVALID', 'Choose an agent group of this tenant.', 'agentGroupId');
  const t = await q
    .selectFrom('user_type')
    .selectAll()
    .where('id', '=', f.userTypeId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!t) throw new ServiceError('INVALID', 'Choose a user type of this tenant.', 'userTypeId');
  if (previousTypeId === f.userTypeId) return;
  const why = exceedsCaller(caller, {
    id: t.id,
    name: t.name,
    hostAdmin: t.is_host_admin === 1,
    permissions: parseGrants(t.permissions),
  });
  if (t.is_host_admin === 1 && !caller.hostAdmin)
    throw new ServiceError('FORBIDDEN', `Only a host administrator can give the user type "${t.name}".`, 'userTypeId');
  if (why)
    throw new ServiceError('FORBIDDEN', `The user type ${why}; only someone who holds it can give it.`, 'userTypeId');
}
