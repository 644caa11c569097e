import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_CALL_RECORDING,
  dllCheck,
  navigatorUrl,
  parseDllVersions,
  recordingForAgent,
  type CallRecordingSettings,
} from '../../contract';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

const settings = (over: Partial<CallRecordingSettings> = {}): CallRecordingSettings => ({
  ...structuredClone(DEFAULT_CALL_RECORDING),
  ...over,
});
const versions = (a: string, b: string, c: string) => ({ ccasComClient: a, socketManager: b, secTraceLog: c });

describe('MiVoice Call Recording rules (pure)', () => {
  it('support DLLs: says which differ, which are missing; 7.1 equals 7.1.0.0', () => {
    const r = dllCheck({ mivcr: versions('7.1', '7.1.0.25', ''), micce: versions('7.1.0.0', '7.1.0.26', '7.1.0.3') });
    expect(r.map((x) => x.state)).toEqual(['same', 'differs', 'missing']);
    expect(r[1]!.message).toContain('SocketManager.dll differs (MiVCR 7.1.0.25, MiCC Enterprise 7.1.0.26)');
    expect(r[1]!.message).toContain('<InstallDir>\\Common Files\\EricssonShare on the MiCC Enterprise server');
    expect(r[2]!.message).toBe('SeCTraceLog.dll: enter the version on the MiVCR server');
  });

  it('reads the three versions from a PowerShell listing, ignoring other DLLs', () => {
    const text = [
      'FileVersion      FileName',
      '-----------      --------',
      '7.1.0.25         C:\\Program Files\\CTS.NET\\Solidus DLLs\\CCASComClient.dll',
      '9.9.9.9          C:\\Program Files\\CTS.NET\\Solidus DLLs\\Other.dll',
      'SocketManager.dll 7.1.0.26',
      '"SeCTraceLog.dll","7, 1, 0, 3"',
    ].join('\r\n');
    expect(parseDllVersions(text)).toEqual(versions('7.1.0.25', '7.1.0.26', '7.1.0.3'));
  });

  it('what an agent gets: the button with Record Calls or Record Others; start/stop in All Calls only with Record Calls', () => {
    expect(recordingForAgent(settings(), ['recordCalls'])).toBeNull();
    const all = settings({ integrated: true, voiceRecording: 'allCallsSave', mivcrRule: 'alwaysAllowOverride' });
    expect(recordingForAgent(all, ['recordOthers'])).toMatchObject({ button: true });
    expect(recordingForAgent(all, ['recordOthers'])!.text).toContain('does not have Record Calls');
    expect(recordingForAgent(all, ['recordCalls'])!.text).toContain('This user type has Record Calls');
    expect(recordingForAgent(all, [])!.button).toBe(false);
    const onDemand = settings({ integrated: true, voiceRecording: 'onDemand', mivcrRule: 'doNotRecordAllowOverride' });
    expect(recordingForAgent(onDemand, ['recordCalls'])!.text).toContain('Recording will be performed on demand');
    expect(navigatorUrl(' mivcr01 ')).toBe('http://mivcr01/navigator');
    expect(navigatorUrl('')).toBeNull();
  });
});

describe.each(ENGINES)('MiVoice Call Recording and user type privileges (%s)', (engine) => {
  let admin: TestConsole; // host administrator
  let tenantAdmin: TestConsole; // Administrator of tenant 1, not host administrator
  let nw: TestConsole; // Administrator of Northwind (tenant 2)
  let supervisor: TestConsole; // System read
  let db: Awaited<ReturnType<typeof seededDb>>;

  beforeAll(async () => {
    db = await seededDb(engine);
    [admin, tenantAdmin, nw, supervisor] = await Promise.all([
      startConsole(db),
      startConsole(db),
      startConsole(db),
      startConsole(db),
    ]);
    await signIn(admin, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    await signIn(tenantAdmin, 'expiring', DEMO_ACCOUNTS.expiring.password);
    await signIn(nw, 'nwadmin', DEMO_ACCOUNTS.northwindAdmin.password, 2);
    await signIn(supervisor, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([admin?.stop(), tenantAdmin?.stop(), nw?.stop(), supervisor?.stop()]);
  });

  const k = () => admin.core.data.require().kysely;

  it('the tables (migration 023): one options row per tenant and page; only the named privileges', async () => {
    const row = { tenant_id: 1, page: 'callRecording' as const, value: '{}', updated_at: 'now', updated_by: 't' };
    await k().insertInto('system_option').values(row).execute();
    await expect(k().insertInto('system_option').values(row).execute()).rejects.toThrow();
    await expect(
      k()
        .insertInto('system_option')
        .values({ ...row, page: 'proxy' as never })
        .execute(),
    ).rejects.toThrow();
    await k().deleteFrom('system_option').execute();
    const ut = await k().selectFrom('user_type').select('id').where('tenant_id', '=', 1).executeTakeFirstOrThrow();
    await expect(
      k()
        .insertInto('user_type_privilege')
        .values({ user_type_id: ut.id, privilege: 'administerEverything' as never })
        .execute(),
    ).rejects.toThrow();
  });

  it('defaults, read with System read; saved per tenant with its audit; a stale version is refused', async () => {
    const doc = (await supervisor.call('systemParameters', 'getCallRecording')).value;
    expect(doc).toMatchObject({ tenantId: 1, version: 0, settings: { integrated: false, voiceRecording: 'onDemand' } });
    expect(doc.userTypes.map((t) => t.name)).toContain('Agent');
    const s = settings({
      integrated: true,
      voiceRecording: 'allCallsDiscard',
      mivcrRule: 'alwaysNoOverride',
      mivcrServer: ' mivcr01.example.com ',
      dllVersions: { mivcr: versions('7.1.0.25', '', ''), micce: versions('7.1.0.25', '', '') },
    });
    const saved = await tenantAdmin.call('systemParameters', 'saveCallRecording', { expectedVersion: 0, settings: s });
    expect(saved.ok).toBe(true);
    expect(saved.value).toMatchObject({
      version: 1,
      updatedBy: 'expiring',
      settings: { mivcrServer: 'mivcr01.example.com' },
    });
    const audit = await k().selectFrom('audit_log').selectAll().where('object_type', '=', 'call-recording').execute();
    expect(audit).toHaveLength(1);
    const stale = await tenantAdmin.call('systemParameters', 'saveCallRecording', { expectedVersion: 0, settings: s });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    // Northwind has its own (defaults).
    expect((await nw.call('systemParameters', 'getCallRecording')).value.version).toBe(0);
  });

  it('refuses: Do Not Record – No Manual Override', async () => {
    const r = await tenantAdmin.call('systemParameters', 'saveCallRecording', {
      expectedVersion: 1,
      settings: settings({ integrated: true, mivcrRule: 'doNotRecordNoOverride' }),
    });
    expect(r.error).toMatchObject({ code: 'INVALID', field: 'mivcrRule' });
    expect(r.error!.message).toContain('not applicable when integrating with MiCC Enterprise');
  });

  it('refuses: a server name with a scheme or path', async () => {
    const r = await tenantAdmin.call('systemParameters', 'saveCallRecording', {
      expectedVersion: 1,
      settings: settings({ mivcrServer: 'http://mivcr01/navigator' }),
    });
    expect(r.error).toMatchObject({ code: 'INVALID', field: 'mivcrServer' });
  });

  it('refuses: a DLL version that is not a file version', async () => {
    const r = await tenantAdmin.call('systemParameters', 'saveCallRecording', {
      expectedVersion: 1,
      settings: settings({ dllVersions: { mivcr: versions('', 'seven', ''), micce: versions('', '', '') } }),
    });
    expect(r.error).toMatchObject({ code: 'INVALID', field: 'dllVersions.mivcr.socketManager' });
    expect(r.error!.message).toContain('SocketManager.dll on the MiVCR server');
  });

  it('refuses a System reader and another tenant (not a host administrator)', async () => {
    const s = settings();
    const read = await supervisor.call('systemParameters', 'saveCallRecording', { expectedVersion: 1, settings: s });
    expect(read.error).toMatchObject({ code: 'FORBIDDEN' });
    const other = await nw.call('systemParameters', 'saveCallRecording', {
      tenantId: 1,
      expectedVersion: 1,
      settings: s,
    });
    expect(other.error).toMatchObject({ code: 'FORBIDDEN', field: 'tenantId' });
    expect((await admin.call('systemParameters', 'getCallRecording', { tenantId: 2 })).value.tenantId).toBe(2);
  });

  it('privileges: Record Calls on a user type, versioned with the user type, audited', async () => {
    const doc = (await tenantAdmin.call('systemParameters', 'getCallRecording')).value;
    const agent = doc.userTypes.find((t) => t.name === 'Agent')!;
    expect(agent.privileges).toEqual([]);
    const r = await tenantAdmin.call('systemParameters', 'saveUserTypePrivileges', {
      userTypeId: agent.id,
      expectedVersion: agent.version,
      privileges: ['recordOthers', 'recordCalls'],
    });
    expect(r.value).toMatchObject({ version: agent.version + 1, privileges: ['recordCalls', 'recordOthers'] });
    const again = (await supervisor.call('systemParameters', 'getCallRecording')).value;
    expect(again.userTypes.find((t) => t.id === agent.id)!.privileges).toEqual(['recordCalls', 'recordOthers']);
    const stale = await tenantAdmin.call('systemParameters', 'saveUserTypePrivileges', {
      userTypeId: agent.id,
      expectedVersion: agent.version,
      privileges: [],
    });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    const audit = await k()
      .selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'user-type-privileges')
      .execute();
    expect(audit.map((a) => a.after_json)).toEqual([JSON.stringify({ privileges: ['recordCalls', 'recordOthers'] })]);
  });

  it("privileges: another tenant's user type is not found; a host administrator's user type only for a host administrator", async () => {
    const mine = (await tenantAdmin.call('systemParameters', 'getCallRecording')).value.userTypes;
    const agent = mine.find((t) => t.name === 'Agent')!;
    const r = await nw.call('systemParameters', 'saveUserTypePrivileges', {
      userTypeId: agent.id,
      expectedVersion: agent.version,
      privileges: [],
    });
    expect(r.error).toMatchObject({ code: 'NOT_FOUND', field: 'userTypeId' });
    const host = await k()
      .selectFrom('user_type')
      .select(['id', 'version', 'tenant_id'])
      .where('is_host_admin', '=', 1)
      .executeTakeFirstOrThrow();
    expect(host.tenant_id).toBe(1);
    const refused = await tenantAdmin.call('systemParameters', 'saveUserTypePrivileges', {
      userTypeId: host.id,
      expectedVersion: host.version,
      privileges: ['recordCalls'],
    });
    expect(refused.error).toMatchObject({ code: 'FORBIDDEN', field: 'userTypeId' });
    const ok = await admin.call('systemParameters', 'saveUserTypePrivileges', {
      userTypeId: host.id,
      expectedVersion: host.version,
      privileges: ['recordCalls'],
    });
    expect(ok.ok).toBe(true);
  });
});
