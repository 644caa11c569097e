import { Migrator, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../connectors/db/engine';
import { migrateToLatest, migrations } from '../../connectors/db/migrate';
import { ENGINES, newTarget } from '../../connectors/db/testing/engines';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { BUILT_IN_USER_TYPES, HOST_ADMINISTRATOR } from '../../domain/userTypes';
import { mainDbParts } from '../../features';
import { seededDb, signIn, startConsole, type ArgsOf, type TestConsole } from '../testing/harness';
import { mailSecretKey } from './keys';

type ServerIn = ArgsOf<'email', 'saveServer'>['server'];
type DestIn = ArgsOf<'email', 'saveDestination'>['destination'];

const server = (over: Partial<ServerIn> = {}): ServerIn => ({
  name: 'Support mailbox',
  imap: {
    host: 'imap.example.test',
    port: null,
    useSsl: true,
    auth: 'password',
    userName: 'support@example.test',
    maxSessions: 0,
  },
  smtp: {
    host: 'smtp.example.test',
    port: 587,
    useSsl: false,
    reporting: false,
    auth: 'password',
    userName: 'support@example.test',
  },
  oauth: null,
  heartbeatAddress: 'heartbeat@example.test',
  rateLimitPerHour: 0,
  ...over,
});
const pw = (password: string) => ({ password, confirm: password });
const dest = (over: Partial<DestIn> = {}): DestIn => ({
  name: 'Support',
  address: 'support@example.test',
  description: 'First line',
  fromText: 'Support team',
  monitored: false,
  outgoing: false,
  serverId: null,
  ...over,
});

describe.each(ENGINES)('E-mail servers and destinations (%s)', (engine) => {
  let admin: TestConsole;
  let nw: TestConsole;
  let supervisor: TestConsole;
  const keychain = createKeychainStore();
  const uniq = `${engine}-${Date.now()}`;

  beforeAll(async () => {
    const db = await seededDb(engine);
    admin = await startConsole(db);
    await signIn(admin, 'admin', 'Admin#2026');
    nw = await startConsole(db);
    await signIn(nw, 'nwadmin', 'Admin#2026', 2);
    supervisor = await startConsole(db);
    await signIn(supervisor, 'supervisor', 'Super#2026');
  });
  afterAll(async () => {
    await admin?.stop();
    await nw?.stop();
    await supervisor?.stop();
  });

  const add = async (c: TestConsole, s: ServerIn, extra: Partial<ArgsOf<'email', 'saveServer'>> = {}) =>
    c.call('email', 'saveServer', {
      id: null,
      expectedVersion: 0,
      server: s,
      imapPassword: s.imap?.auth === 'password' ? pw('Imap#1') : undefined,
      smtpPassword: s.smtp?.auth === 'password' ? pw('Smtp#1') : undefined,
      ...extra,
    });
  const removeAll = async (c: TestConsole) => {
    for (const d of (await c.call('email', 'listDestinations')).value)
      await c.call('email', 'deleteDestination', { id: d.id, expectedVersion: d.version });
    for (const s of (await c.call('email', 'listServers')).value)
      expect((await c.call('email', 'deleteServer', { id: s.id, expectedVersion: s.version })).error).toBeUndefined();
  };

  it('stores the passwords in the keychain for the host and port only; the list says set, the audit never has them', async () => {
    await removeAll(admin);
    const res = await add(admin, server({ name: `keys-${uniq}` }), {
      imapPassword: pw(`ImapSecret-${uniq}`),
      smtpPassword: pw(`SmtpSecret-${uniq}`),
    });
    expect(res.error).toBeUndefined();
    expect(res.value).toMatchObject({ imapPasswordSet: true, smtpPasswordSet: true, imapTokenSet: false });
    const id = res.value.id;
    // Blank IMAP port with SSL: 993.
    expect(await keychain.get(mailSecretKey(id, 'imap', 'imap.example.test', 993, 'password'))).toBe(
      `ImapSecret-${uniq}`,
    );
    expect(await keychain.get(mailSecretKey(id, 'smtp', 'smtp.example.test', 587, 'password'))).toBe(
      `SmtpSecret-${uniq}`,
    );
    const list = (await admin.call('email', 'listServers')).value;
    expect(JSON.stringify(list)).not.toContain('Secret-');
    const audit = await admin.core.data
      .require()
      .kysely.selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'email-server')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain('Secret-');
    expect(JSON.stringify(audit)).toContain('imapPasswordChanged');

    // Moving IMAP to another host: the password was for the old host, so a new one is required…
    const moved = server({ name: `keys-${uniq}`, imap: { ...server().imap!, host: 'imap2.example.test' } });
    const refused = await admin.call('email', 'saveServer', { id, expectedVersion: res.value.version, server: moved });
    expect(refused.error).toMatchObject({ code: 'INVALID', field: 'imapPassword.password' });
    expect(refused.error?.message).toMatch(/Password is required for imap2\.example\.test:993/);
    // …and with one, the old host's entry is gone.
    const ok = await admin.call('email', 'saveServer', {
      id,
      expectedVersion: res.value.version,
      server: moved,
      imapPassword: pw('Other#1'),
    });
    expect(ok.error).toBeUndefined();
    expect(await keychain.get(mailSecretKey(id, 'imap', 'imap.example.test', 993, 'password'))).toBeNull();
    expect(await keychain.get(mailSecretKey(id, 'imap', 'imap2.example.test', 993, 'password'))).toBe('Other#1');
    // An edit without a password keeps the stored one (same host and port).
    const kept = await admin.call('email', 'saveServer', {
      id,
      expectedVersion: ok.value.version,
      server: { ...moved, rateLimitPerHour: 100 },
    });
    expect(kept.error).toBeUndefined();
    expect(kept.value).toMatchObject({ imapPasswordSet: true, smtpPasswordSet: true });
    await removeAll(admin);
    expect(await keychain.get(mailSecretKey(id, 'imap', 'imap2.example.test', 993, 'password'))).toBeNull();
    expect(await keychain.get(mailSecretKey(id, 'smtp', 'smtp.example.test', 587, 'password'))).toBeNull();
  });

  it('field rules: name, IMAP host and user, passwords that match, SMTP user only with its authentication, OAuth app', async () => {
    const bad = async (s: ServerIn, extra: Partial<ArgsOf<'email', 'saveServer'>> = {}) =>
      (await add(admin, s, extra)).error;
    expect(await bad(server({ name: ' ' }))).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'server.name' });
    expect(await bad(server({ imap: { ...server().imap!, host: '' } }))).toMatchObject({ field: 'server.imap.host' });
    expect(await bad(server({ imap: { ...server().imap!, userName: '' } }))).toMatchObject({
      field: 'server.imap.userName',
    });
    expect(await bad(server(), { imapPassword: { password: 'a', confirm: 'b' } })).toMatchObject({
      code: 'BAD_ARGUMENTS',
      field: 'imapPassword.confirm',
    });
    expect(await bad(server({ smtp: { ...server().smtp!, auth: 'none' } }))).toMatchObject({
      field: 'server.smtp.userName',
    });
    expect(await bad(server({ smtp: null, imap: null }))).toMatchObject({ field: 'server.imap' });
    expect(
      await bad(server({ imap: { ...server().imap!, auth: 'oauth' } }), { imapPassword: undefined }),
    ).toMatchObject({
      field: 'server.oauth',
    });
    expect(await bad(server({ heartbeatAddress: 'not an address' }))).toMatchObject({
      field: 'server.heartbeatAddress',
    });
    // Password authentication without a password on a new server.
    expect(await bad(server(), { imapPassword: undefined })).toMatchObject({
      code: 'INVALID',
      field: 'imapPassword.password',
    });
    expect((await admin.call('email', 'listServers')).value).toHaveLength(0);
  });

  it('at most five servers per tenant (another tenant still has its own five)', async () => {
    await removeAll(admin);
    for (let i = 1; i <= 5; i++) {
      const r = await add(
        admin,
        server({ name: `five-${i}`, imap: { ...server().imap!, userName: `box${i}@example.test` } }),
      );
      expect(r.error).toBeUndefined();
    }
    const sixth = await add(admin, server({ name: 'six', imap: { ...server().imap!, userName: 'box6@example.test' } }));
    expect(sixth.error).toMatchObject({ code: 'INVALID', details: { rule: 'max_items', limit: 5 } });
    expect(sixth.error?.message).toMatch(/up to 5/);
    const other = await add(
      nw,
      server({ name: 'nw-1', imap: { ...server().imap!, userName: 'nw1@example.test' }, smtp: null }),
    );
    expect(other.error).toBeUndefined();
    await removeAll(admin);
    await removeAll(nw);
  });

  it('the same account cannot be used by two tenants: refused naming the other tenant, in the save', async () => {
    await removeAll(admin);
    await removeAll(nw);
    const mine = await add(admin, server({ name: 'shared account' }));
    expect(mine.error).toBeUndefined();
    // Same IMAP host and account, other case: refused for Northwind.
    const theirs = await add(
      nw,
      server({
        name: 'copy of theirs',
        imap: { ...server().imap!, host: 'IMAP.example.test', userName: 'Support@Example.test' },
      }),
    );
    expect(theirs.error).toMatchObject({
      code: 'CONFLICT',
      field: 'server.imap.userName',
      details: { rule: 'duplicate', holder: { kind: 'tenant', name: 'Demo Contact Center' } },
    });
    expect(theirs.error?.message).toMatch(
      /already used by tenant Demo Contact Center \(e-mail server shared account\)/,
    );
    // The SMTP account too.
    const smtpTaken = await add(
      nw,
      server({ name: 'smtp only', imap: { ...server().imap!, userName: 'nw@example.test' } }),
    );
    expect(smtpTaken.error).toMatchObject({ code: 'CONFLICT', field: 'server.smtp.userName' });
    // A different account on the same server is fine; so is changing to a taken account refused on edit.
    const free = await add(
      nw,
      server({
        name: 'nw box',
        imap: { ...server().imap!, userName: 'nw@example.test' },
        smtp: { ...server().smtp!, userName: 'nw@example.test' },
      }),
    );
    expect(free.error).toBeUndefined();
    const edit = await nw.call('email', 'saveServer', {
      id: free.value.id,
      expectedVersion: free.value.version,
      server: { ...free.value.server, imap: { ...free.value.server.imap!, userName: 'support@example.test' } },
    });
    expect(edit.error).toMatchObject({ code: 'CONFLICT', field: 'server.imap.userName' });
    // Within one tenant the same account may serve two servers (a copy).
    const twin = await add(admin, server({ name: 'shared account 2' }));
    expect(twin.error).toBeUndefined();
    await removeAll(admin);
    await removeAll(nw);
  });

  it.runIf(engine === 'postgres')(
    'concurrent saves: two tenants racing for one account — one CONFLICT; six parallel adds — at most five rows',
    async () => {
      await removeAll(admin);
      await removeAll(nw);
      const raced = await Promise.all([
        add(admin, server({ name: 'race demo' })),
        add(nw, server({ name: 'race northwind' })),
      ]);
      expect(raced.filter((r) => r.error === undefined)).toHaveLength(1);
      const refused = raced.filter((r) => r.error !== undefined);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.error).toMatchObject({ code: 'CONFLICT', details: { rule: 'duplicate' } });
      await removeAll(admin);
      await removeAll(nw);

      const six = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          add(
            admin,
            server({ name: `par-${i}`, imap: { ...server().imap!, userName: `par${i}@example.test` }, smtp: null }),
          ),
        ),
      );
      const rows = (await admin.call('email', 'listServers')).value;
      expect(rows.length).toBeLessThanOrEqual(5);
      expect(six.filter((r) => r.error === undefined)).toHaveLength(rows.length);
      for (const r of six.filter((x) => x.error !== undefined))
        expect(r.error).toMatchObject({ code: 'INVALID', details: { rule: 'max_items', limit: 5 } });
      await removeAll(admin);
    },
  );

  it('copy: a new name is required; the copy takes the stored passwords', async () => {
    await removeAll(admin);
    const src = await add(admin, server({ name: 'original' }), { imapPassword: pw(`Copied-${uniq}`) });
    expect(src.error).toBeUndefined();
    const sameName = await admin.call('email', 'saveServer', {
      id: null,
      expectedVersion: 0,
      server: server({ name: 'ORIGINAL' }),
      copyOf: src.value.id,
    });
    expect(sameName.error).toMatchObject({ code: 'CONFLICT', field: 'server.name', details: { rule: 'duplicate' } });
    expect(sameName.error?.message).toMatch(/a copy needs a new name/);
    const copy = await admin.call('email', 'saveServer', {
      id: null,
      expectedVersion: 0,
      server: server({ name: 'original (copy)' }),
      copyOf: src.value.id,
    });
    expect(copy.error).toBeUndefined();
    expect(copy.value).toMatchObject({ imapPasswordSet: true, smtpPasswordSet: true });
    expect(await keychain.get(mailSecretKey(copy.value.id, 'imap', 'imap.example.test', 993, 'password'))).toBe(
      `Copied-${uniq}`,
    );
    await removeAll(admin);
  });

  it('destinations: valid address, monitored needs IMAP, outgoing needs SMTP, the server of this tenant', async () => {
    await removeAll(admin);
    await removeAll(nw);
    const imapOnly = (await add(admin, server({ name: 'imap only', smtp: null }))).value;
    const smtpOnly = (
      await add(
        admin,
        server({ name: 'smtp only', imap: null, smtp: { ...server().smtp!, userName: 'out@example.test' } }),
      )
    ).value;
    const save = (d: DestIn, c = admin) =>
      c.call('email', 'saveDestination', { id: null, expectedVersion: 0, destination: d });
    expect((await save(dest({ address: 'support@' }))).error).toMatchObject({
      code: 'BAD_ARGUMENTS',
      field: 'destination.address',
    });
    expect((await save(dest({ name: '' }))).error).toMatchObject({ field: 'destination.name' });
    const monitoredNoImap = await save(dest({ monitored: true, serverId: smtpOnly.id }));
    expect(monitoredNoImap.error).toMatchObject({ code: 'INVALID', field: 'destination.monitored' });
    expect(monitoredNoImap.error?.message).toMatch(/smtp only has none/);
    expect((await save(dest({ monitored: true, serverId: null }))).error).toMatchObject({
      field: 'destination.monitored',
    });
    const outgoingNoSmtp = await save(dest({ outgoing: true, serverId: imapOnly.id }));
    expect(outgoingNoSmtp.error).toMatchObject({ code: 'INVALID', field: 'destination.outgoing' });
    // Another tenant's server is not found.
    const foreign = await save(dest({ name: 'nw', serverId: imapOnly.id }), nw);
    expect(foreign.error).toMatchObject({ code: 'NOT_FOUND', field: 'destination.serverId' });
    const ok = await save(dest({ monitored: true, serverId: imapOnly.id }));
    expect(ok.error).toBeUndefined();
    expect(ok.value).toMatchObject({ serverName: 'imap only', destination: { monitored: true } });
    const out = await save(
      dest({ name: 'Sales', address: 'sales@example.test', outgoing: true, serverId: smtpOnly.id }),
    );
    expect(out.error).toBeUndefined();

    // Removing the IMAP settings a monitored destination reads through is refused, naming it.
    const drop = await admin.call('email', 'saveServer', {
      id: imapOnly.id,
      expectedVersion: imapOnly.version,
      server: { ...imapOnly.server, imap: null, smtp: { ...server().smtp!, auth: 'none', userName: '' } },
    });
    expect(drop.error).toMatchObject({ code: 'INVALID', field: 'server.imap', details: { rule: 'in_use' } });
    expect(drop.error?.message).toMatch(/monitored destination Support reads/);

    // Delete refused while destinations use the server, naming them.
    const del = await admin.call('email', 'deleteServer', { id: imapOnly.id, expectedVersion: imapOnly.version });
    expect(del.error).toMatchObject({ code: 'INVALID', field: 'id', details: { rule: 'in_use' } });
    expect(del.error?.message).toMatch(/the destination Support uses it/);
    expect((await admin.call('email', 'listServers')).value.map((s) => s.server.name)).toContain('imap only');

    // Copy: name and address must both change.
    const copyArgs = (d: DestIn) => ({ id: null, expectedVersion: 0, destination: d, copyOf: ok.value.id });
    const sameAddress = await admin.call(
      'email',
      'saveDestination',
      copyArgs(dest({ name: 'Support 2', serverId: imapOnly.id })),
    );
    expect(sameAddress.error).toMatchObject({
      code: 'INVALID',
      field: 'destination.address',
      details: { rule: 'copy_unchanged' },
    });
    const sameName = await admin.call(
      'email',
      'saveDestination',
      copyArgs(dest({ name: 'support', address: 'support2@example.test', serverId: imapOnly.id })),
    );
    expect(sameName.error).toMatchObject({ code: 'INVALID', field: 'destination.name' });
    const copied = await admin.call(
      'email',
      'saveDestination',
      copyArgs(dest({ name: 'Support 2', address: 'support2@example.test', serverId: imapOnly.id })),
    );
    expect(copied.error).toBeUndefined();
    // A duplicate address outside a copy is refused by the database's unique index, on the field.
    const dupAddress = await save(dest({ name: 'Support 3', address: 'SUPPORT@example.test' }));
    expect(dupAddress.error).toMatchObject({ code: 'CONFLICT', field: 'destination.address' });
    await removeAll(admin);
  });

  it('a Supervisor reads the E-mail area but cannot change it', async () => {
    expect((await supervisor.call('email', 'listServers')).error).toBeUndefined();
    expect((await add(supervisor, server({ name: 'nope' }))).error).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('migration 014 grants the E-mail area to the built-in user types of an upgraded database', async () => {
    const db = openDb(await newTarget(engine));
    const all = mainDbParts.migrations;
    const names = Object.keys(all);
    const before014 = names.filter((n) => n < '014').at(-1)!;
    const m = new Migrator({
      db: db.kysely,
      provider: { getMigrations: async () => migrations(all, engine) },
      migrationTableName: 'ccm_migration',
      migrationLockTableName: 'ccm_migration_lock',
    });
    const r = await m.migrateTo(before014);
    if (r.error) throw r.error;
    const k = db.kysely as never as Kysely<Record<string, Record<string, unknown>>>;
    const by = { version: 1, updated_at: '2026-01-01T00:00:00Z', updated_by: 'test' };
    const t = (
      await k
        .insertInto('tenant')
        .values({
          name: 'Old',
          ...by,
          lockout_after_attempts: 5,
          cannot_reuse_last: 0,
          password_expires_days: 0,
          password_warn_days: 0,
          never_delete_synced: 0,
          allow_manual_delete_synced: 0,
          auto_restore_logon: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // The user types as a console before the E-mail area stored them.
    const withoutEmail = (p: object) =>
      JSON.stringify(Object.fromEntries(Object.entries(p).filter(([a]) => a !== 'email')));
    for (const ty of [
      HOST_ADMINISTRATOR,
      BUILT_IN_USER_TYPES.administrator,
      BUILT_IN_USER_TYPES.supervisor,
      BUILT_IN_USER_TYPES.fieldTechnician,
      { name: 'Custom', permissions: { users: 'read' } },
    ])
      await k
        .insertInto('user_type')
        .values({
          tenant_id: t,
          name: ty.name,
          permissions: withoutEmail(ty.permissions),
          is_host_admin: 0,
          scope_users_to_agent_groups: 0,
          ...by,
        })
        .execute();
    await migrateToLatest(db, all);
    const rows = await k.selectFrom('user_type').select(['name', 'permissions']).execute();
    const perms = Object.fromEntries(
      rows.map((x) => [x.name, JSON.parse(String(x.permissions)) as Record<string, string>]),
    );
    expect(perms['Administrator']!.email).toBe('write');
    expect(perms['Host Administrator']!.email).toBe('write');
    expect(perms['Supervisor']!.email).toBe('read');
    expect(perms['Field Technician']!.email).toBeUndefined();
    expect(perms['Custom']!.email).toBeUndefined();
    // As a fresh database's types say.
    expect(perms['Administrator']!.email).toBe(BUILT_IN_USER_TYPES.administrator.permissions.email);
    expect(perms['Supervisor']!.email).toBe(BUILT_IN_USER_TYPES.supervisor.permissions.email);
    await db.close();
  });
});
