import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_DATA_ACCESS, departmentProblems, type AgentDataAccess } from '../../contract';
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

  it('Suppress Agents outside Department keeps Contacts and Force to the same department; no department is a group too', () => {
    const d = (x: AgentFacts, department: string | null) => ({ ...x, department });
    const people = [d(me, 'Sales'), d(all[1]!, 'Sales'), d(all[2]!, 'Support'), d(all[3]!, null), d(a(5, 10), null)];
    const lists = (m: AgentFacts, o: AgentDataAccess) =>
      Object.fromEntries(agentLists(m, people, o, new Set()).map((l) => [l.key, l.sample]));
    const on = opts({ suppressAgentsOutsideDepartment: true });
    expect(lists(people[0]!, on)).toMatchObject({
      contacts: ['a2'],
      force: ['a2'],
      messaging: ['a2', 'a3', 'a4', 'a5'],
    });
    expect(lists(people[3]!, on)).toMatchObject({ contacts: ['a5'], force: ['a5'] });
    // With Use Agent Group for Dial as well, both must hold.
    expect(lists(people[0]!, { ...on, useAgentGroupForDial: true }).contacts).toEqual(['a2']);
    expect(lists(people[0]!, opts()).contacts).toEqual(['a2', 'a3', 'a4', 'a5']);
    const rule = agentLists(people[0]!, people, on, new Set()).find((l) => l.key === 'contacts')!.rule;
    expect(rule).toContain('only agents of department “Sales” appear');
  });

  it('departments: a name (1–50 characters), unique ignoring case, an agent in one department only', () => {
    const names = { 7: 'kasharp' } as Record<number, string>;
    const logon = (id: number) => names[id] ?? `user ${id}`;
    expect(
      departmentProblems([
        { name: 'Sales', agentIds: [7] },
        { name: 'Support', agentIds: [8] },
      ]),
    ).toEqual([]);
    expect(departmentProblems([{ name: '  ', agentIds: [] }])).toEqual([
      { field: 'departments.0.name', message: 'Department 1: the name is required.' },
    ]);
    expect(departmentProblems([{ name: 'x'.repeat(51), agentIds: [] }])[0]).toMatchObject({
      field: 'departments.0.name',
      message: expect.stringContaining('at most 50 characters'),
    });
    expect(departmentProblems([{ name: 'x'.repeat(50), agentIds: [] }])).toEqual([]);
    expect(
      departmentProblems([
        { name: 'Sales', agentIds: [] },
        { name: 'sales', agentIds: [] },
      ]),
    ).toEqual([{ field: 'departments.1.name', message: 'Department “sales”: the name is already used by “Sales”.' }]);
    expect(
      departmentProblems(
        [
          { name: 'Sales', agentIds: [7] },
          { name: 'Support', agentIds: [7] },
        ],
        logon,
      ),
    ).toEqual([
      {
        field: 'departments.1.agentIds',
        message: 'Department “Support”: kasharp is already in “Sales”; an agent is in one department only.',
      },
    ]);
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

  it("departments: saved trimmed, used by the agent view, another tenant's user refused, a deleted user dropped", async () => {
    const users = await k()
      .selectFrom('cc_user')
      .select(['id', 'logon_id', 'tenant_id'])
      .where('deleted', '=', 0)
      .orderBy('id')
      .execute();
    const [u1, u2, u3] = users.filter((u) => u.tenant_id === 1);
    const other = users.find((u) => u.tenant_id === 2)!;
    const base = (await tenantAdmin.call('systemParameters', 'getAgentDataAccess')).value;
    const foreign = await tenantAdmin.call('systemParameters', 'saveAgentDataAccess', {
      expectedVersion: base.version,
      settings: { ...base.settings, departments: [{ name: 'Sales', agentIds: [u1!.id, other.id] }] },
    });
    expect(foreign.error).toMatchObject({ code: 'INVALID', field: 'departments.0.agentIds' });
    expect(foreign.error?.message).toBe(
      `Department “Sales”: user ${other.id} is not an agent of tenant “Demo Contact Center”.`,
    );
    const twice = await tenantAdmin.call('systemParameters', 'saveAgentDataAccess', {
      expectedVersion: base.version,
      settings: {
        ...base.settings,
        departments: [
          { name: 'Sales', agentIds: [u1!.id] },
          { name: 'SALES ', agentIds: [] },
        ],
      },
    });
    expect(twice.error).toMatchObject({ code: 'INVALID', field: 'departments.1.name' });
    expect((await tenantAdmin.call('systemParameters', 'getAgentDataAccess')).value.version).toBe(base.version);

    const saved = await tenantAdmin.call('systemParameters', 'saveAgentDataAccess', {
      expectedVersion: base.version,
      settings: {
        ...base.settings,
        suppressAgentsOutsideDepartment: true,
        useAgentGroupForDial: false,
        departments: [{ name: '  Sales ', agentIds: [u1!.id, u2!.id, u2!.id] }],
      },
    });
    expect(saved.error).toBeUndefined();
    expect(saved.value.settings.departments).toEqual([{ name: 'Sales', agentIds: [u1!.id, u2!.id] }]);
    expect(saved.value.departmentAgents.map((a) => a.logonId).sort()).toEqual([u1!.logon_id, u2!.logon_id].sort());
    const view = (await supervisor.call('systemParameters', 'agentDataView', { agentId: u1!.id })).value;
    const contacts = view.lists.find((l) => l.key === 'contacts')!;
    expect(contacts).toMatchObject({ total: 1, sample: [u2!.logon_id] });
    expect(view.lists.find((l) => l.key === 'force')!.sample).toEqual([u2!.logon_id]);
    const outside = (await supervisor.call('systemParameters', 'agentDataView', { agentId: u3!.id })).value;
    expect(outside.lists.find((l) => l.key === 'contacts')!.sample).not.toContain(u1!.logon_id);

    await k().updateTable('cc_user').set({ deleted: 1 }).where('id', '=', u2!.id).execute();
    try {
      const read = (await tenantAdmin.call('systemParameters', 'getAgentDataAccess')).value;
      expect(read.settings.departments).toEqual([{ name: 'Sales', agentIds: [u1!.id] }]);
      expect(read.departmentAgents.map((a) => a.id)).toEqual([u1!.id]);
    } finally {
      await k().updateTable('cc_user').set({ deleted: 0 }).where('id', '=', u2!.id).execute();
    }
    // Back to the defaults for the next test.
    const reset = await tenantAdmin.call('systemParameters', 'saveAgentDataAccess', {
      expectedVersion: saved.value.version,
      settings: { ...base.settings, departments: [] },
    });
    expect(reset.error).toBeUndefined();
  });

  it("refuses another tenant's agent and a System reader's save", async () => {
    const agent = await k().selectFrom('cc_user').select('id').where('tenant_id', '=', 1).executeTakeFirstOrThrow();
    const r = await nw.call('systemParameters', 'agentDataView', { agentId: agent.id });
    expect(r.error).toMatchObject({ code: 'NOT_FOUND', field: 'agentId' });
    const w = await supervisor.call('systemParameters', 'saveAgentDataAccess', {
      expectedVersion: 3,
      settings: opts(),
    });
    expect(w.error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await nw.call('systemParameters', 'getAgentDataAccess')).value.version).toBe(0);
  });
});
