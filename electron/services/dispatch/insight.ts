import type { Kysely } from 'kysely';
import type { FindingOut, PreviewArgs, PreviewResult } from '../../contract';
import type { Database } from '../../connectors/db/schema';
import {
  checkConfiguration,
  dispatchWindow,
  normalizeDirectoryNumber,
  realTimeWindow,
  routePersonalCall,
  type GroupFacts,
} from '../../domain/dispatch';
import { ServiceError } from '../../ipc/errors';
import { fullName, notFound } from './common';

type K = Kysely<Database>;

/**
 * "What happens to this call?": the configuration from the database, the agent state from the user, the rules from the
 * domain.
 */
export async function preview(k: K, tenantId: number, a: PreviewArgs): Promise<PreviewResult> {
  const access = await k
    .selectFrom('service_access as a')
    .innerJoin('service_group as g', 'g.id', 'a.service_group_id')
    .select([
      'a.name',
      'a.bvd_number',
      'g.id as group_id',
      'g.name as group_name',
      'g.media_type',
      'g.routing',
      'g.personal_calls',
      'g.max_wait_personal_sec',
    ])
    .where('a.id', '=', a.serviceAccessId)
    .where('a.tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!access)
    throw new ServiceError(
      'INVALID',
      `Service access ${a.serviceAccessId} does not exist in this tenant.`,
      'serviceAccessId',
    );
  const tenant = await k
    .selectFrom('tenant')
    .select(['ring_time_supervision_sec', 'system_default_destination'])
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const agentCols = [
    'id',
    'logon_id',
    'first_name',
    'last_name',
    'dispatch_privilege',
    'personal_default_destination',
    'directory_number',
  ] as const;
  const agents = k.selectFrom('cc_user').select(agentCols).where('tenant_id', '=', tenantId).where('deleted', '=', 0);
  let agent: Awaited<ReturnType<typeof agents.executeTakeFirst>>;
  if (a.designation.kind === 'script') {
    agent = await agents.where('id', '=', a.designation.agentId).executeTakeFirst();
  } else {
    const number = a.designation.number;
    agent = await agents.where('directory_number', '=', number).executeTakeFirst();
    if (!agent) {
      // the call manager compares digits: "555-0100" reaches the agent configured as "5550100"
      const wanted = normalizeDirectoryNumber(number);
      const candidates = await agents.where('directory_number', 'is not', null).execute();
      const hits = candidates.filter((c) => normalizeDirectoryNumber(c.directory_number!) === wanted);
      agent = hits.length === 1 ? hits[0] : undefined;
    }
  }
  const path = routePersonalCall({
    group: {
      name: access.group_name,
      mediaType: access.media_type,
      routing: access.routing,
      personalCalls: access.personal_calls === 1,
      maxWaitPersonalSec: access.max_wait_personal_sec,
    },
    access: { name: access.name, bvdNumber: access.bvd_number },
    ringTimeSupervisionSec: tenant.ring_time_supervision_sec,
    systemDefaultDestination: tenant.system_default_destination,
    designation:
      a.designation.kind === 'script' ? { kind: 'script' } : { kind: 'calledNumber', number: a.designation.number },
    agent: agent ? { name: fullName(agent), personalDefaultDestination: agent.personal_default_destination } : null,
    state: a.state,
  });
  return {
    group: { id: access.group_id, name: access.group_name, maxWaitPersonalSec: access.max_wait_personal_sec },
    agent: agent
      ? {
          id: agent.id,
          logonId: agent.logon_id,
          name: fullName(agent),
          dispatchPrivilege: agent.dispatch_privilege === 1,
          personalDefaultDestination: agent.personal_default_destination,
        }
      : null,
    steps: path.steps.map((s) => ({
      rule: s.rule ? { id: s.rule.id, section: s.rule.section, text: s.rule.text } : null,
      says: s.says,
    })),
    outcome: path.outcome,
    summary: path.summary,
  };
}

const MAX_FINDINGS = 500;

export async function configurationCheck(
  k: K,
  tenantId: number,
): Promise<{ findings: FindingOut[]; total: number; truncated: boolean }> {
  const groups = await k
    .selectFrom('service_group')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('personal_calls', '=', 1)
    .orderBy('name')
    .execute();
  const ids = groups.map((g) => g.id);
  const [accessCounts, skillCounts, groupAgents, numbers] = await Promise.all([
    ids.length
      ? k
          .selectFrom('service_access')
          .select((eb) => ['service_group_id', eb.fn.countAll<number | string>().as('n')])
          .where('service_group_id', 'in', ids)
          .groupBy('service_group_id')
          .execute()
      : [],
    ids.length
      ? k
          .selectFrom('service_group_skill')
          .select((eb) => ['service_group_id', eb.fn.countAll<number | string>().as('n')])
          .where('service_group_id', 'in', ids)
          .groupBy('service_group_id')
          .execute()
      : [],
    ids.length
      ? k
          .selectFrom('service_group_skill as gs')
          .innerJoin('skill_assignment as sa', 'sa.skill_id', 'gs.skill_id')
          .innerJoin('cc_user as u', 'u.id', 'sa.user_id')
          .innerJoin('service_group as g', 'g.id', 'gs.service_group_id')
          .select([
            'g.id as group_id',
            'g.name as group_name',
            'u.id as agent_id',
            'u.logon_id',
            'u.directory_number',
            'u.dispatch_privilege',
            'u.personal_default_destination',
          ])
          .distinct()
          .where('gs.service_group_id', 'in', ids)
          .where('u.deleted', '=', 0)
          .orderBy('g.name')
          .orderBy('u.logon_id')
          .limit(50_000)
          .execute()
      : [],
    k
      .selectFrom('cc_user')
      .select(['id', 'logon_id', 'directory_number'])
      .where('tenant_id', '=', tenantId)
      .where('deleted', '=', 0)
      .where('directory_number', 'is not', null)
      .orderBy('logon_id')
      .execute(),
  ]);
  const count = (rows: Array<{ service_group_id: number; n: number | string }>, id: number) =>
    Number(rows.find((r) => r.service_group_id === id)?.n ?? 0);
  const findings = checkConfiguration({
    personalGroups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      accessCount: count(accessCounts, g.id),
      skillCount: count(skillCounts, g.id),
    })),
    groupAgents: groupAgents.map((r) => ({
      groupId: r.group_id,
      groupName: r.group_name,
      agentId: r.agent_id,
      logonId: r.logon_id,
      directoryNumber: r.directory_number,
      dispatchPrivilege: r.dispatch_privilege === 1,
      personalDefaultDestination: r.personal_default_destination,
    })),
    numbers: numbers.map((n) => ({ agentId: n.id, logonId: n.logon_id, directoryNumber: n.directory_number! })),
  });
  return {
    findings: findings.slice(0, MAX_FINDINGS),
    total: findings.length,
    truncated: findings.length > MAX_FINDINGS,
  };
}

/** AGENT DATA ACCESS: the groups in the agent's Dispatch and Real-Time windows. */
export async function agentView(k: K, tenantId: number, agentId: number) {
  const agent = await k
    .selectFrom('cc_user as u')
    .innerJoin('user_type as t', 't.id', 'u.user_type_id')
    .select(['u.id', 'u.logon_id', 'u.first_name', 'u.last_name', 't.permissions'])
    .where('u.id', '=', agentId)
    .where('u.tenant_id', '=', tenantId)
    .where('u.deleted', '=', 0)
    .executeTakeFirst();
  if (!agent) throw notFound(`Agent ${agentId}`);
  const [tenant, skills, groups, groupSkills] = await Promise.all([
    k
      .selectFrom('tenant')
      .select(['allow_view_all_dispatch_groups', 'agents_may_change_caller_id'])
      .where('id', '=', tenantId)
      .executeTakeFirstOrThrow(),
    k.selectFrom('skill_assignment').select('skill_id').where('user_id', '=', agentId).execute(),
    k
      .selectFrom('service_group')
      .select(['id', 'name', 'routing', 'display_in_dispatch'])
      .where('tenant_id', '=', tenantId)
      .orderBy('name')
      .execute(),
    k
      .selectFrom('service_group_skill as gs')
      .innerJoin('service_group as g', 'g.id', 'gs.service_group_id')
      .select(['gs.service_group_id', 'gs.skill_id'])
      .where('g.tenant_id', '=', tenantId)
      .execute(),
  ]);
  let level: unknown;
  try {
    level = (JSON.parse(agent.permissions) as Record<string, unknown>).dispatch;
  } catch {
    level = undefined; // unreadable permissions grant nothing
  }
  const hasGroupPermission = level === 'read' || level === 'write';
  const facts: GroupFacts[] = groups.map((g) => ({
    id: g.id,
    name: g.name,
    routing: g.routing,
    displayInDispatch: g.display_in_dispatch === 1,
    skillIds: groupSkills.filter((s) => s.service_group_id === g.id).map((s) => s.skill_id),
  }));
  const allowViewAll = tenant.allow_view_all_dispatch_groups === 1;
  const a = { skillIds: skills.map((s) => s.skill_id), hasGroupPermission };
  // CALLER ID FOR OUTGOING CALLS, private calls: the tenant default, and a different one only if allowed.
  const callerIds = await k
    .selectFrom('caller_id')
    .select(['name', 'caller_id', 'is_default'])
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .execute();
  const def = callerIds.find((c) => c.is_default === 1);
  const agentMaySelect = tenant.agents_may_change_caller_id === 1;
  const asOut = (c: { name: string; caller_id: string }) => ({ name: c.name, callerId: c.caller_id });
  return {
    agent: { id: agent.id, logonId: agent.logon_id, name: fullName(agent) },
    allowViewAll,
    hasGroupPermission,
    dispatch: dispatchWindow(a, facts, allowViewAll),
    realTime: realTimeWindow(a, facts),
    privateCallerId: {
      default: def ? asOut(def) : null,
      agentMaySelect,
      choices: agentMaySelect ? callerIds.map(asOut) : def ? [asOut(def)] : [],
    },
  };
}
