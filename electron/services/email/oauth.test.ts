import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addOutboundCa } from '../../connectors/http/outbound';
import { ENGINES } from '../../connectors/db/testing/engines';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { startDovecot, type TestDovecot } from '../../testing/dovecot';
import { startOAuthDeviceServer, type OAuthDeviceServer } from '../../testing/oauthDeviceServer';
import { startSmtpServer, type TestSmtp } from '../../testing/smtpServer';
import { testCa } from '../../testing/testCa';
import { seededDb, signIn, startConsole, type ArgsOf, type ResultOf, type TestConsole } from '../testing/harness';
import { oauthRefreshKey } from './oauth';

type ServerIn = ArgsOf<'email', 'saveServer'>['server'];
type Status = ResultOf<'email', 'oauthStatus'>;

const TENANT = 'contoso.test';
const CLIENT = '36301474-61d3-45dc-8df1-61513075e266';
const USER = 'support@contoso.test';
const OTHER = 'sales@contoso.test';

/** Waits for the sign-in to leave PENDING (state, not time: the status is read until it changes). */
async function settled(c: TestConsole, id: number, protocol: 'imap' | 'smtp', timeout = 30_000): Promise<Status> {
  let last: Status | undefined;
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    const r = await c.call('email', 'oauthStatus', { id, protocol });
    if (!r.ok) throw new Error(r.error?.message);
    last = r.value;
    if (last.state !== 'PENDING') return last;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`still ${last?.state} after ${timeout} ms`);
}

describe.each(ENGINES)('E-mail OAuth 2.0: device authorization grant and XOAUTH2 (%s)', (engine) => {
  let c: TestConsole;
  let supervisor: TestConsole;
  let idp: OAuthDeviceServer;
  let other: OAuthDeviceServer;
  let dovecot: TestDovecot;
  let smtp: TestSmtp;
  const keychain = createKeychainStore();

  const server = (over: Partial<ServerIn> = {}, authority = idp.authority): ServerIn => ({
    name: `OAuth ${Math.random().toString(36).slice(2, 8)}`,
    imap: { host: '127.0.0.1', port: dovecot.imapsPort, useSsl: true, auth: 'oauth', userName: USER, maxSessions: 0 },
    smtp: { host: '127.0.0.1', port: smtp.port, useSsl: false, reporting: false, auth: 'oauth', userName: USER },
    oauth: { tenantId: TENANT, clientId: CLIENT, authority },
    heartbeatAddress: USER,
    rateLimitPerHour: 0,
    ...over,
  });
  const add = async (s: ServerIn) => {
    const r = await c.call('email', 'saveServer', { id: null, expectedVersion: 0, server: s });
    if (!r.ok) throw new Error(r.error?.message);
    return r.value;
  };
  /** Get Code, then the user signs in at the identity platform; resolves with the final status. */
  const consent = async (id: number, protocol: 'imap' | 'smtp', account = USER) => {
    const start = await c.call('email', 'oauthStart', { id, protocol });
    expect(start.ok, start.error?.message).toBe(true);
    expect(start.value.state).toBe('PENDING');
    await idp.approve(start.value.userCode!, account);
    return settled(c, id, protocol);
  };

  beforeAll(async () => {
    process.env.CCM_EXTRA_CA_FILE = testCa().caFile;
    addOutboundCa(testCa().caPem);
    [idp, other] = await Promise.all([
      startOAuthDeviceServer({ tenantId: TENANT, clientId: CLIENT, accounts: [USER, OTHER] }),
      startOAuthDeviceServer({ tenantId: TENANT, clientId: CLIENT, accounts: [USER] }),
    ]);
    [dovecot, smtp] = await Promise.all([
      startDovecot({ users: [], oauth2IntrospectionUrl: idp.introspectionUrl }),
      startSmtpServer({ checkToken: async (user, token) => (await idp.introspect(token)) === user }),
    ]);
    const db = await seededDb(engine);
    c = await startConsole(db);
    await signIn(c, 'admin', 'Admin#2026');
    supervisor = await startConsole(db);
    await signIn(supervisor, 'supervisor', 'Super#2026');
  });
  // At most five servers per tenant: each test starts from none.
  afterEach(async () => {
    for (const s of (await c.call('email', 'listServers', {})).value)
      await c.call('email', 'deleteServer', { id: s.id, expectedVersion: s.version });
  });
  afterAll(async () => {
    await c?.stop();
    await supervisor?.stop();
    await Promise.all([idp?.stop(), other?.stop(), dovecot?.stop(), smtp?.stop()]);
  });

  it('Get Code → the user signs in → COMPLETE: the refresh token is in the keychain, bound to authority + tenant + client; never in an event, the audit or the status', async () => {
    const row = await add(server());
    const start = await c.call('email', 'oauthStart', { id: row.id, protocol: 'imap' });
    expect(start.ok, start.error?.message).toBe(true);
    expect(start.value).toMatchObject({
      state: 'PENDING',
      tokenSet: false,
      verificationUri: `${idp.authority}/device`,
    });
    expect(start.value.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    // The request went to the Microsoft path of the tenant, with the client and the IMAP scope.
    const asked = idp.requests.find((r) => r.path === `/${TENANT}/oauth2/v2.0/devicecode`)!;
    expect(asked.form).toMatchObject({ client_id: CLIENT });
    expect(asked.form.scope).toContain('https://outlook.office.com/IMAP.AccessAsUser.All');
    expect(asked.form.scope).toContain('offline_access');

    await idp.approve(start.value.userCode!, USER);
    const done = await settled(c, row.id, 'imap');
    expect(done).toMatchObject({ state: 'COMPLETE', tokenSet: true, userCode: null });

    const key = oauthRefreshKey(row.id, 'imap', { tenantId: TENANT, clientId: CLIENT, authority: idp.authority });
    const refresh = await keychain.get(key);
    expect(refresh).toBeTruthy();
    const list = await c.call('email', 'listServers', {});
    expect(list.value.find((s) => s.id === row.id)).toMatchObject({ imapTokenSet: true, smtpTokenSet: false });

    // The progress events: states only. Events reach listeners in batches, so wait for the batch to arrive.
    const states = () =>
      (c.events('email.oauthProgress') as { serverId: number; state: string }[])
        .filter((e) => e.serverId === row.id)
        .map((e) => e.state);
    await expect.poll(states, { timeout: 10_000 }).toEqual(['PENDING', 'COMPLETE']);
    expect(JSON.stringify(c.events('email.oauthProgress'))).not.toContain(refresh!);
    expect(JSON.stringify(c.events('email.oauthProgress'))).not.toContain(start.value.userCode!);
    // The audit says a sign-in was stored, never the token.
    const audit = await c.core.data
      .require()
      .kysely.selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'email-server')
      .where('object_id', '=', String(row.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('oauth-consent');
    expect(JSON.stringify(audit)).not.toContain(refresh!);

    // XOAUTH2 to dovecot: the token is checked by dovecot's oauth2 passdb at the introspection endpoint.
    const test = await c.call('email', 'testServer', { id: row.id, protocol: 'imap' });
    expect(test.value, JSON.stringify(test.value)).toMatchObject({ ok: true, failure: null });
    expect(test.value.steps.map((s) => s.detail).join(' ')).toContain('XOAUTH2');
  });

  it('the user declines → DECLINED with the identity platform’s text; the code expires → EXPIRED; nothing stored', async () => {
    const row = await add(server());
    const start = await c.call('email', 'oauthStart', { id: row.id, protocol: 'smtp' });
    await idp.decline(start.value.userCode!);
    const declined = await settled(c, row.id, 'smtp');
    expect(declined).toMatchObject({ state: 'DECLINED', tokenSet: false });
    expect(declined.message).toMatch(/AADSTS/);

    const short = await startOAuthDeviceServer({
      tenantId: TENANT,
      clientId: CLIENT,
      accounts: [USER],
      deviceCodeTtl: 2,
    });
    try {
      const row2 = await add(server({}, short.authority));
      const s2 = await c.call('email', 'oauthStart', { id: row2.id, protocol: 'imap' });
      expect(s2.value.state).toBe('PENDING');
      const expired = await settled(c, row2.id, 'imap');
      expect(expired).toMatchObject({ state: 'EXPIRED', tokenSet: false });
      // Nobody signed in: polls kept going at the server's interval until the code expired.
      expect(short.requests.filter((r) => r.path.endsWith('/token')).length).toBeGreaterThanOrEqual(1);
    } finally {
      await short.stop();
    }
  });

  it('slow_down: the console polls 5 s less often from then on (RFC 8628 §3.5), then completes', async () => {
    const row = await add(server());
    const before = idp.requests.length;
    idp.slowDownNext(1);
    const start = await c.call('email', 'oauthStart', { id: row.id, protocol: 'imap' });
    const polls = () => idp.requests.slice(before).filter((r) => r.form.device_code !== undefined);
    // The first poll (after the 1-s interval) gets slow_down; sign in after it, so the next poll completes.
    await expect.poll(() => polls().length, { timeout: 10_000 }).toBe(1);
    await idp.approve(start.value.userCode!, USER);
    const done = await settled(c, row.id, 'imap');
    expect(done.state).toBe('COMPLETE');
    const [first, second] = polls();
    expect(polls().length).toBe(2);
    // The interval became 1 + 5 s; the front answers slow_down to any poll sooner than the interval.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(6000 - 50);
  }, 30_000);

  it('access tokens are refreshed before use; a refused refresh is an authentication failure; Forget removes the token', async () => {
    const row = await add(server());
    idp.accessTokenTtl = 30; // less than the one-minute margin: every use refreshes
    try {
      expect((await consent(row.id, 'smtp')).state).toBe('COMPLETE');
      const refreshes = () => idp.requests.filter((r) => r.form.grant_type === 'refresh_token').length;
      const before = refreshes();
      const t1 = await c.call('email', 'testServer', { id: row.id, protocol: 'smtp' });
      expect(t1.value, JSON.stringify(t1.value)).toMatchObject({ ok: true });
      expect(t1.value.steps.map((s) => s.detail).join(' ')).toContain('XOAUTH2');
      expect(refreshes()).toBe(before + 1);
      const t2 = await c.call('email', 'testServer', { id: row.id, protocol: 'smtp' });
      expect(t2.value.ok).toBe(true);
      expect(refreshes()).toBe(before + 2);
    } finally {
      idp.accessTokenTtl = 3600;
    }
    // A long-lived token is used from memory (no refresh).
    const row2 = await add(server());
    expect((await consent(row2.id, 'smtp')).state).toBe('COMPLETE');
    const n = idp.requests.filter((r) => r.form.grant_type === 'refresh_token').length;
    expect((await c.call('email', 'testServer', { id: row2.id, protocol: 'smtp' })).value.ok).toBe(true);
    expect(idp.requests.filter((r) => r.form.grant_type === 'refresh_token').length).toBe(n);

    // Forget: the keychain entry and the in-memory token go; Test has no token.
    const key = oauthRefreshKey(row2.id, 'smtp', { tenantId: TENANT, clientId: CLIENT, authority: idp.authority });
    expect(await keychain.has(key)).toBe(true);
    const f = await c.call('email', 'oauthForget', { id: row2.id, protocol: 'smtp' });
    expect(f.value).toMatchObject({ state: 'NONE', tokenSet: false });
    expect(await keychain.has(key)).toBe(false);
    const t3 = await c.call('email', 'testServer', { id: row2.id, protocol: 'smtp' });
    expect(t3.value).toMatchObject({ ok: false, failure: 'no-secret' });
  }, 60_000);

  it('a wrong token is refused by dovecot (IMAP) and by the SMTP server; a refused refresh names the identity platform', async () => {
    const row = await add(server());
    expect((await consent(row.id, 'imap', OTHER)).state).toBe('COMPLETE');
    // Signed in as another mailbox than the server's user name: dovecot's passdb compares the token's user.
    const t = await c.call('email', 'testServer', { id: row.id, protocol: 'imap' });
    expect(t.value).toMatchObject({ ok: false, failure: 'authentication' });

    const row2 = await add(server());
    expect((await consent(row2.id, 'smtp', OTHER)).state).toBe('COMPLETE');
    const t2 = await c.call('email', 'testServer', { id: row2.id, protocol: 'smtp' });
    expect(t2.value).toMatchObject({ ok: false, failure: 'authentication' });

    // The identity platform no longer accepts the stored sign-in (the access token expired, refresh refused).
    const row3 = await add(server());
    idp.accessTokenTtl = 1;
    try {
      expect((await consent(row3.id, 'imap')).state).toBe('COMPLETE');
      idp.refuseRefresh = true;
      const t3 = await c.call('email', 'testServer', { id: row3.id, protocol: 'imap' });
      expect(t3.value).toMatchObject({ ok: false, failure: 'authentication' });
      expect(t3.value.message).toContain('AADSTS70008');
    } finally {
      idp.accessTokenTtl = 3600;
      idp.refuseRefresh = false;
    }
  }, 60_000);

  it('another authority without a new consent: the refresh token is not sent to the new host (bound to authority + tenant + client)', async () => {
    const row = await add(server());
    expect((await consent(row.id, 'imap')).state).toBe('COMPLETE');
    const key = oauthRefreshKey(row.id, 'imap', { tenantId: TENANT, clientId: CLIENT, authority: idp.authority });
    const refresh = (await keychain.get(key))!;
    expect(refresh).toBeTruthy();
    const moved = await c.call('email', 'saveServer', {
      id: row.id,
      expectedVersion: row.version,
      server: { ...row.server, oauth: { tenantId: TENANT, clientId: CLIENT, authority: other.authority } },
    });
    expect(moved.ok, moved.error?.message).toBe(true);
    expect(moved.value.imapTokenSet).toBe(false);
    const t = await c.call('email', 'testServer', { id: row.id, protocol: 'imap' });
    expect(t.value).toMatchObject({ ok: false, failure: 'no-secret' });
    // Nothing reached the other host, least of all the refresh token; the old entry is gone.
    expect(JSON.stringify(other.requests)).not.toContain(refresh);
    expect(other.requests.filter((r) => r.form.grant_type === 'refresh_token')).toEqual([]);
    expect(await keychain.has(key)).toBe(false);
  });

  it('Get Code needs OAuth for that protocol and a server of this tenant; a Supervisor cannot start it', async () => {
    const row = await add(server({ smtp: null }));
    const r = await c.call('email', 'oauthStart', { id: row.id, protocol: 'smtp' });
    expect(r.error).toMatchObject({ code: 'INVALID', field: 'protocol' });
    const r2 = await c.call('email', 'oauthStart', { id: 999_999, protocol: 'imap' });
    expect(r2.error).toMatchObject({ code: 'NOT_FOUND' });
    const cancel = await c.call('email', 'oauthStart', { id: row.id, protocol: 'imap' });
    expect(cancel.value.state).toBe('PENDING');
    // A reader of the area sees the servers, not the code (whoever enters it grants the mailbox), and cannot start one.
    for (const m of ['oauthStart', 'oauthStatus', 'oauthCancel', 'oauthForget'] as const) {
      const refused = await supervisor.call('email', m, { id: row.id, protocol: 'imap' });
      expect(refused.error?.code, m).toBe('FORBIDDEN');
    }
    const stopped = await c.call('email', 'oauthCancel', { id: row.id, protocol: 'imap' });
    expect(stopped.value).toMatchObject({ state: 'CANCELLED', userCode: null });
  });
});
