import type { Kysely } from 'kysely';
import {
  AGENT_PRIVILEGES,
  AgentDataAccess,
  CallRecordingSettings,
  DEFAULT_AGENT_DATA_ACCESS,
  DEFAULT_CALL_RECORDING,
  callRecordingProblems,
  departmentProblems,
  type AgentPrivilege,
  type Department,
  type FieldProblem,
  type UserTypePrivileges,
  type systemParametersService as Contract,
} from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import { ServiceError } from '../../ipc/errors';
import type { ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf, tenantFor } from '../scope';
import { userSearchWhere } from '../users';
import { agentDataView } from './agentDataAccess';
import { readPage, writePage } from './store';

type K = Kysely<Database>;
type Misc = Pick<
  ServiceImpl<typeof Contract>,
  | 'getCallRecording'
  | 'saveCallRecording'
  | 'getAgentDataAccess'
  | 'saveAgentDataAccess'
  | 'saveUserTypePrivileges'
  | 'agentDataView'
  | 'findDepartmentAgents'
>;

function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0)
    throw new ServiceError('INVALID', problems[0]!.message, problems[0]!.field, { rule: 'field' });
}

export const readCallRecording = (k: K, tenantId: number) =>
  readPage(k, tenantId, 'callRecording', CallRecordingSettings, DEFAULT_CALL_RECORDING, 'system_option');
export const readAgentDataAccess = (k: K, tenantId: number) =>
  readPage(k, tenantId, 'agentDataAccess', AgentDataAccess, DEFAULT_AGENT_DATA_ACCESS, 'system_option');

/** The live (not deleted) users of the tenant among `ids`, in chunks (the engines cap bound parameters). */
async function tenantUsers(k: K, tenantId: number, ids: readonly number[]) {
  const unique = [...new Set(ids)];
  const out: { id: number; logon_id: string; first_name: string; last_name: string }[] = [];
  for (let i = 0; i < unique.length; i += 5000) {
    out.push(
      ...(await k
        .selectFrom('cc_user')
        .select(['id', 'logon_id', 'first_name', 'last_name'])
        .where('tenant_id', '=', tenantId)
        .where('deleted', '=', 0)
        .where('id', 'in', unique.slice(i, i + 5000))
        .execute()),
    );
  }
  return out;
}

/**
 * The departments as stored, without users deleted since (the agent left), with their agents'
 * logon IDs and names for the page.
 */
async function liveDepartments(k: K, tenantId: number, departments: readonly Department[]) {
  const users = await tenantUsers(
    k,
    tenantId,
    departments.flatMap((d) => d.agentIds),
  );
  const live = new Set(users.map((u) => u.id));
  return {
    departments: departments.map((d) => ({ name: d.name, agentIds: d.agentIds.filter((id) => live.has(id)) })),
    departmentAgents: users
      .map((u) => ({ id: u.id, logonId: u.logon_id, name: `${u.first_name} ${u.last_name}`.trim() }))
      .sort((a, b) => a.logonId.localeCompare(b.logonId)),
  };
}

/** The agent privileges one user type grants (user_type_privilege), in the contract's order. */
export async function privilegesOf(k: K, userTypeId: number): Promise<AgentPrivilege[]> {
  const rows = await k
    .selectFrom('user_type_privilege')
    .select('privilege')
    .where('user_type_id', '=', userTypeId)
    .execute();
  const set = new Set(rows.map((r) => r.privilege));
  return AGENT_PRIVILEGES.filter((p) => set.has(p));
}

/** The tenant's user types with their agent privileges, by name. */
export async function tenantUserTypes(k: K, tenantId: number): Promise<UserTypePrivileges[]> {
  const types = await k
    .selectFrom('user_type')
    .select(['id', 'name', 'version'])
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .execute();
  const rows = types.length
    ? await k
        .selectFrom('user_type_privilege')
        .select(['user_type_id', 'privilege'])
        .where(
          'user_type_id',
          'in',
          types.map((t) => t.id),
        )
        .execute()
    : [];
  return types.map((t) => {
    const set = new Set(rows.filter((r) => r.user_type_id === t.id).map((r) => r.privilege));
    return { id: t.id, name: t.name, version: t.version, privileges: AGENT_PRIVILEGES.filter((p) => set.has(p)) };
  });
}

async function tenantName(k: K, tenantId: number): Promise<string> {
  const t = await k.selectFrom('tenant').select('name').where('id', '=', tenantId).executeTakeFirst();
  if (!t) throw new ServiceError('NOT_FOUND', `Tenant ${tenantId} does not exist.`, 'tenantId');
  return t.name;
}

/** MiVoice Call Recording, Agent Data Access and the user types' agent privileges. */
export function createAgentOptionsImpl(deps: ServiceDeps): Misc {
  const { data } = deps;
  const k = () => data.require().kysely;

  const callRecordingDoc = async (tenantId: number) => ({
    tenantId,
    ...(await readCallRecording(k(), tenantId)),
    userTypes: await tenantUserTypes(k(), tenantId),
  });
  const agentDataDoc = async (tenantId: number) => {
    const stored = await readAgentDataAccess(k(), tenantId);
    const { departments, departmentAgents } = await liveDepartments(k(), tenantId, stored.settings.departments);
    return {
      tenantId,
      ...stored,
      settings: { ...stored.settings, departments },
      departmentAgents,
      userTypes: await tenantUserTypes(k(), tenantId),
    };
  };

  return {
    async getCallRecording(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      await tenantName(k(), tenantId);
      return callRecordingDoc(tenantId);
    },

    async saveCallRecording({ tenantId: asked, expectedVersion, settings }, ctx) {
      const tenantId = tenantFor(ctx, asked);
      const name = await tenantName(k(), tenantId);
      refuse(callRecordingProblems(settings));
      const trim = (v: typeof settings.dllVersions.mivcr) => ({
        ccasComClient: v.ccasComClient.trim(),
        socketManager: v.socketManager.trim(),
        secTraceLog: v.secTraceLog.trim(),
      });
      const value: CallRecordingSettings = {
        ...settings,
        mivcrServer: settings.mivcrServer.trim(),
        dllVersions: { mivcr: trim(settings.dllVersions.mivcr), micce: trim(settings.dllVersions.micce) },
      };
      await writePage(data, ctx, {
        tenantId,
        page: 'callRecording',
        table: 'system_option',
        expectedVersion,
        settings: value,
        objectType: 'call-recording',
        objectName: name,
      });
      return callRecordingDoc(tenantId);
    },

    async getAgentDataAccess(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      await tenantName(k(), tenantId);
      return agentDataDoc(tenantId);
    },

    async saveAgentDataAccess({ tenantId: asked, expectedVersion, settings }, ctx) {
      const tenantId = tenantFor(ctx, asked);
      const name = await tenantName(k(), tenantId);
      const departments = settings.departments.map((d) => ({
        name: d.name.trim(),
        agentIds: [...new Set(d.agentIds)],
      }));
      refuse(departmentProblems(departments));
      await writePage(data, ctx, {
        tenantId,
        page: 'agentDataAccess',
        table: 'system_option',
        expectedVersion,
        settings: { ...settings, departments },
        // In the save's transaction: every agent is a live user of this tenant (never another tenant's).
        inTx: async (w) => {
          const ids = departments.flatMap((d) => d.agentIds);
          const live = new Set((await tenantUsers(w.tx as unknown as K, tenantId, ids)).map((u) => u.id));
          departments.forEach((d, i) => {
            const missing = d.agentIds.find((id) => !live.has(id));
            if (missing !== undefined)
              throw new ServiceError(
                'INVALID',
                `Department “${d.name}”: user ${missing} is not an agent of tenant “${name}”.`,
                `departments.${i}.agentIds`,
                { rule: 'field' },
              );
          });
        },
        objectType: 'agent-data-access',
        objectName: name,
      });
      return agentDataDoc(tenantId);
    },

    agentDataView: ({ agentId }, ctx) => agentDataView(k(), tenantFor(ctx), agentId),

    async findDepartmentAgents({ search }, ctx) {
      let q = k()
        .selectFrom('cc_user')
        .select(['id', 'logon_id', 'first_name', 'last_name'])
        .where('tenant_id', '=', tenantFor(ctx))
        .where('deleted', '=', 0);
      const words = userSearchWhere('search_text', search);
      if (words) q = q.where(words);
      const rows = await q.orderBy('logon_id').limit(20).execute();
      return rows.map((u) => ({ id: u.id, logonId: u.logon_id, name: `${u.first_name} ${u.last_name}`.trim() }));
    },

    async saveUserTypePrivileges({ userTypeId, expectedVersion, privileges }, ctx) {
      const ut = await k()
        .selectFrom('user_type')
        .select(['id', 'tenant_id', 'name', 'is_host_admin'])
        .where('id', '=', userTypeId)
        .executeTakeFirst();
      // Another tenant's user type: as if it did not exist, unless a host administrator asks.
      if (!ut || (ut.tenant_id !== identityOf(ctx).tenantId && !identityOf(ctx).hostAdmin))
        throw new ServiceError('NOT_FOUND', `User type ${userTypeId} does not exist.`, 'userTypeId');
      tenantFor(ctx, ut.tenant_id);
      if (ut.is_host_admin === 1 && !identityOf(ctx).hostAdmin)
        throw new ServiceError(
          'FORBIDDEN',
          `Only a host administrator can change the user type "${ut.name}": it administers every tenant.`,
          'userTypeId',
        );
      const wanted = AGENT_PRIVILEGES.filter((p) => privileges.includes(p));
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const before = await w.tx
          .selectFrom('user_type_privilege')
          .select('privilege')
          .where('user_type_id', '=', userTypeId)
          .execute();
        // The user type's version: a stale editor is refused, whoever changed the user type meanwhile.
        await updateVersioned(w, 'user_type', { column: 'id', value: userTypeId }, expectedVersion, {});
        await w.tx.deleteFrom('user_type_privilege').where('user_type_id', '=', userTypeId).execute();
        if (wanted.length)
          await w.tx
            .insertInto('user_type_privilege')
            .values(wanted.map((privilege) => ({ user_type_id: userTypeId, privilege })))
            .execute();
        w.audit({
          tenantId: ut.tenant_id,
          action: 'update',
          objectType: 'user-type-privileges',
          objectId: String(userTypeId),
          objectName: ut.name,
          before: { privileges: AGENT_PRIVILEGES.filter((p) => before.some((b) => b.privilege === p)) },
          after: { privileges: wanted },
        });
        w.changed('user_type', ut.tenant_id, userTypeId);
      });
      const row = await k()
        .selectFrom('user_type')
        .select(['id', 'name', 'version'])
        .where('id', '=', userTypeId)
        .executeTakeFirstOrThrow();
      return { ...row, privileges: await privilegesOf(k(), userTypeId) };
    },
  };
}
