import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING, type UserSyncSettings } from '../../contract';
import { ENGINES } from '../../connectors/db/testing/engines';
import { startSlapd, type TestSlapd } from '../../testing/slapd';
import { testCa } from '../../testing/testCa';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { runAdSync, userSyncRuntimeFor } from '.';
import { parseFlags } from '../../cli/flags';
import { addDirectoryCa } from './ldapReader';
import { userSyncCsvPath } from './csvLog';

const T = 2; // Northwind: its administrator (not a host administrator) runs the synchronization
const PASSWORD = 'sync-Pass-1';

describe.each(ENGINES)('user synchronization from Active Directory on %s', (engine) => {
  let d: TestSlapd;
  let c: TestConsole;
  let supervisor: TestConsole;
  let version = 0;
  const settings = (over: Partial<UserSyncSettings> = {}): UserSyncSettings => ({
    type: 'ad',
    ad: { host: '127.0.0.1', port: d.port, userName: d.bindDn, security: 'starttls', baseDn: '', domain: '' },
    azure: { tenantId: '', clientId: '', loginBaseUrl: '', graphBaseUrl: '' },
    userGroup: 'MICCE Users',
    logonId: { order: 'lastFirst', firstChars: 2, lastChars: 18 },
    neverDelete: false,
    allowManualDelete: false,
    mapping: DEFAULT_MAPPING.ad,
    schedule: { enabled: false, time: '02:00' },
    csv: { folder: '', fileName: 'UserSync.csv' },
    ...over,
  });
  const save = async (over: Partial<UserSyncSettings> = {}, password?: string) => {
    const r = await c.call('userSync', 'save', { expectedVersion: version, settings: settings(over), password });
    expect(r.error).toBeUndefined();
    version = r.value.version;
    return r.value;
  };
  const db = () => c.core.data.require().kysely;
  const user = (logonId: string) =>
    db()
      .selectFrom('cc_user')
      .selectAll()
      .where('tenant_id', '=', T)
      .where('logon_id', '=', logonId)
      .executeTakeFirst();
  const previewAndApply = async () => {
    const p = await c.call('userSync', 'preview', {});
    expect(p.error).toBeUndefined();
    const a = await c.call('userSync', 'apply', { previewId: p.value.previewId });
    expect(a.error).toBeUndefined();
    return { preview: p.value, run: a.value };
  };

  beforeAll(async () => {
    addDirectoryCa(testCa().caPem);
    d = await startSlapd({
      password: PASSWORD,
      users: [
        {
          uid: 'ksharp',
          guid: '11111111-0000-4000-8000-000000000001',
          givenName: 'Karen',
          sn: 'Sharp',
          upn: 'karen.sharp@example.test',
          mail: 'ksharp@example.test',
          telephoneNumber: '4001',
        },
        {
          uid: 'kasharp',
          guid: '11111111-0000-4000-8000-000000000002',
          givenName: 'Kathy',
          sn: 'Sharp',
          mail: 'kathy@example.test',
        },
        {
          uid: 'jmuessig',
          guid: '11111111-0000-4000-8000-000000000003',
          givenName: 'Jürgen',
          sn: 'Müßig',
          upn: 'jm@example.test',
        },
        { uid: 'nofirst', guid: '11111111-0000-4000-8000-000000000004', sn: 'Nameless' },
        {
          uid: 'zoe',
          guid: '11111111-0000-4000-8000-000000000005',
          givenName: 'Zoë',
          sn: "O'Brien-Smith",
          upn: 'zoe@example.test',
        },
        { uid: 'outsider', guid: '11111111-0000-4000-8000-000000000006', givenName: 'Otto', sn: 'Side' },
      ],
      groups: [
        { cn: 'Sales', members: ['zoe'] },
        { cn: 'MICCE Users', members: ['ksharp', 'kasharp', 'jmuessig', 'nofirst', 'group:Sales'] },
      ],
    });
    const seeded = await seededDb(engine);
    c = await startConsole(seeded);
    await signIn(c, 'nwadmin', 'Admin#2026', T);
    supervisor = await startConsole(seeded);
    await signIn(supervisor, 'supervisor', 'Super#2026');
  });
  afterAll(async () => {
    await c?.stop();
    await supervisor?.stop();
    await d?.stop();
  });

  it('refuses a supervisor scoped to agent groups: no save, no preview', async () => {
    const s = await supervisor.call('userSync', 'save', { expectedVersion: 0, settings: settings() });
    expect(s.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(s.error!.message).toMatch(/not limited to the agent groups/);
    expect((await supervisor.call('userSync', 'preview', {})).error).toMatchObject({ code: 'FORBIDDEN' });
    // Reading is allowed (users read).
    expect((await supervisor.call('userSync', 'get', {})).ok).toBe(true);
  });

  it('refuses another tenant to a tenant administrator', async () => {
    expect((await c.call('userSync', 'get', { tenantId: 1 })).error).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses more than 20 Logon ID characters combined, naming the field', async () => {
    const r = await c.call('userSync', 'save', {
      expectedVersion: 0,
      settings: settings({ logonId: { order: 'lastFirst', firstChars: 17, lastChars: 4 } }),
    });
    expect(r.error).toMatchObject({ code: 'INVALID', field: 'settings.logonId.lastChars' });
  });

  it('saves the settings; the password goes to the keychain for this host and port, never the audit', async () => {
    const v = await save({}, PASSWORD);
    expect(v).toMatchObject({ type: 'ad', passwordSet: true, userGroup: 'MICCE Users' });
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'userSync.saveSettings')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    // Another port: the stored password does not follow.
    const moved = await c.call('userSync', 'get', {});
    expect(moved.value.passwordSet).toBe(true);
  });

  it('previews adds (nested group included, Logon IDs generated with clash suffix) and a per-user error; writes nothing', async () => {
    const p = await c.call('userSync', 'preview', {});
    expect(p.error).toBeUndefined();
    expect(p.value.counts).toMatchObject({ read: 5, add: 4, update: 0, delete: 0, undelete: 0, error: 1 });
    const byAction = (a: string) => p.value.changes.filter((x) => x.action === a);
    expect(
      byAction('ADD')
        .map((x) => x.logonId)
        .sort(),
    ).toEqual(['mussigju', 'obriensmithzo', 'sharpka', 'sharpka1']);
    expect(byAction('ERROR')[0]).toMatchObject({ syncId: '11111111-0000-4000-8000-000000000004' });
    expect(byAction('ERROR')[0]!.comment).toMatch(/no first name/);
    const karen = byAction('ADD').find((x) => x.firstName === 'Karen')!;
    expect(karen.externalLogonId).toBe('karen.sharp@example.test');
    expect(byAction('ADD').find((x) => x.firstName === 'Kathy')!.externalLogonId).toBe('kathy@example.test');
    expect(await user('sharpka')).toBeUndefined();
    const page = await c.call('userSync', 'previewPage', { previewId: p.value.previewId, action: 'ERROR' });
    expect(page.value.total).toBe(1);
  });

  it('applies: new users in <Default> with a blank password and the Sync ID; UserSync.csv and the audit log', async () => {
    const { run } = await previewAndApply();
    expect(run).toMatchObject({ status: 'succeeded', counts: { add: 4, error: 1 } });
    const karen = (await user('sharpka'))!;
    expect(karen).toMatchObject({
      sync_id: '11111111-0000-4000-8000-000000000001',
      password_hash: null,
      external_logon_id: 'karen.sharp@example.test',
      directory_number: '4001',
      deleted: 0,
    });
    const group = await db()
      .selectFrom('agent_group')
      .select('name')
      .where('id', '=', karen.agent_group_id)
      .executeTakeFirst();
    const type = await db()
      .selectFrom('user_type')
      .select(['name', 'permissions'])
      .where('id', '=', karen.user_type_id)
      .executeTakeFirst();
    expect(group!.name).toBe('<Default>');
    expect(type).toEqual({ name: '<Default>', permissions: '{}' });
    const lines = readFileSync(userSyncCsvPath(c.userDataDir), 'utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(5);
    const line = lines.find((l) => l.includes('"sharpka"'))!;
    expect(line).toMatch(
      new RegExp(
        `^"\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}","ADD","11111111-0000-4000-8000-000000000001","${karen.id}",` +
          `"sharpka","Karen","Sharp","karen.sharp@example.test","[^"]*"$`,
      ),
    );
    expect(lines.some((l) => /^"[^"]+","ERROR","11111111-0000-4000-8000-000000000004"/.test(l))).toBe(true);
    const audit = await db().selectFrom('audit_log').select('action').where('action', 'like', 'userSync.%').execute();
    expect(audit.filter((a) => a.action === 'userSync.add')).toHaveLength(4);
    const runs = await c.call('userSync', 'runs', {});
    expect(runs.value[0]).toMatchObject({ status: 'succeeded', trigger: 'manual', actor: 'nwadmin' });
  });

  it('updates the "every time" fields only; Logon ID, agent group and user type stay; deletes a user gone from the group', async () => {
    const other = await db()
      .selectFrom('agent_group')
      .select('id')
      .where('tenant_id', '=', T)
      .where('name', '!=', '<Default>')
      .executeTakeFirst();
    const groupId =
      other?.id ??
      (
        await db()
          .insertInto('agent_group')
          .values({ tenant_id: T, name: 'Agents', updated_at: 'x', updated_by: 't' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    // An administrator moves Jürgen to a real agent group.
    await db().updateTable('cc_user').set({ agent_group_id: groupId }).where('logon_id', '=', 'mussigju').execute();
    d.modify(
      `dn: ${d.userDn('ksharp')}\nchangetype: modify\nreplace: sn\nsn: Sharp-Jones\n-\nreplace: telephoneNumber\ntelephoneNumber: 4999\n\n` +
        `dn: ${d.groupDn('MICCE Users')}\nchangetype: modify\ndelete: member\nmember: ${d.userDn('jmuessig')}\n`,
    );
    const { preview } = await previewAndApply();
    expect(preview.counts).toMatchObject({ add: 0, update: 1, delete: 1, error: 1 });
    const upd = preview.changes.find((x) => x.action === 'UPDATE')!;
    expect(upd.fields).toEqual([{ field: 'Last Name', from: 'Sharp', to: 'Sharp-Jones' }]);
    const karen = (await user('sharpka'))!;
    expect(karen).toMatchObject({ last_name: 'Sharp-Jones', logon_id: 'sharpka', directory_number: '4001' });
    // The users search finds her by the new name (search_text follows a synchronized update).
    const found = await c.call('users', 'page', { search: 'karen sharp-jones' });
    expect(found.value.rows.map((r) => r.logonId)).toEqual(['sharpka']);
    const jm = (await user('mussigju'))!;
    expect(jm.deleted).toBe(1);
    (globalThis as { jmGroup?: number }).jmGroup = groupId;
  });

  it('undeletes a user who comes back, keeping its agent group and settings', async () => {
    d.modify(`dn: ${d.groupDn('MICCE Users')}\nchangetype: modify\nadd: member\nmember: ${d.userDn('jmuessig')}\n`);
    const { preview } = await previewAndApply();
    expect(preview.counts).toMatchObject({ add: 0, undelete: 1 });
    const jm = (await user('mussigju'))!;
    expect(jm.deleted).toBe(0);
    expect(jm.agent_group_id).toBe((globalThis as { jmGroup?: number }).jmGroup);
  });

  it('Never Delete keeps users gone from the group', async () => {
    await save({ neverDelete: true });
    const t = await db()
      .selectFrom('tenant')
      .select('never_delete_synced')
      .where('id', '=', T)
      .executeTakeFirstOrThrow();
    expect(t.never_delete_synced).toBe(1);
    d.modify(`dn: ${d.groupDn('MICCE Users')}\nchangetype: modify\ndelete: member\nmember: ${d.userDn('kasharp')}\n`);
    const p = await c.call('userSync', 'preview', {});
    expect(p.value.counts.delete).toBe(0);
    await save({ neverDelete: false });
  });

  it('refuses to apply a preview when the users changed since, and writes nothing', async () => {
    const p = await c.call('userSync', 'preview', {});
    expect(p.value.counts.delete).toBe(1);
    await db().updateTable('cc_user').set({ version: 99 }).where('logon_id', '=', 'nwagent1').execute();
    const a = await c.call('userSync', 'apply', { previewId: p.value.previewId });
    expect(a.error).toMatchObject({ code: 'CONFLICT', details: { rule: 'preview_stale' } });
    expect((await user('sharpka1'))!.deleted).toBe(0);
  });

  it('refuses to run while another console holds the tenant lock', async () => {
    const p = await c.call('userSync', 'preview', {});
    const far = new Date(Date.now() + 3_600_000).toISOString();
    await db()
      .insertInto('user_sync_lock')
      .values({ tenant_id: T, holder: 'other-console', acquired_at: far, expires_at: far })
      .execute();
    const a = await c.call('userSync', 'apply', { previewId: p.value.previewId });
    expect(a.error).toMatchObject({ code: 'CONFLICT' });
    expect(a.error!.message).toMatch(/Another console/);
    await db().deleteFrom('user_sync_lock').execute();
    expect((await user('sharpka1'))!.deleted).toBe(0);
  });

  it('a wrong password, a missing group: one clear error, nothing changed', async () => {
    await save({}, 'wrong-password');
    const p = await c.call('userSync', 'preview', {});
    expect(p.error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(p.error!.message).toMatch(/refused the user name or password/);
    expect(p.error!.message).not.toContain('wrong-password');
    await save({ userGroup: 'No Such Group' }, PASSWORD);
    const g = await c.call('userSync', 'preview', {});
    expect(g.error!.message).toMatch(/User Group "No Such Group" does not exist/);
    await save(
      {
        ad: {
          host: '127.0.0.1',
          port: d.ldapsPort,
          userName: d.bindDn,
          security: 'ldaps',
          baseDn: d.baseDn,
          domain: '',
        },
      },
      PASSWORD,
    );
    const ok = await c.call('userSync', 'preview', {});
    expect(ok.error).toBeUndefined();
  });
});

describe.each(ENGINES)('scheduled user synchronization on %s', (engine) => {
  let d: TestSlapd;
  let c: TestConsole;
  beforeAll(async () => {
    d = await startSlapd({
      users: [{ uid: 'ksharp', givenName: 'Karen', sn: 'Sharp' }],
      groups: [{ cn: 'MICCE Users', members: ['ksharp'] }],
    });
    c = await startConsole(await seededDb(engine));
    await signIn(c, 'nwadmin', 'Admin#2026', T);
    const r = await c.call('userSync', 'save', {
      expectedVersion: 0,
      password: d.password,
      settings: {
        type: 'ad',
        ad: { host: '127.0.0.1', port: d.port, userName: d.bindDn, security: 'none', baseDn: '', domain: '' },
        azure: { tenantId: '', clientId: '', loginBaseUrl: '', graphBaseUrl: '' },
        userGroup: 'MICCE Users',
        logonId: { order: 'lastFirst', firstChars: 2, lastChars: 18 },
        neverDelete: false,
        allowManualDelete: false,
        mapping: DEFAULT_MAPPING.ad,
        schedule: { enabled: true, time: '02:00' },
        csv: { folder: '', fileName: 'UserSync.csv' },
      },
    });
    expect(r.error).toBeUndefined();
  });
  afterAll(async () => {
    await c?.stop();
    await d?.stop();
  });

  it('runs once a day at the set time, by schedule; not before the time, not twice', async () => {
    const rt = userSyncRuntimeFor(c.core.data)!;
    // Saving does not start a run, even when 02:00 has already passed today.
    expect(await rt.scheduleTick(new Date())).toHaveLength(0);
    expect(await rt.scheduleTick(new Date(2030, 0, 2, 1, 59))).toHaveLength(0);
    const runs = await rt.scheduleTick(new Date(2030, 0, 2, 2, 0));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'schedule', status: 'succeeded', counts: { add: 1 } });
    expect(await rt.scheduleTick(new Date(2030, 0, 2, 23, 0))).toHaveLength(0);
    expect(await rt.scheduleTick(new Date(2030, 0, 3, 2, 5))).toHaveLength(1);
    const listed = await c.call('userSync', 'runs', {});
    expect(listed.value.filter((r) => r.trigger === 'schedule')).toHaveLength(2);
  });

  it('/adsync runs every configured tenant headless: exit code 0, or 2 when a tenant fails', async () => {
    const parsed = parseFlags(['/adsync']);
    expect(parsed.ok && parsed.options.adSync).toBe(true);
    const lines: string[] = [];
    expect(await runAdSync(c.core, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual(['Tenant 2: 0 added, 0 updated, 0 deleted, 0 undeleted, 0 errors.']);
    const cfg = await c.call('userSync', 'get', {});
    const {
      tenantId: _t,
      version,
      passwordSet: _p,
      secretSet: _s,
      updatedAt: _a,
      updatedBy: _b,
      ...settings
    } = cfg.value;
    expect((await c.call('userSync', 'save', { expectedVersion: version, settings, password: 'wrong' })).ok).toBe(true);
    lines.length = 0;
    expect(await runAdSync(c.core, (l) => lines.push(l))).toBe(2);
    expect(lines[0]).toMatch(/^Tenant 2: Synchronization failed: The directory refused the user name or password/);
    const runs = await c.call('userSync', 'runs', {});
    expect(runs.value[0]).toMatchObject({ trigger: 'command', status: 'failed' });
  });
});
