import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../connectors/db/engine';
import { ENGINES, newMigratedDb } from '../../connectors/db/testing/engines';
import { startSmtpServer, type TestSmtp } from '../../testing/smtpServer';
import { testCa } from '../../testing/testCa';
import { seededDb, signIn, startConsole, type TestConsole, type ArgsOf } from '../testing/harness';
import { enqueueMail, MailQueue, RATE_WINDOW_MS, type QueuedMail, type SmtpSendSettings } from './queue';
import './schema';

const mail = (i: number, serverId: number | null): QueuedMail => ({
  to: ['ops@example.test'],
  subject: `Report ${i}`,
  text: `Report ${i}`,
  origin: 'test',
  serverId,
});

async function outgoingRow(db: Db) {
  await db.kysely
    .insertInto('email_outgoing')
    .values({
      id: 1,
      enabled: 1,
      protocol: 'smtp',
      from_address: 'console@example.test',
      host: '127.0.0.1',
      port: 587,
      use_auth: 0,
      user_name: '',
      o365_client_id: '',
      o365_tenant_id: '',
      o365_authority: 'https://login.microsoftonline.com',
      configured: 1,
      worker_owner: null,
      worker_until: null,
      updated_at: new Date().toISOString(),
      updated_by: 'test',
    })
    .execute();
}

describe.each(ENGINES)('Message rate limit per hour (%s)', (engine) => {
  let db: Db;
  let outgoing: TestSmtp;
  let reporting: TestSmtp;
  const settings = (port: number): SmtpSendSettings => ({
    host: '127.0.0.1',
    port,
    tls: 'starttls',
    user: '',
    password: null,
    from: 'console@example.test',
    ca: [testCa().caPem],
  });
  beforeAll(async () => {
    db = await newMigratedDb(engine);
    await outgoingRow(db);
    [outgoing, reporting] = await Promise.all([startSmtpServer(), startSmtpServer()]);
  });
  afterAll(async () => {
    await Promise.all([outgoing?.stop(), reporting?.stop()]);
    await db?.close();
  });

  it('limit 3: three go out, the rest stay queued in order with "rate limit: next slot at …", a restart does not reset the hour, the next slot sends the next one', async () => {
    const SERVER = 7;
    let clock = Date.now();
    const queue = () =>
      new MailQueue({
        db: () => db.kysely,
        settings: async () => settings(outgoing.port),
        serverSettings: async (id) => (id === SERVER ? { settings: settings(reporting.port), ratePerHour: 3 } : 'gone'),
        owner: 'a',
        now: () => new Date(clock),
      });
    await enqueueMail(
      db.kysely,
      [1, 2, 3, 4, 5].map((i) => mail(i, SERVER)),
      new Date(clock),
    );
    await enqueueMail(db.kysely, [mail(100, null), mail(101, null)], new Date(clock));
    let q = queue();
    q.kick();
    await q.idle();
    expect(reporting.received.map((m) => m.parsed.subject)).toEqual(['Report 1', 'Report 2', 'Report 3']);
    // The limited server does not hold back Outgoing e-mail.
    expect(outgoing.received.map((m) => m.parsed.subject)).toEqual(['Report 100', 'Report 101']);
    const held = await db.kysely.selectFrom('email_queue').selectAll().orderBy('id').execute();
    expect(held.map((r) => r.subject)).toEqual(['Report 4', 'Report 5']);
    const slot = new Date(clock + RATE_WINDOW_MS).toISOString();
    for (const r of held) {
      expect(r).toMatchObject({ state: 'queued', attempts: 0, server_id: SERVER });
      expect(r.wait_reason).toBe(`rate limit: next slot at ${r.next_attempt_at}`);
      expect(Date.parse(r.next_attempt_at)).toBeGreaterThanOrEqual(clock + RATE_WINDOW_MS - 1000);
      expect(r.next_attempt_at <= slot).toBe(true);
    }
    await q.stop();

    // A restart (a new sender) 10 minutes later, with "retry now": the hour is counted in the database.
    clock += 600_000;
    await db.kysely
      .updateTable('email_queue')
      .set({ next_attempt_at: new Date(0).toISOString(), wait_reason: null })
      .execute();
    q = queue();
    q.kick();
    await q.idle();
    expect(reporting.received.length).toBe(3);
    expect(
      (await db.kysely.selectFrom('email_queue').select('wait_reason').execute()).map((r) => r.wait_reason),
    ).toEqual([
      expect.stringMatching(/^rate limit: next slot at /),
      expect.stringMatching(/^rate limit: next slot at /),
    ]);

    // The hour of the first passes: one slot frees — the next message in order goes, and only it.
    const firstSent = (await db.kysely.selectFrom('email_sent').select('sent_at').orderBy('sent_at').execute())[0]!;
    clock = Date.parse(firstSent.sent_at) + RATE_WINDOW_MS + 1;
    await db.kysely
      .updateTable('email_queue')
      .set({ next_attempt_at: new Date(0).toISOString() })
      .execute();
    q.kick();
    await q.idle();
    // The three were accepted in the same instant: all three slots free together.
    expect(reporting.received.map((m) => m.parsed.subject)).toEqual([
      'Report 1',
      'Report 2',
      'Report 3',
      'Report 4',
      'Report 5',
    ]);
    expect(await db.kysely.selectFrom('email_queue').selectAll().execute()).toEqual([]);
    await q.stop();
  });

  it('a server deleted while its messages wait: they are not dropped, they go out through Outgoing e-mail', async () => {
    const before = outgoing.received.length;
    await enqueueMail(db.kysely, [mail(200, 99), mail(201, 99)]);
    const q = new MailQueue({
      db: () => db.kysely,
      settings: async () => settings(outgoing.port),
      serverSettings: async () => 'gone',
      owner: 'a',
    });
    q.kick();
    const got = (await outgoing.waitFor(before + 2)).slice(before);
    await q.idle();
    expect(got.map((m) => m.parsed.subject)).toEqual(['Report 200', 'Report 201']);
    await q.stop();
  });
});

type ServerIn = ArgsOf<'email', 'saveServer'>['server'];
const server = (name: string, port: number, reporting: boolean, over: Partial<ServerIn> = {}): ServerIn => ({
  name,
  imap: null,
  smtp: { host: '127.0.0.1', port, useSsl: false, reporting, auth: 'none', userName: '' },
  oauth: null,
  heartbeatAddress: 'heartbeat@example.test',
  rateLimitPerHour: 0,
  ...over,
});
const rule = (name: string) => ({
  name,
  enabled: true,
  minSeverity: 'Critical' as const,
  category: '',
  sourcePattern: '',
  recipients: ['noc@example.test'],
  digestSeconds: 10,
});

describe.each(ENGINES)('Reporting email server (%s)', (engine) => {
  let admin: TestConsole;
  let nw: TestConsole;
  let out: TestSmtp;
  let rep1: TestSmtp;
  let plain1: TestSmtp;
  let rep2: TestSmtp;
  beforeAll(async () => {
    process.env.CCM_EXTRA_CA_FILE = testCa().caFile;
    [out, rep1, plain1, rep2] = await Promise.all([
      startSmtpServer(),
      startSmtpServer({ users: { reports: 'Rep#2026' } }),
      startSmtpServer(),
      startSmtpServer(),
    ]);
    const db = await seededDb(engine);
    admin = await startConsole(db);
    await signIn(admin, 'admin', 'Admin#2026');
    nw = await startConsole(db);
    await signIn(nw, 'nwadmin', 'Admin#2026', 2);
    const o = await admin.call('email', 'saveOutgoing', {
      expectedVersion: 0,
      settings: {
        enabled: true,
        protocol: 'smtp',
        fromAddress: 'console@example.test',
        host: '127.0.0.1',
        port: out.port,
        useAuth: false,
        userName: '',
        clientId: '',
        tenantId: '',
        authority: 'https://login.microsoftonline.com',
      },
    });
    expect(o.error).toBeUndefined();
  });
  afterAll(async () => {
    await nw?.stop();
    await admin?.stop();
    await Promise.all([out, rep1, plain1, rep2].map((s) => s?.stop()));
  });

  const subjects = (s: TestSmtp) => s.received.map((m) => m.parsed.subject);

  it("a tenant's alarm mail goes through its server marked Reporting (its keychain password, Outgoing e-mail's From), never another tenant's; none marked → Outgoing e-mail", async () => {
    // Tenant 2's Reporting server comes first (lowest id).
    const s2 = await nw.call('email', 'saveServer', {
      id: null,
      expectedVersion: 0,
      server: server('NW reports', rep2.port, true),
    });
    expect(s2.error).toBeUndefined();
    const r1 = await admin.call('email', 'saveAlarmRule', { id: null, expectedVersion: 0, rule: rule(`T1 ${engine}`) });
    expect(r1.error).toBeUndefined();
    expect(r1.value.tenantId).toBe(1);
    // Tenant 1 has no Reporting server yet: Outgoing e-mail.
    expect((await admin.call('email', 'testAlarmRule', { id: r1.value.id })).value.queued).toBe(true);
    await out.waitFor(1);
    expect(subjects(out)).toEqual([`[T1 ${engine}] 0 alarms (Critical or higher)`]);

    // A server not marked Reporting changes nothing; the one marked Reporting takes the tenant's mail.
    expect(
      (
        await admin.call('email', 'saveServer', {
          id: null,
          expectedVersion: 0,
          server: server('Plain', plain1.port, false),
        })
      ).error,
    ).toBeUndefined();
    const rep = await admin.call('email', 'saveServer', {
      id: null,
      expectedVersion: 0,
      server: server('Reports', rep1.port, true, {
        smtp: {
          host: '127.0.0.1',
          port: rep1.port,
          useSsl: false,
          reporting: true,
          auth: 'password',
          userName: 'reports',
        },
      }),
      smtpPassword: { password: 'Rep#2026', confirm: 'Rep#2026' },
    });
    expect(rep.error).toBeUndefined();
    expect((await admin.call('email', 'testAlarmRule', { id: r1.value.id })).value.queued).toBe(true);
    const [m] = await rep1.waitFor(1);
    expect(m!.parsed.subject).toBe(`[T1 ${engine}] 0 alarms (Critical or higher)`);
    expect(m!.parsed.from?.value[0]?.address).toBe('console@example.test');

    // Tenant 2's rule: tenant 2's Reporting server.
    const r2 = await nw.call('email', 'saveAlarmRule', { id: null, expectedVersion: 0, rule: rule(`T2 ${engine}`) });
    expect(r2.error).toBeUndefined();
    expect((await nw.call('email', 'testAlarmRule', { id: r2.value.id })).value.queued).toBe(true);
    await rep2.waitFor(1);
    await expect.poll(async () => (await admin.call('email', 'listQueue')).value.total).toBe(0);
    expect(subjects(rep2)).toEqual([`[T2 ${engine}] 0 alarms (Critical or higher)`]);
    expect(subjects(rep1)).toEqual([`[T1 ${engine}] 0 alarms (Critical or higher)`]);
    expect(subjects(out)).toHaveLength(1);
    expect(subjects(plain1)).toEqual([]);
  });

  it("a tenant's administrator sees, changes, tests and deletes only the own tenant's rules; a host administrator all", async () => {
    const mine = await admin.call('email', 'saveAlarmRule', {
      id: null,
      expectedVersion: 0,
      rule: rule(`H ${engine}`),
    });
    const theirs = await nw.call('email', 'saveAlarmRule', { id: null, expectedVersion: 0, rule: rule(`N ${engine}`) });
    expect(mine.value.tenantId).toBe(1);
    expect(theirs.value.tenantId).toBe(2);
    const names = async (c: TestConsole) => (await c.call('email', 'listAlarmRules')).value.map((r) => r.rule.name);
    expect(await names(nw)).toContain(`N ${engine}`);
    expect(await names(nw)).not.toContain(`H ${engine}`);
    expect(await names(admin)).toEqual(expect.arrayContaining([`H ${engine}`, `N ${engine}`]));
    const other = mine.value;
    for (const r of [
      await nw.call('email', 'saveAlarmRule', { id: other.id, expectedVersion: other.version, rule: rule('taken') }),
      await nw.call('email', 'testAlarmRule', { id: other.id }),
      await nw.call('email', 'deleteAlarmRule', { id: other.id, expectedVersion: other.version }),
    ])
      expect(r.error).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    // Unchanged, and the host administrator may still change the other tenant's rule.
    expect((await admin.call('email', 'listAlarmRules')).value.find((r) => r.id === other.id)?.version).toBe(
      other.version,
    );
    const t = theirs.value;
    const edited = await admin.call('email', 'saveAlarmRule', {
      id: t.id,
      expectedVersion: t.version,
      rule: { ...t.rule, digestSeconds: 120 },
    });
    expect(edited.value).toMatchObject({ tenantId: 2, rule: { digestSeconds: 120 } });
  });
});
