import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outgoingTlsOf } from '../../contract/services/email';
import { ENGINES } from '../../connectors/db/testing/engines';
import { startSmtpServer, type TestSmtp } from '../../testing/smtpServer';
import { testCa } from '../../testing/testCa';
import { seededDb, signIn, startConsole, type ArgsOf, type TestConsole } from '../testing/harness';
import { smtpTransportOptions } from './queue';

type Settings = ArgsOf<'email', 'saveOutgoing'>['settings'];

describe.each(ENGINES)('Outgoing e-mail and its queue through the console (%s)', (engine) => {
  let admin: TestConsole;
  let tenantAdmin: TestConsole;
  let smtp: TestSmtp;
  const PASS = `Out#${engine}`;
  const settings = (over: Partial<Settings> = {}): Settings => ({
    enabled: true,
    protocol: 'smtp',
    fromAddress: 'console@example.test',
    host: '127.0.0.1',
    port: smtp.port,
    useAuth: true,
    userName: 'console',
    clientId: '',
    tenantId: '',
    authority: 'https://login.microsoftonline.com',
    ...over,
  });

  beforeAll(async () => {
    process.env.CCM_EXTRA_CA_FILE = testCa().caFile;
    smtp = await startSmtpServer({ users: { console: PASS } });
    const db = await seededDb(engine);
    admin = await startConsole(db);
    await signIn(admin, 'admin', 'Admin#2026');
    tenantAdmin = await startConsole(db);
    await signIn(tenantAdmin, 'nwadmin', 'Admin#2026', 2);
  });
  afterAll(async () => {
    await admin?.stop();
    await tenantAdmin?.stop();
    await smtp?.stop();
  });

  it('never configured: no message is generated', async () => {
    expect((await admin.call('email', 'getOutgoing')).value).toMatchObject({ configured: false, version: 0 });
    const r = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via: 'queue' });
    expect(r.value).toMatchObject({ ok: false, queued: false });
    expect((await admin.call('email', 'listQueue')).value.total).toBe(0);
  });

  it('only a host administrator changes it; From is required when enabled', async () => {
    const notHost = await tenantAdmin.call('email', 'saveOutgoing', { expectedVersion: 0, settings: settings() });
    expect(notHost.error).toMatchObject({ code: 'FORBIDDEN' });
    const noFrom = await admin.call('email', 'saveOutgoing', {
      expectedVersion: 0,
      settings: settings({ fromAddress: '' }),
    });
    expect(noFrom.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'settings.fromAddress' });
  });

  it('saved with a password (keychain, not the audit); Test connection sends one message now', async () => {
    const saved = await admin.call('email', 'saveOutgoing', {
      expectedVersion: 0,
      settings: settings(),
      password: { password: PASS, confirm: PASS },
    });
    expect(saved.error).toBeUndefined();
    expect(saved.value).toMatchObject({ configured: true, passwordSet: true });
    const audit = await admin.core.data
      .require()
      .kysely.selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'email-outgoing')
      .execute();
    expect(JSON.stringify(audit)).not.toContain(PASS);
    const before = smtp.received.length;
    const test = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via: 'direct' });
    expect(test.value).toMatchObject({ ok: true, queued: false });
    const got = (await smtp.waitFor(before + 1)).at(-1)!;
    expect(got.messageId).toBe(test.value.messageId);
    expect(got.to).toEqual(['ops@example.test']);
  });

  it('server down: the message stays queued with attempts and the error; back up, Retry now delivers it', async () => {
    await smtp.stop();
    const q = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via: 'queue' });
    expect(q.value).toMatchObject({ ok: true, queued: true });
    await expect
      .poll(async () => (await admin.call('email', 'listQueue')).value.rows[0]?.attempts ?? 0, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    const row = (await admin.call('email', 'listQueue')).value.rows[0]!;
    expect(row).toMatchObject({ state: 'queued', messageId: q.value.messageId, to: ['ops@example.test'] });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    const before = smtp.received.length;
    await smtp.restart();
    expect((await admin.call('email', 'retryQueue', {})).value.count).toBe(1);
    const got = (await smtp.waitFor(before + 1)).at(-1)!;
    expect(got.messageId).toBe(q.value.messageId);
    await expect.poll(async () => (await admin.call('email', 'listQueue')).value.total, { timeout: 30_000 }).toBe(0);
  });

  it('discard removes a queued message (audited); disabled again, no message is generated', async () => {
    await smtp.stop();
    const q = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via: 'queue' });
    expect(q.value.queued).toBe(true);
    const row = (await admin.call('email', 'listQueue')).value.rows[0]!;
    expect((await tenantAdmin.call('email', 'discardQueued', { id: row.id })).error).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await admin.call('email', 'discardQueued', { id: row.id })).error).toBeUndefined();
    expect((await admin.call('email', 'listQueue')).value.total).toBe(0);
    await smtp.restart();
    const cur = (await admin.call('email', 'getOutgoing')).value;
    const off = await admin.call('email', 'saveOutgoing', {
      expectedVersion: cur.version,
      settings: settings({ enabled: false }),
    });
    expect(off.error).toBeUndefined();
    const none = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via: 'queue' });
    expect(none.value).toMatchObject({ queued: false });
    expect((await admin.call('email', 'listQueue')).value.total).toBe(0);
  });

  it('Office 365: the client secret is kept for its authority only; another authority has none until entered, and the old entry goes', async () => {
    const cur = (await admin.call('email', 'getOutgoing')).value;
    const o365 = (authority: string) =>
      settings({
        enabled: false,
        protocol: 'office365',
        clientId: '6731de76-14a6-49ae-97bc-6eba6914391e',
        tenantId: 'contoso.onmicrosoft.com',
        authority,
      });
    const saved = await admin.call('email', 'saveOutgoing', {
      expectedVersion: cur.version,
      settings: o365('https://login.microsoftonline.com'),
      clientSecret: `o365-${engine}-secret`,
    });
    expect(saved.error).toBeUndefined();
    expect(saved.value.clientSecretSet).toBe(true);
    const moved = await admin.call('email', 'saveOutgoing', {
      expectedVersion: saved.value.version,
      settings: o365('https://login.example.net'),
    });
    expect(moved.error).toBeUndefined();
    expect(moved.value.clientSecretSet).toBe(false);
    const back = await admin.call('email', 'saveOutgoing', {
      expectedVersion: moved.value.version,
      settings: o365('https://login.microsoftonline.com/'),
    });
    expect(back.value.clientSecretSet).toBe(false);
  });
});

/**
 * The TLS mode each port implies (Outgoing e-mail's Server Port: 25 / 465 / 587), against the
 * real test SMTP server: the mode is the one the console uses for that port, the server on
 * another port (the test's) shows what that mode does.
 */
describe('Outgoing e-mail: the TLS mode of the port', () => {
  const servers: TestSmtp[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((x) => x.stop()));
  });
  const sendAs = async (portMode: 25 | 465 | 587, server: TestSmtp) => {
    const t = nodemailer.createTransport(
      smtpTransportOptions({
        host: '127.0.0.1',
        port: server.port,
        tls: outgoingTlsOf(portMode),
        user: '',
        password: null,
        from: 'console@example.test',
        ca: [testCa().caPem],
      }),
    );
    try {
      return await t.sendMail({
        from: 'console@example.test',
        to: 'ops@example.test',
        subject: `port ${portMode}`,
        text: 'x',
      });
    } finally {
      t.close();
    }
  };
  const start = async (o: Parameters<typeof startSmtpServer>[0]) => {
    const x = await startSmtpServer(o);
    servers.push(x);
    return x;
  };

  it('465: TLS from the first byte (implicit), against a server that speaks only TLS', async () => {
    expect(outgoingTlsOf(465)).toBe('implicit');
    const tlsOnly = await start({ secure: true });
    await sendAs(465, tlsOnly);
    expect(tlsOnly.received.at(-1)).toMatchObject({ secure: true });
  });

  it('587: STARTTLS required — a server that does not offer it is refused, nothing is sent in clear', async () => {
    expect(outgoingTlsOf(587)).toBe('starttls');
    const plain = await start({ noStartTls: true });
    await expect(sendAs(587, plain)).rejects.toThrow(/STARTTLS/i);
    expect(plain.received).toHaveLength(0);
    const offering = await start({});
    await sendAs(587, offering);
    expect(offering.received.at(-1)).toMatchObject({ secure: true });
  });

  it('25: STARTTLS when the server offers it, plain when it does not', async () => {
    expect(outgoingTlsOf(25)).toBe('opportunistic');
    const offering = await start({});
    await sendAs(25, offering);
    expect(offering.received.at(-1)).toMatchObject({ secure: true });
    const plain = await start({ noStartTls: true });
    await sendAs(25, plain);
    expect(plain.received.at(-1)).toMatchObject({ secure: false });
  });
});
