import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOutboundCa } from '../../connectors/http/outbound';
import { ENGINES } from '../../connectors/db/testing/engines';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { startOAuthDeviceServer, type OAuthDeviceServer } from '../../testing/oauthDeviceServer';
import { startSmtpServer, type TestSmtp } from '../../testing/smtpServer';
import { testCa } from '../../testing/testCa';
import { seededDb, signIn, startConsole, type ArgsOf, type TestConsole } from '../testing/harness';
import { outgoingSecretKey } from './outgoing';

type Settings = ArgsOf<'email', 'saveOutgoing'>['settings'];

const TENANT = 'contoso.test';
const APP = '6731de76-14a6-49ae-97bc-6eba6914391e';
const SENDER = 'console@contoso.test';
const OTHER_MAILBOX = 'ceo@contoso.test';

/**
 * Outgoing e-mail over Office 365 end to end: client credentials at a real OAuth 2.0 server
 * (oidc-provider behind the Microsoft paths), then AUTH XOAUTH2 at a real SMTP server that checks
 * the bearer token by the OAuth server's introspection endpoint (the app, its scope and the
 * mailbox it may send as), the message read back from that server.
 */
describe.each(ENGINES)('Outgoing e-mail over Office 365: client credentials and XOAUTH2 (%s)', (engine) => {
  let admin: TestConsole;
  let idp: OAuthDeviceServer;
  let otherIdp: OAuthDeviceServer;
  let smtp: TestSmtp;
  let rogue: TestSmtp;
  const SECRET = `o365-${engine}-client-secret`;
  /** Every token the SMTP servers were shown, and what the endpoint decided. */
  const shown: { server: 'smtp' | 'rogue'; user: string; token: string }[] = [];
  const keychain = createKeychainStore();

  const settings = (over: Partial<Settings> = {}): Settings => ({
    enabled: true,
    protocol: 'office365',
    fromAddress: SENDER,
    host: '',
    port: 25,
    useAuth: false,
    userName: '',
    clientId: APP,
    tenantId: TENANT,
    authority: idp.authority,
    o365SmtpHost: '127.0.0.1',
    o365SmtpPort: smtp.port,
    ...over,
  });
  const save = async (s: Settings, clientSecret?: string) => {
    const cur = (await admin.call('email', 'getOutgoing')).value;
    return admin.call('email', 'saveOutgoing', {
      expectedVersion: cur.version,
      settings: s,
      ...(clientSecret !== undefined ? { clientSecret } : {}),
    });
  };
  const tokenRequests = (server = idp) =>
    server.requests.filter((r) => r.form.grant_type === 'client_credentials').length;

  beforeAll(async () => {
    process.env.CCM_EXTRA_CA_FILE = testCa().caFile;
    addOutboundCa(testCa().caPem);
    [idp, otherIdp] = await Promise.all([
      startOAuthDeviceServer({
        tenantId: TENANT,
        clientId: 'device-client',
        accounts: [],
        confidential: { clientId: APP, secret: SECRET },
      }),
      startOAuthDeviceServer({
        tenantId: TENANT,
        clientId: 'device-client',
        accounts: [],
        confidential: { clientId: APP, secret: SECRET },
      }),
    ]);
    [smtp, rogue] = await Promise.all([
      // Exchange Online's check: a token of this app with the Exchange scope, for the mailbox it may send as.
      startSmtpServer({
        checkToken: async (user, token) => {
          shown.push({ server: 'smtp', user, token });
          const c = await idp.introspectClient(token);
          return (
            !!c &&
            c.clientId === APP &&
            c.scope.split(' ').includes('https://outlook.office365.com/.default') &&
            user.toLowerCase() === SENDER
          );
        },
      }),
      // Another SMTP endpoint: it accepts anything, and records what it was shown.
      startSmtpServer({
        checkToken: async (user, token) => {
          shown.push({ server: 'rogue', user, token });
          return true;
        },
      }),
    ]);
    const db = await seededDb(engine);
    admin = await startConsole(db);
    await signIn(admin, 'admin', 'Admin#2026');
  });
  afterAll(async () => {
    await admin?.stop();
    await Promise.all([idp?.stop(), otherIdp?.stop(), smtp?.stop(), rogue?.stop()]);
  });

  it('the Office 365 SMTP endpoint defaults to smtp.office365.com:587', async () => {
    const r = (await admin.call('email', 'getOutgoing')).value;
    expect(r.settings).toMatchObject({ o365SmtpHost: 'smtp.office365.com', o365SmtpPort: 587 });
    expect(r.clientSecretSet).toBe(false);
  });

  it('client credentials at the token endpoint, XOAUTH2 at the SMTP endpoint set: the message is received (direct and queued)', async () => {
    const saved = await save(settings(), SECRET);
    expect(saved.error).toBeUndefined();
    expect(saved.value).toMatchObject({ configured: true, clientSecretSet: true });
    expect(saved.value.settings).toMatchObject({ o365SmtpHost: '127.0.0.1', o365SmtpPort: smtp.port });

    const before = smtp.received.length;
    const tokensBefore = tokenRequests();
    const test = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via: 'direct' });
    expect(test.error).toBeUndefined();
    expect(test.value, test.value.response).toMatchObject({ ok: true, queued: false });
    const got = (await smtp.waitFor(before + 1)).at(-1)!;
    expect(got.messageId).toBe(test.value.messageId);
    expect(got.from).toBe(SENDER);
    expect(got.to).toEqual(['ops@example.test']);
    expect(got.parsed.subject).toMatch(/test message/);
    // The token request was the client credentials grant of this app, with the Exchange scope.
    expect(tokenRequests()).toBe(tokensBefore + 1);
    const req = idp.requests.at(-1)!;
    expect(req.path).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(req.form).toMatchObject({
      grant_type: 'client_credentials',
      client_id: APP,
      scope: 'https://outlook.office365.com/.default',
    });
    // The token the SMTP server was shown is the app's (introspection), for the sender.
    const last = shown.filter((s) => s.server === 'smtp').at(-1)!;
    expect(last.user).toBe(SENDER);
    expect(await idp.introspectClient(last.token)).toMatchObject({ clientId: APP });

    // The queue uses the same endpoint and token.
    const q = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via: 'queue' });
    expect(q.value).toMatchObject({ ok: true, queued: true });
    const queued = (await smtp.waitFor(before + 2)).at(-1)!;
    expect(queued.messageId).toBe(q.value.messageId);
    await expect.poll(async () => (await admin.call('email', 'listQueue')).value.total, { timeout: 30_000 }).toBe(0);

    // The secret is in the keychain under its binding, never in the audit.
    expect(
      await keychain.get(outgoingSecretKey(TENANT, APP, idp.authority, { host: '127.0.0.1', port: smtp.port })),
    ).toBe(SECRET);
    const audit = await admin.core.data
      .require()
      .kysely.selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'email-outgoing')
      .execute();
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    expect(JSON.stringify(audit)).toContain('o365SmtpHost');
  });

  it('a wrong client secret: the token endpoint’s AADSTS error, naming the token endpoint; nothing reaches the SMTP server', async () => {
    expect((await save(settings(), 'not-the-secret')).error).toBeUndefined();
    const shownBefore = shown.length;
    const before = smtp.received.length;
    const test = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via: 'direct' });
    expect(test.error).toMatchObject({ code: 'INVALID', field: 'clientSecret' });
    expect(test.error!.message).toMatch(/token endpoint https:\/\/127\.0\.0\.1:\d+ refused the client credentials/);
    expect(test.error!.message).toMatch(/invalid_client AADSTS7000215: Invalid client secret/);
    expect(test.error!.message).not.toContain('not-the-secret');
    expect(shown.length).toBe(shownBefore);
    expect(smtp.received.length).toBe(before);
  });

  it('the SMTP server refuses the token (535): named as the SMTP server refusing the access token', async () => {
    // A mailbox this app may not send as: the token is valid, Exchange refuses it for that sender.
    expect((await save(settings({ fromAddress: OTHER_MAILBOX }), SECRET)).error).toBeUndefined();
    const before = smtp.received.length;
    const test = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via: 'direct' });
    expect(test.error).toBeUndefined();
    expect(test.value.ok).toBe(false);
    expect(test.value.response).toMatch(
      new RegExp(`^The SMTP server 127\\.0\\.0\\.1:${smtp.port} refused the access token \\(AUTH XOAUTH2\\): 535`),
    );
    expect(shown.at(-1)).toMatchObject({ server: 'smtp', user: OTHER_MAILBOX });
    expect(smtp.received.length).toBe(before);
  });

  it('another SMTP endpoint or authority without entering the secret again: refused; nothing is requested or shown there', async () => {
    expect((await save(settings(), SECRET)).error).toBeUndefined();
    const shownBefore = shown.length;
    const tokensBefore = tokenRequests();

    // Enabled with another SMTP endpoint (host or port) and no secret: refused, naming the field.
    for (const over of [{ o365SmtpPort: rogue.port }, { o365SmtpHost: 'localhost' }]) {
      const moved = await save(settings(over));
      expect(moved.error).toMatchObject({ code: 'INVALID', field: 'clientSecret' });
      expect(moved.error!.message).toMatch(/enter it again/);
    }
    // Another authority (another token endpoint): refused too.
    const otherAuth = await save(settings({ authority: otherIdp.authority }));
    expect(otherAuth.error).toMatchObject({ code: 'INVALID', field: 'clientSecret' });
    expect((await admin.call('email', 'getOutgoing')).value.settings.o365SmtpPort).toBe(smtp.port);

    // Saved disabled there: allowed, but no secret is there, and the old entry is removed.
    const parked = await save(settings({ enabled: false, o365SmtpPort: rogue.port }));
    expect(parked.error).toBeUndefined();
    expect(parked.value.clientSecretSet).toBe(false);
    expect(
      await keychain.get(outgoingSecretKey(TENANT, APP, idp.authority, { host: '127.0.0.1', port: smtp.port })),
    ).toBeNull();
    // Enabling it there still needs the secret; nothing was sent to the other endpoint or token endpoint.
    expect((await save(settings({ o365SmtpPort: rogue.port }))).error).toMatchObject({ field: 'clientSecret' });
    const test = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via: 'direct' });
    expect(test.error).toMatchObject({ code: 'INVALID' });
    expect(shown.length).toBe(shownBefore);
    expect(shown.filter((s) => s.server === 'rogue')).toEqual([]);
    expect(rogue.received).toEqual([]);
    expect(tokenRequests()).toBe(tokensBefore);
    expect(tokenRequests(otherIdp)).toBe(0);
    // Back at the first endpoint: the secret has to be entered again there too.
    expect((await save(settings())).error).toMatchObject({ field: 'clientSecret' });
  });

  it('a secret stored before the SMTP endpoint was a setting is used only with the default endpoint, and moved at the next save', async () => {
    // The entry as it was written before migration 026 (no endpoint in it: it was always smtp.office365.com:587).
    const legacy = `email-outgoing:o365:${TENANT.toLowerCase()}:${APP}:${new URL(idp.authority).origin}:secret`;
    await keychain.set(legacy, SECRET);
    // Another endpoint: not used there.
    expect((await save(settings())).error).toMatchObject({ code: 'INVALID', field: 'clientSecret' });
    // The default endpoint: it is (set), and the save moves it to the entry that names the endpoint.
    const saved = await save(settings({ enabled: false, o365SmtpHost: 'smtp.office365.com', o365SmtpPort: 587 }));
    expect(saved.error).toBeUndefined();
    expect(saved.value.clientSecretSet).toBe(true);
    expect(await keychain.get(outgoingSecretKey(TENANT, APP, idp.authority))).toBe(SECRET);
    expect(await keychain.get(legacy)).toBeNull();
    expect(tokenRequests(otherIdp)).toBe(0);
  });
});
