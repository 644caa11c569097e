import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_DATA_ACCESS, type AgentDataAccess } from '../../contract';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { agentLists, type AgentFacts } from './agentDataAccess';

const opts = (over: Partial<AgentDataAccess> = {}): AgentDataAccess => ({ ...DEFAULT_AGENT_DATA_ACCESS, ...over });
const a = (id: number, group: number, privileges: AgentFacts['privileges'] = []): AgentFacts => ({
  id,
  logonId: `a${id}`,
  agentGroupId: group,
  privileges,
});

describe('Agent Data Access lists (pure)', () => {
  const me = a(1, 10, ['changeSkillsForOthers']);
  const all = [me, a(2, 10, ['provideAssistance']), a(3, 20), a(4, 30, ['provideAssistance'])];
  const get = (o: AgentDataAccess, m = me, permitted = new Set([10, 30])) =>
    Object.fromEntries(agentLists(m, all, o, permitted).map((l) => [l.key, l.sample]));

  it('defaults: all agents everywhere; Assist lists the agents with Provide Assistance', () => {
    expect(get(opts())).toEqual({
      skillAssignment: ['a1', 'a2', 'a3', 'a4'],
      contacts: ['a2', 'a3', 'a4'],
      messaging: ['a2', 'a3', 'a4'],
      force: ['a2', 'a3', 'a4'],
      monitor: ['a2', 'a3', 'a4'],
      assist: ['a2', 'a4'],
    });
  });

  it('each Use Agent Group option keeps its list to the same agent group', () => {
    const o = opts({
      useAgentGroupForDial: true,
      useAgentGroupForMessaging: true,
      useAgentGroupForForce: true,
      useAgentGroupForMonitor: true,
    });
    const r = get(o);
    expect([r.contacts, r.messaging, r.force, r.monitor]).toEqual([['a2'], ['a2'], ['a2'], ['a2']]);
    expect(get(opts({ useAgentGroupForForce: true })).monitor).toEqual(['a2', 'a3', 'a4']);
  });

  it('skill assignment: only the agent without Change Skills; permitted agent groups with Use Agent Group', () => {
    expect(get(opts(), a(1, 10))).toMatchObject({ skillAssignment: ['a1'] });
    expect(get(opts({ useAgentGroupForSkillAssignment: true })).skillAssignment).toEqual(['a1', 'a2', 'a4']);
  });

  it('Suppress Agents outside Department is named on Contacts and Force', () => {
    const lists = agentLists(me, all, opts({ suppressAgentsOutsideDepartment: true }), new Set());
    const said = lists.filter((l) => l.rule.includes('Suppress Agents outside Department')).map((l) => l.key);
    expect(said).toEqual(['contacts', 'force']);
  });
});

describe.each(ENGINES)('Agent Data Access (%s)', (engine) => {
  let tenantAdmin: TestConsole;
  let nw: TestConsole;
  let supervisor: TestConsole;
  let db: Awaited<ReturnType<typeof seededDb>>;

  beforeAll(async () => {
    db = await seededDb(engine);
    [tenantAdmin, nw, supervisor] = await Promise.all([startConsole(db), startConsole(db), startConsole(db)]);
    await signIn(tenantAdmin, 'expiring', DEMO_ACCOUNTS.expiring.password);
    await signIn(nw, 'nwadmin', DEMO_ACCOUNTS.northwindAdmin.password, 2);
    await signIn(supervisor, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([tenantAdmin?.stop(), nw?.stop(), supervisor?.stop()]);
  });
  const k = () => tenantAdmin.core.data.require().kysely;

  it('options saved per tenant (stale refused); privileges on the user type; the agent view follows both', async () => {
    const agent = await k()
      .selectFrom('cc_user as u')
      .innerJoin('user_type as t', 't.id', 'u.user_type_id')
      .select(['u.id', 'u.agent_group_id', 'u.user_type_id'])
      .where('u.tenant_id', '=', 1)
      .where('t.name', '=', 'Agent')
      .where('u.deleted', '=', 0)
      .executeTakeFirstOrThrow();
    const sameGroup = await k()
      .selectFrom('cc_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', 1)
      .where('deleted', '=', 0)
      .where('agent_group_id', '=', agent.agent_group_id)
      .executeTakeFirstOrThrow();
    const before = (await supervisor.call('systemParameters', 'agentDataView', { agentId: agent.id })).value;
    expect(before.privileges).toEqual([]);
    expect(before.lists.find((l) => l.key === 'skillAssignment')!.total).toBe(1);
    expect(before.recording).toBeNull();
    expect(before.divert.length).toBeGreaterThan(0);
    expect(before.divert.flatMap((d) => d.groups.map((g) => g.openWhen))).toContain(
      'Open when at least one agent is logged on and Ready',
    );

    const doc = (await tenantAdmin.call('systemParameters', 'getAgentDataAccess')).value;
    expect(doc).toMatchObject({ version: 0, settings: DEFAULT_AGENT_DATA_ACCESS });
    const saved = await tenantAdmin.call('systemParameters', 'saveAgentDataAccess', {
      expectedVersion: 0,
      settings: opts({ useAgentGroupForDial: true }),
    });
    expect(saved.value.version).toBe(1);
    const stale = await tenantAdmin.call('systemParameters', 'saveAgentDataAccess', {
      expectedVersion: 0,
      settings: opts(),
    });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    const type = doc.userTypes.find((t) => t.id === agent.user_type_id)!;
    await tenantAdmin.call('systemParameters', 'saveUserTypePrivileges', {
      userTypeId: type.id,
      expectedVersion: type.version,
      privileges: ['changeSkillsForOthers', 'recordCalls'],
    });
    await tenantAdmin.call('systemParameters', 'saveCallRecording', {
      expectedVersion: 0,
      settings: {
        ...(await tenantAdmin.call('systemParameters', 'getCallRecording')).value.settings,
        integrated: true,
      },
    });
    const after = (await supervisor.call('systemParameters', 'agentDataView', { agentId: agent.id })).value;
    expect(after.privileges).toEqual(['recordCalls', 'changeSkillsForOthers']);
    expect(after.recording?.button).toBe(true);
    const contacts = after.lists.find((l) => l.key === 'contacts')!;
    expect(contacts.rule).toContain('Use Agent Group for Dial');
    expect(contacts.total).toBe(Number(sameGroup.n) - 1);
    expect(after.lists.find((l) => l.key === 'skillAssignment')!.total).toBeGreaterThan(1);
  });

  it("refuses another tenant's agent and a System reader's save", async () => {
    const agent = await k().selectFrom('cc_user').select('id').where('tenant_id', '=', 1).executeTakeFirstOrThrow();
    const r = await nw.call('systemParameters', 'agentDataView', { agentId: agent.id });
    expect(r.error).toMatchObject({ code: 'NOT_FOUND', field: 'agentId' });
    const w = await supervisor.call('systemParameters', 'saveAgentDataAccess', {
      expectedVersion: 1,
      settings: opts(),
    });
    expect(w.error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await nw.call('systemParameters', 'getAgentDataAccess')).value.version).toBe(0);
  });
});
