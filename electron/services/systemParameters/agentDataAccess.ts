import type { Kysely } from 'kysely';
import {
  recordingForAgent,
  type AgentDataAccess,
  type AgentDataView,
  type AgentList,
  type AgentPrivilege,
} from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { ServiceError } from '../../ipc/errors';
import { privilegesOf, readAgentDataAccess, readCallRecording } from './callRecording';

type K = Kysely<Database>;
const SAMPLE = 12;

export interface AgentFacts {
  id: number;
  logonId: string;
  agentGroupId: number;
  /** The privileges of the agent's user type. */
  privileges: readonly AgentPrivilege[];
  /** The DepartmentConfig.exe department, if any. */
  department?: string | null;
}

/**
 * AGENT DATA ACCESS, the agents part of the table: who appears in each list of an agent's Agent
 * application. `permittedGroups` are the agent groups the agent has permission for.
 */
export function agentLists(
  me: AgentFacts,
  all: readonly AgentFacts[],
  o: AgentDataAccess,
  permittedGroups: ReadonlySet<number>,
): AgentList[] {
  const others = all.filter((a) => a.id !== me.id);
  const sameGroup = (a: AgentFacts) => a.agentGroupId === me.agentGroupId;
  // Agents without a department count as one group of their own: "the same department" as each other.
  const myDept = me.department ?? null;
  const sameDept = (a: AgentFacts) => (a.department ?? null) === myDept;
  const dept = !o.suppressAgentsOutsideDepartment
    ? ''
    : myDept === null
      ? ' Suppress Agents outside Department: the agent is in no department, so only agents in none appear.'
      : ` Suppress Agents outside Department: only agents of department “${myDept}” appear.`;
  const byDept = (agents: AgentFacts[]) => (o.suppressAgentsOutsideDepartment ? agents.filter(sameDept) : agents);
  const list = (key: AgentList['key'], title: string, rule: string, agents: readonly AgentFacts[]): AgentList => ({
    key,
    title,
    rule,
    total: agents.length,
    sample: agents.slice(0, SAMPLE).map((a) => a.logonId),
  });
  const changeSkills = me.privileges.includes('changeSkillsForOthers');
  return [
    list(
      'skillAssignment',
      'Agent Skill Assignment and Skill Matching – agent list',
      !changeSkills
        ? 'No Change Skills for Other Agents privilege: only the agent.'
        : o.useAgentGroupForSkillAssignment
          ? 'Change Skills for Other Agents with Use Agent Group for Skill Assignment: agents of the agent groups ' +
            'the agent has permission for.'
          : 'Change Skills for Other Agents: all agents.',
      !changeSkills
        ? all.filter((a) => a.id === me.id)
        : o.useAgentGroupForSkillAssignment
          ? all.filter((a) => permittedGroups.has(a.agentGroupId))
          : all,
    ),
    list(
      'contacts',
      'Contacts',
      (o.useAgentGroupForDial
        ? 'Use Agent Group for Dial: logged-on agents of the same agent group.'
        : 'All logged-on agents.') + dept,
      byDept(o.useAgentGroupForDial ? others.filter(sameGroup) : others),
    ),
    list(
      'messaging',
      'Messages to agents',
      o.useAgentGroupForMessaging
        ? 'Use Agent Group for Messaging: only agents of the same agent group.'
        : 'Any agent.',
      o.useAgentGroupForMessaging ? others.filter(sameGroup) : others,
    ),
    list(
      'force',
      'Force dialog',
      (o.useAgentGroupForForce
        ? 'Use Agent Group for Force: logged-on agents of the same agent group.'
        : 'All logged-on agents.') + dept,
      byDept(o.useAgentGroupForForce ? others.filter(sameGroup) : others),
    ),
    list(
      'monitor',
      'Monitor dialog',
      o.useAgentGroupForMonitor
        ? 'Use Agent Group for Monitor: logged-on agents of the same agent group.'
        : 'All logged-on agents.',
      o.useAgentGroupForMonitor ? others.filter(sameGroup) : others,
    ),
    list(
      'assist',
      'Assist, E-mail Assist, Chat Assist dialogs',
      'Agents whose user type has the Provide Assistance privilege.',
      others.filter((a) => a.privileges.includes('provideAssistance')),
    ),
  ];
}

const OPEN_WHEN = {
  logged_on: 'Open when at least one agent is logged on',
  ready: 'Open when at least one agent is logged on and Ready',
} as const;

/** "What does this agent see?": the agents in its dialogs, its recording, the Divert dialog's groups. */
export async function agentDataView(k: K, tenantId: number, agentId: number): Promise<AgentDataView> {
  const agent = await k
    .selectFrom('cc_user as u')
    .innerJoin('user_type as t', 't.id', 'u.user_type_id')
    .innerJoin('agent_group as g', 'g.id', 'u.agent_group_id')
    .select(['u.id', 'u.logon_id', 'u.agent_group_id', 'u.user_type_id', 't.name as user_type', 'g.name as group_name'])
    .where('u.id', '=', agentId)
    .where('u.tenant_id', '=', tenantId)
    .where('u.deleted', '=', 0)
    .executeTakeFirst();
  if (!agent) throw new ServiceError('NOT_FOUND', `Agent ${agentId} does not exist.`, 'agentId');
  const [options, recording, users, grants, permitted, groups] = await Promise.all([
    readAgentDataAccess(k, tenantId),
    readCallRecording(k, tenantId),
    k
      .selectFrom('cc_user')
      .select(['id', 'logon_id', 'agent_group_id', 'user_type_id'])
      .where('tenant_id', '=', tenantId)
      .where('deleted', '=', 0)
      .orderBy('logon_id')
      .execute(),
    k
      .selectFrom('user_type_privilege as p')
      .innerJoin('user_type as t', 't.id', 'p.user_type_id')
      .select(['p.user_type_id', 'p.privilege'])
      .where('t.tenant_id', '=', tenantId)
      .execute(),
    k.selectFrom('supervisor_agent_group').select('agent_group_id').where('user_id', '=', agentId).execute(),
    k
      .selectFrom('service_group')
      .select(['id', 'name', 'media_type', 'open_rule'])
      .where('tenant_id', '=', tenantId)
      .orderBy('media_type')
      .orderBy('name')
      .execute(),
  ]);
  const byType = new Map<number, AgentPrivilege[]>();
  for (const g of grants) byType.set(g.user_type_id, [...(byType.get(g.user_type_id) ?? []), g.privilege]);
  const departmentOf = new Map<number, string>();
  for (const d of options.settings.departments) for (const id of d.agentIds) departmentOf.set(id, d.name);
  const all: AgentFacts[] = users.map((u) => ({
    id: u.id,
    logonId: u.logon_id,
    agentGroupId: u.agent_group_id,
    privileges: byType.get(u.user_type_id) ?? [],
    department: departmentOf.get(u.id) ?? null,
  }));
  const privileges = await privilegesOf(k, agent.user_type_id);
  const me: AgentFacts = {
    id: agent.id,
    logonId: agent.logon_id,
    agentGroupId: agent.agent_group_id,
    privileges,
    department: departmentOf.get(agent.id) ?? null,
  };
  const media = [...new Set(groups.map((g) => g.media_type))];
  return {
    agent: { id: agent.id, logonId: agent.logon_id, agentGroup: agent.group_name, userType: agent.user_type },
    privileges,
    recording: recordingForAgent(recording.settings, privileges),
    lists: agentLists(me, all, options.settings, new Set(permitted.map((p) => p.agent_group_id))),
    divert: media.map((m) => ({
      mediaType: m,
      groups: groups
        .filter((g) => g.media_type === m)
        .map((g) => ({ id: g.id, name: g.name, openWhen: OPEN_WHEN[g.open_rule] })),
    })),
  };
}
