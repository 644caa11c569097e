import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { newMigratedDb, ENGINES } from '../../connectors/db/testing/engines';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

const { hostAdmin, supervisor } = DEMO_ACCOUNTS;
/* eslint-disable @typescript-eslint/no-explicit-any */

const voiceManual = (over: Record<string, unknown> = {}) => ({
  name: 'Personal Test',
  mediaType: 'voice' as const,
  routing: 'manual' as const,
  personalCalls: true,
  displayInDispatch: false,
  maxWaitPersonalSec: 20,
  openRule: 'logged_on' as const,
  skillIds: [],
  responseFileId: null,
  callerIdId: null,
  agentsMayChangeCallerId: false,
  ...over,
});
const STATE = {
  loggedOn: true,
  activity: 'idle' as const,
  dispatchAccess: true,
  answersInTime: true,
  freeWithinMaxWait: false,
  personalDefaultReachable: true,
  systemDefaultReachable: true,
};

// Dispatch Groups through the real router and services, on SQLite and PostgreSQL.
describe.each(ENGINES)('dispatch groups on %s', (engine) => {
  let c: TestConsole;
  let lookups: any;
  beforeAll(async () => {
    c = await startConsole(await seededDb(engine, 30));
    await signIn(c, 'admin', hostAdmin.password);
    lookups = (await c.call('dispatch', 'lookups')).value;
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => c.stop());

  const skill = (name: string) => lookups.skills.find((s: any) => s.name === name).id as number;
  const agents = async (search?: string) => (await c.call('dispatch', 'agentsPage', { search, limit: 500 })).value;

  it('creates a Voice – Manual Routing group with Personal Calls and skills, audited; reads it back', async () => {
    const res = await c.call('dispatch', 'saveServiceGroup', {
      id: null,
      expectedVersion: 0,
      fields: voiceManual({
        skillIds: [skill('French')],
        callerIdId: lookups.callerIds[0].id,
        agentsMayChangeCallerId: true,
      }),
    });
    expect(res.error).toBeUndefined();
    expect(res.value).toMatchObject({
      version: 1,
      fields: { personalCalls: true, skillIds: [skill('French')], agentsMayChangeCallerId: true },
      accesses: [],
      updatedBy: 'admin',
    });
    const list = (await c.call('dispatch', 'listServiceGroups')).value;
    expect(list.find((g: any) => g.name === 'Personal Test')).toMatchObject({
      personalCalls: true,
      skills: ['French'],
      accessCount: 0,
    });
    const audit = (await c.call('audit', 'query', { objectType: 'service-group', limit: 5 })).value.rows;
    expect(audit[0]).toMatchObject({ action: 'create', objectName: 'Personal Test' });
  });

  it('refuses Personal Calls on a group that is not Voice – Manual Routing (contract and database)', async () => {
    for (const over of [{ routing: 'automatic' }, { mediaType: 'email' }]) {
      const res = await c.call('dispatch', 'saveServiceGroup', {
        id: null,
        expectedVersion: 0,
        fields: voiceManual({ name: 'Bad', ...over }),
      });
      expect(res.error).toMatchObject({
        code: 'BAD_ARGUMENTS',
        field: 'fields.personalCalls',
        message: expect.stringContaining('Personal Calls is only for Voice – Manual Routing'),
      });
    }
    const db = await newMigratedDb(engine);
    try {
      const k = db.kysely;
      const by = { updated_at: 'x', updated_by: 'x' };
      const t = (
        await k
          .insertInto('tenant')
          .values({
            name: 'T',
            lockout_after_attempts: 5,
            cannot_reuse_last: 0,
            password_expires_days: 0,
            password_warn_days: 0,
            never_delete_synced: 0,
            allow_manual_delete_synced: 0,
            auto_restore_logon: 0,
            ...by,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const row = {
        tenant_id: t,
        name: 'G',
        media_type: 'voice' as const,
        routing: 'automatic' as const,
        personal_calls: 1,
        display_in_dispatch: 0,
        max_wait_personal_sec: 0,
        open_rule: 'logged_on' as const,
        response_file_id: null,
        caller_id_id: null,
        agents_may_change_caller_id: 0,
        ...by,
      };
      await expect(k.insertInto('service_group').values(row).execute()).rejects.toThrow(/check/i);
    } finally {
      await db.close();
    }
  });

  it('a response file only for e-mail, chat and SMS groups; references must be the tenant’s own', async () => {
    const voice = await c.call('dispatch', 'saveServiceGroup', {
      id: null,
      expectedVersion: 0,
      fields: voiceManual({ name: 'V', personalCalls: false, responseFileId: lookups.responseFiles[0].id }),
    });
    expect(voice.error).toMatchObject({ field: 'fields.responseFileId' });
    const mail = await c.call('dispatch', 'saveServiceGroup', {
      id: null,
      expectedVersion: 0,
      fields: voiceManual({
        name: 'Mail',
        mediaType: 'email',
        routing: 'automatic',
        personalCalls: false,
        responseFileId: lookups.responseFiles[0].id,
      }),
    });
    expect(mail.value.fields.responseFileId).toBe(lookups.responseFiles[0].id);
    const bad = await c.call('dispatch', 'saveServiceGroup', {
      id: null,
      expectedVersion: 0,
      fields: voiceManual({ name: 'Y', skillIds: [99999] }),
    });
    expect(bad.error).toMatchObject({ code: 'INVALID', field: 'fields.skillIds' });
    const dup = await c.call('dispatch', 'saveServiceGroup', {
      id: null,
      expectedVersion: 0,
      fields: voiceManual({ name: 'sales voice', personalCalls: false }),
    });
    expect(dup.error).toMatchObject({ code: 'CONFLICT', field: 'fields.name' });
  });

  it('a stale save is refused; a group a service access routes to cannot be deleted', async () => {
    const g = (await c.call('dispatch', 'listServiceGroups')).value.find((x: any) => x.name === 'Personal Test');
    const doc = (await c.call('dispatch', 'getServiceGroup', { id: g!.id })).value;
    await c.call('dispatch', 'saveServiceGroup', {
      id: g!.id,
      expectedVersion: doc.version,
      fields: { ...doc.fields, maxWaitPersonalSec: 25 },
    });
    const stale = await c.call('dispatch', 'saveServiceGroup', {
      id: g!.id,
      expectedVersion: doc.version,
      fields: doc.fields,
    });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    const personal = lookups.serviceGroups.find((x: any) => x.name === 'Personal Calls');
    const pdoc = (await c.call('dispatch', 'getServiceGroup', { id: personal.id })).value;
    const del = await c.call('dispatch', 'deleteServiceGroup', { id: personal.id, expectedVersion: pdoc.version });
    expect(del.error).toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(/1 service access routes to it \(Personal line\)/),
    });
  });

  it('service accesses: the BVD number is unique in the tenant', async () => {
    const g = (await c.call('dispatch', 'listServiceGroups')).value.find((x: any) => x.name === 'Personal Test');
    const ok = await c.call('dispatch', 'saveServiceAccess', {
      id: null,
      expectedVersion: 0,
      fields: { name: 'Personal test line', bvdNumber: '4100', serviceGroupId: g!.id },
    });
    expect(ok.value).toMatchObject({
      bvdNumber: '4100',
      serviceGroup: 'Personal Test',
      personalCalls: true,
      version: 1,
    });
    const dup = await c.call('dispatch', 'saveServiceAccess', {
      id: null,
      expectedVersion: 0,
      fields: { name: 'Another', bvdNumber: '4001', serviceGroupId: g!.id },
    });
    expect(dup.error).toMatchObject({
      code: 'CONFLICT',
      field: 'fields.bvdNumber',
      message:
        'BVD number 4001 is already used by service access "Personal line": a BVD number is unique in the tenant.',
    });
    const badNumber = await c.call('dispatch', 'saveServiceAccess', {
      id: null,
      expectedVersion: 0,
      fields: { name: 'Another', bvdNumber: 'abc', serviceGroupId: g!.id },
    });
    expect(badNumber.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'fields.bvdNumber' });
  });

  it('deleting a service access or group removes its object tag assignments with it (no foreign key would)', async () => {
    const region = (await c.call('objectTags', 'list', {})).value.tags.find((t: any) => t.name === 'Region');
    const g = (
      await c.call('dispatch', 'saveServiceGroup', {
        id: null,
        expectedVersion: 0,
        fields: voiceManual({ name: 'Short-lived', personalCalls: false }),
      })
    ).value;
    const a = (
      await c.call('dispatch', 'saveServiceAccess', {
        id: null,
        expectedVersion: 0,
        fields: { name: 'Short-lived line', bvdNumber: '4999', serviceGroupId: g.id },
      })
    ).value;
    expect(
      (
        await c.call('objectTags', 'assign', {
          tagId: region!.id,
          objectType: 'serviceGroup',
          objectId: g.id,
          value: 'APAC',
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await c.call('objectTags', 'assign', {
          tagId: region!.id,
          objectType: 'serviceAccess',
          objectId: a.id,
          value: 'APAC',
        })
      ).ok,
    ).toBe(true);
    const before = (await c.call('objectTags', 'assignments', { tagId: region!.id })).value.total;
    expect((await c.call('dispatch', 'deleteServiceAccess', { id: a.id, expectedVersion: a.version })).ok).toBe(true);
    const gdoc = (await c.call('dispatch', 'getServiceGroup', { id: g.id })).value;
    expect((await c.call('dispatch', 'deleteServiceGroup', { id: g.id, expectedVersion: gdoc.version })).ok).toBe(true);
    const after = (await c.call('objectTags', 'assignments', { tagId: region!.id })).value;
    expect(after.total).toBe(before - 2);
    expect(
      after.rows.some(
        (r: any) =>
          (r.objectType === 'serviceGroup' && r.objectId === g.id) ||
          (r.objectType === 'serviceAccess' && r.objectId === a.id),
      ),
    ).toBe(false);
  });

  it('agents: a server-side page with skills; Directory Number unique; dispatch privilege within the licence pool', async () => {
    const page = await agents();
    expect(page.total).toBeGreaterThan(30);
    expect(page.licences.pool).toBeGreaterThan(page.licences.used);
    const staff = ['admin', 'supervisor', 'tech', 'jlocked', 'expired', 'expiring'];
    const [a, b] = page.rows.filter((r: any) => r.directoryNumber === null && !staff.includes(r.logonId));
    const withNumber = page.rows.find((r: any) => r.directoryNumber !== null);
    const dup = await c.call('dispatch', 'saveAgent', {
      id: a!.id,
      expectedVersion: a!.version,
      fields: {
        directoryNumber: withNumber!.directoryNumber,
        personalDefaultDestination: null,
        dispatchPrivilege: false,
        skills: [],
      },
    });
    expect(dup.error).toMatchObject({
      code: 'CONFLICT',
      field: 'fields.directoryNumber',
      message: expect.stringContaining(`already the Personal Directory Number of ${withNumber!.logonId}`),
    });
    const saved = await c.call('dispatch', 'saveAgent', {
      id: a!.id,
      expectedVersion: a!.version,
      fields: {
        directoryNumber: '7001',
        personalDefaultDestination: '87001',
        dispatchPrivilege: true,
        skills: [{ skillId: skill('French'), level: 5 }],
      },
    });
    expect(saved.value).toMatchObject({
      directoryNumber: '7001',
      personalDefaultDestination: '87001',
      dispatchPrivilege: true,
      skills: [{ name: 'French', level: 5 }],
    });

    // shrink the pool to what is used, then one more privilege is refused and nothing is written
    const settings = (await c.call('dispatch', 'getSettings')).value;
    const tooSmall = await c.call('dispatch', 'saveSettings', {
      expectedVersion: settings.version,
      settings: { ...settings.settings, dispatchLicences: settings.licencesUsed - 1 },
      callerIds: settings.callerIds,
    });
    expect(tooSmall.error).toMatchObject({ code: 'INVALID', field: 'settings.dispatchLicences' });
    const full = await c.call('dispatch', 'saveSettings', {
      expectedVersion: settings.version,
      settings: { ...settings.settings, dispatchLicences: settings.licencesUsed },
      callerIds: settings.callerIds,
    });
    expect(full.error).toBeUndefined();
    const refused = await c.call('dispatch', 'saveAgent', {
      id: b!.id,
      expectedVersion: b!.version,
      fields: { directoryNumber: '7002', personalDefaultDestination: null, dispatchPrivilege: true, skills: [] },
    });
    expect(refused.error).toMatchObject({
      code: 'INVALID',
      field: 'dispatchPrivilege',
      message: expect.stringContaining(
        `the tenant has ${settings.licencesUsed} dispatch licences and this would use ${settings.licencesUsed + 1}`,
      ),
    });
    expect((await agents(b!.logonId)).rows[0]).toMatchObject({ directoryNumber: null, dispatchPrivilege: false });
    const search = await agents('7001');
    expect(search.rows.map((r: any) => r.id)).toEqual([a!.id]);
  });

  it('settings and custom caller IDs save in one transaction; one tenant default', async () => {
    const s = (await c.call('dispatch', 'getSettings')).value;
    const twoDefaults = await c.call('dispatch', 'saveSettings', {
      expectedVersion: s.version,
      settings: s.settings,
      callerIds: s.callerIds.map((x: any) => ({ ...x, isDefault: true })),
    });
    expect(twoDefaults.error).toMatchObject({ code: 'INVALID', field: 'callerIds' });
    const next = await c.call('dispatch', 'saveSettings', {
      expectedVersion: s.version,
      settings: {
        ...s.settings,
        ringTimeSupervisionSec: 20,
        systemDefaultDestination: '5998',
        allowViewAllDispatchGroups: true,
      },
      callerIds: [
        ...s.callerIds.map((x: any) => ({ ...x, isDefault: x.name === 'Support line' })),
        { id: null, name: 'Sales line', callerId: '+16135550150', isDefault: false },
      ],
    });
    expect(next.error).toBeUndefined();
    expect(next.value.settings).toMatchObject({
      ringTimeSupervisionSec: 20,
      systemDefaultDestination: '5998',
      allowViewAllDispatchGroups: true,
    });
    expect(next.value.callerIds.map((x: any) => [x.name, x.isDefault])).toEqual([
      ['Main number', false],
      ['Sales line', false],
      ['Support line', true],
    ]);
    // saving again without touching the caller IDs keeps the default
    const same = await c.call('dispatch', 'saveSettings', {
      expectedVersion: next.value.version,
      settings: next.value.settings,
      callerIds: next.value.callerIds,
    });
    expect(same.value.callerIds.map((x: any) => [x.name, x.isDefault])).toEqual([
      ['Main number', false],
      ['Sales line', false],
      ['Support line', true],
    ]);
    const stale = await c.call('dispatch', 'saveSettings', {
      expectedVersion: s.version,
      settings: s.settings,
      callerIds: [],
    });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    expect((await c.call('dispatch', 'getSettings')).value.callerIds).toHaveLength(3);
  });

  it('preview: the called number finds the agent, the path follows the rules, busy / not logged on / no dispatch', async () => {
    const access = (await c.call('dispatch', 'listServiceAccesses')).value.find((a: any) => a.bvdNumber === '4100');
    const run = (state: Record<string, unknown>, number = '7001') =>
      c.call('dispatch', 'preview', {
        serviceAccessId: access!.id,
        designation: { kind: 'calledNumber', number },
        state: { ...STATE, ...state },
      });
    const idle = (await run({})).value;
    expect(idle).toMatchObject({
      outcome: 'agent',
      agent: { dispatchPrivilege: true, personalDefaultDestination: '87001' },
    });
    expect(idle.steps.map((s: any) => s.rule?.id)).toEqual([
      'flowDivert',
      'flowAccess',
      'preferredAgent',
      'compare',
      'idle',
    ]);
    expect((await run({ activity: 'busyVoice' })).value.outcome).toBe('dispatchQueue');
    expect((await run({ loggedOn: false })).value).toMatchObject({
      outcome: 'personalDefault',
      summary: expect.stringContaining('87001'),
    });
    const noDispatch = (await run({ dispatchAccess: false, activity: 'busyVoice', personalDefaultReachable: false }))
      .value;
    expect(noDispatch).toMatchObject({ outcome: 'systemDefault', summary: expect.stringContaining('5998') });
    // separators do not matter; an unknown number identifies nobody
    expect((await run({}, '70-01')).value.agent).not.toBeNull();
    expect((await run({}, '123456')).value).toMatchObject({ agent: null, outcome: 'dispatchQueue' });
    // a preferred agent designated by a script; a call through a group without Personal Calls
    const script = (
      await c.call('dispatch', 'preview', {
        serviceAccessId: access!.id,
        designation: { kind: 'script', agentId: idle.agent!.id },
        state: STATE,
      })
    ).value;
    expect(script.steps.map((s: any) => s.rule?.id)).toContain('script');
    const sales = (await c.call('dispatch', 'listServiceAccesses')).value.find((a: any) => a.name === 'Sales line');
    expect(
      (
        await c.call('dispatch', 'preview', {
          serviceAccessId: sales!.id,
          designation: { kind: 'calledNumber', number: '7001' },
          state: STATE,
        })
      ).value.outcome,
    ).toBe('notPersonal');
    const bad = await c.call('dispatch', 'preview', {
      serviceAccessId: 99999,
      designation: { kind: 'calledNumber', number: '1' },
      state: STATE,
    });
    expect(bad.error).toMatchObject({ code: 'INVALID', field: 'serviceAccessId' });
  });

  it('configuration check: each finding names the object to fix', async () => {
    const bare = await c.call('dispatch', 'saveServiceGroup', {
      id: null,
      expectedVersion: 0,
      fields: voiceManual({ name: 'Orphan personal' }),
    });
    const res = (await c.call('dispatch', 'checkConfiguration')).value;
    const kinds = res.findings.map((f: any) => `${f.kind}:${f.target.name}`);
    expect(kinds).toContain('groupWithoutAccess:Orphan personal');
    expect(kinds).toContain('groupWithoutSkills:Orphan personal');
    expect(res.findings.find((f: any) => f.kind === 'groupWithoutAccess')!.target).toEqual({
      type: 'serviceGroup',
      id: bare.value.id,
      name: 'Orphan personal',
    });
    // VIP agents serve "Personal Calls"; the ones without a Directory Number are named
    expect(res.findings.some((f: any) => f.kind === 'agentWithoutDirectoryNumber' && f.target.type === 'agent')).toBe(
      true,
    );
  });

  it('what does this agent see: Dispatch and Real-Time windows per AGENT DATA ACCESS', async () => {
    const a = (await agents('7001')).rows[0];
    const view = (await c.call('dispatch', 'agentView', { agentId: a!.id })).value;
    // French: serves "Personal Test" (manual); Allow Agents to View all Dispatch Groups was set above
    expect(view.allowViewAll).toBe(true);
    expect(view.dispatch.find((g: any) => g.name === 'Personal Test')).toMatchObject({ readOnly: false });
    expect(view.dispatch.find((g: any) => g.name === 'Personal Calls')).toMatchObject({ readOnly: true });
    expect(view.dispatch.map((g: any) => g.name)).not.toContain('Sales Voice');
    expect(view.hasGroupPermission).toBe(false);
    expect(view.realTime.map((g: any) => g.name)).toEqual(['Personal Test']);
  });

  it('what does this agent see: private calls use the tenant default caller ID; a different one only if allowed', async () => {
    const a = (await agents('7001')).rows[0];
    const view = async () => (await c.call('dispatch', 'agentView', { agentId: a!.id })).value.privateCallerId;
    const s = (await c.call('dispatch', 'getSettings')).value;
    expect(s.settings.agentsMaySelectCallerId).toBe(false);
    expect(await view()).toEqual({
      default: { name: 'Support line', callerId: expect.any(String) },
      agentMaySelect: false,
      choices: [{ name: 'Support line', callerId: expect.any(String) }],
    });
    const saved = await c.call('dispatch', 'saveSettings', {
      expectedVersion: s.version,
      settings: { ...s.settings, agentsMaySelectCallerId: true },
      callerIds: s.callerIds,
    });
    expect(saved.value.settings.agentsMaySelectCallerId).toBe(true);
    const allowed = await view();
    expect(allowed.agentMaySelect).toBe(true);
    expect(allowed.choices.map((x: any) => x.name)).toEqual(['Main number', 'Sales line', 'Support line']);
    const back = await c.call('dispatch', 'saveSettings', {
      expectedVersion: saved.value.version,
      settings: { ...saved.value.settings, agentsMaySelectCallerId: false },
      callerIds: saved.value.callerIds,
    });
    expect(back.value.settings.agentsMaySelectCallerId).toBe(false);
  });

  it('phone agent logon: who is restored, priority first; each reference validated; call managers', async () => {
    const list = (await c.call('dispatch', 'autoLogon', {})).value;
    expect(list.tenantAutoRestore).toBe(true);
    expect(list.rows.length).toBeGreaterThan(0);
    const firstNonPriority = list.rows.findIndex((r: any) => !r.priority);
    expect(list.rows.slice(0, firstNonPriority).every((r: any) => r.priority && r.restored)).toBe(true);
    // the demo has every user option: "Don't Restore Logon State" rows come last, not restored
    const never = list.rows.filter((r: any) => r.option === 2);
    expect(never.length).toBeGreaterThan(0);
    expect(never.every((r: any) => !r.restored && /Don't Restore/.test(r.reason))).toBe(true);
    expect(list.rows.slice(-never.length).every((r: any) => !r.restored)).toBe(true);
    expect(list.restoredCount).toBe(list.rows.filter((r: any) => r.restored).length);

    const created = await c.call('dispatch', 'saveCallManager', {
      id: null,
      expectedVersion: 0,
      fields: { name: 'Backup Server', serverType: 'TAS', host: 'tas02.demo.example', port: 7002, site: 'Ottawa' },
    });
    expect(created.value).toMatchObject({ name: 'Backup Server', site: 'Ottawa', version: 1, phoneAgents: 0 });
    const dupName = await c.call('dispatch', 'saveCallManager', {
      id: null,
      expectedVersion: 0,
      fields: { name: 'backup server', serverType: 'TAS', host: 'x.example', port: 7002, site: null },
    });
    expect(dupName.error).toMatchObject({ code: 'CONFLICT', field: 'fields.name' });
    const cms = (await c.call('dispatch', 'listCallManagers')).value;
    expect(cms.map((m: any) => [m.name, m.site])).toEqual([
      ['Backup Server', 'Ottawa'],
      ['Default Server', 'Ottawa'],
    ]);
    const agent = (await agents('7001')).rows[0];
    const badAgent = await c.call('dispatch', 'savePhoneAgentLogon', {
      fields: { agentId: 99999, callManagerId: cms[0]!.id, phoneNum: '5599', readyStatus: true, priorityLogon: false },
      replace: false,
    });
    expect(badAgent.error).toMatchObject({
      code: 'INVALID',
      field: 'fields.agentId',
      message: expect.stringContaining('agent_id: 99999'),
    });
    const badCm = await c.call('dispatch', 'savePhoneAgentLogon', {
      fields: { agentId: agent!.id, callManagerId: 99999, phoneNum: '5599', readyStatus: true, priorityLogon: false },
      replace: false,
    });
    expect(badCm.error).toMatchObject({
      code: 'INVALID',
      field: 'fields.callManagerId',
      message: expect.stringContaining('site_server_param'),
    });
    const ok = await c.call('dispatch', 'savePhoneAgentLogon', {
      fields: {
        agentId: agent!.id,
        callManagerId: cms[0]!.id,
        phoneNum: '5599',
        readyStatus: true,
        priorityLogon: true,
      },
      replace: false,
    });
    expect(ok.value).toMatchObject({ phoneNum: '5599', callManager: 'Backup Server', restored: true, priority: true });
    const again = await c.call('dispatch', 'savePhoneAgentLogon', {
      fields: {
        agentId: agent!.id,
        callManagerId: cms[0]!.id,
        phoneNum: '5598',
        readyStatus: true,
        priorityLogon: true,
      },
      replace: false,
    });
    expect(again.error).toMatchObject({ code: 'CONFLICT' });
    const used = (await c.call('dispatch', 'listCallManagers')).value.find((m: any) => m.name === 'Backup Server');
    const del = await c.call('dispatch', 'deleteCallManager', { id: used!.id, expectedVersion: used!.version });
    expect(del.error).toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining(
        '"Backup Server" cannot be deleted: 1 phone_agent_logon row refers to it (call_manager_id)',
      ),
    });
    expect((await c.call('dispatch', 'deletePhoneAgentLogon', { agentId: agent!.id })).ok).toBe(true);
    const cm = await c.call('dispatch', 'saveCallManager', {
      id: used!.id,
      expectedVersion: used!.version,
      fields: { name: 'Backup Server', serverType: 'TAS', host: 'tas03.demo.example', port: 7003, site: 'Kanata' },
    });
    expect(cm.value).toMatchObject({ host: 'tas03.demo.example', site: 'Kanata', version: used!.version + 1 });
    const badHost = await c.call('dispatch', 'saveCallManager', {
      id: null,
      expectedVersion: 0,
      fields: { name: 'Z', serverType: 'TAS', host: 'bad host', port: 0, site: null },
    });
    expect(badHost.error).toMatchObject({ code: 'BAD_ARGUMENTS' });
  });

  it('the database refuses dangling phone_agent_logon references too', async () => {
    const db = await newMigratedDb(engine);
    try {
      const k = db.kysely;
      const by = { updated_at: 'x', updated_by: 'x' };
      const t = (
        await k
          .insertInto('tenant')
          .values({
            name: 'T',
            lockout_after_attempts: 5,
            cannot_reuse_last: 0,
            password_expires_days: 0,
            password_warn_days: 0,
            never_delete_synced: 0,
            allow_manual_delete_synced: 0,
            auto_restore_logon: 0,
            ...by,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      await expect(
        k
          .insertInto('phone_agent_logon')
          .values({
            agent_id: 4242,
            tenant_id: t,
            call_manager_id: 4242,
            phone_num: '1',
            ready_status: 0,
            priority_logon: 0,
            time_stamp: 'x',
          })
          .execute(),
      ).rejects.toThrow(/foreign key/i);
    } finally {
      await db.close();
    }
  });

  it('a Supervisor reads but cannot write', async () => {
    await c.call('auth', 'signOut');
    await signIn(c, 'supervisor', supervisor.password);
    expect((await c.call('dispatch', 'listServiceGroups')).ok).toBe(true);
    expect(
      (
        await c.call('dispatch', 'saveServiceGroup', {
          id: null,
          expectedVersion: 0,
          fields: voiceManual({ name: 'Nope' }),
        })
      ).error,
    ).toMatchObject({ code: 'FORBIDDEN' });
    await c.call('auth', 'signOut');
    await signIn(c, 'admin', hostAdmin.password);
  });
});
