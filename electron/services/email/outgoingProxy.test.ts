import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDanted, type TestSocksProxy } from '../../testing/danted';
import { startSmtpServer, type TestSmtp } from '../../testing/smtpServer';
import { testCa } from '../../testing/testCa';
import { startTinyproxy, type TestHttpProxy } from '../../testing/tinyproxy';
import { seededDb, signIn, startConsole, type ArgsOf, type TestConsole } from '../testing/harness';

type Settings = ArgsOf<'email', 'saveOutgoing'>['settings'];
type Draft = ArgsOf<'systemParameters', 'saveProxy'>['draft'];

const auth = { user: 'ccmproxy', password: 'Pr0xy-secret' };
const none = { address: '', port: null, username: '', password: null };

/**
 * Outgoing e-mail's Proxy "System Parameters proxy": the SMTP connection (Test connection and the
 * queue) goes through the real tinyproxy (HTTP CONNECT, with BasicAuth) or Dante (SOCKS v5), and
 * the message reaches the real SMTP server; the bypass list and Proxy "None" go direct.
 */
describe('Outgoing e-mail through the System Parameters proxy', () => {
  let admin: TestConsole;
  let smtp: TestSmtp;
  let http: TestHttpProxy;
  let socks: TestSocksProxy;
  let version = 0;
  let proxyVersion = 0;
  const settings = (over: Partial<Settings> = {}): Settings => ({
    enabled: true,
    protocol: 'smtp',
    fromAddress: 'console@example.test',
    host: '127.0.0.1',
    port: smtp.port,
    useAuth: false,
    userName: '',
    clientId: '',
    tenantId: '',
    authority: 'https://login.microsoftonline.com',
    proxy: 'system',
    ...over,
  });
  const saveOutgoing = async (over: Partial<Settings> = {}) => {
    const r = await admin.call('email', 'saveOutgoing', { expectedVersion: version, settings: settings(over) });
    expect(r.error).toBeUndefined();
    version = r.value.version;
    return r.value;
  };
  const saveProxy = async (draft: Draft) => {
    const r = await admin.call('systemParameters', 'saveProxy', { expectedVersion: proxyVersion, draft });
    expect(r.error).toBeUndefined();
    proxyVersion = r.value.version;
  };
  const viaHttp = (bypass: string[] = []): Draft => ({
    http: { address: '127.0.0.1', port: http.port, username: auth.user, password: auth.password },
    socks: { ...none, version: 'v5' },
    bypass,
  });
  const viaSocks: () => Draft = () => ({
    http: none,
    socks: { address: '127.0.0.1', port: socks.port, username: '', password: null, version: 'v5' },
    bypass: [],
  });
  const connects = () => (http.log().match(new RegExp(`CONNECT 127\\.0\\.0\\.1:${smtp.port}`, 'g')) ?? []).length;
  const relayed = () => (socks.log().match(new RegExp(`127\\.0\\.0\\.1\\.${smtp.port}\\b`, 'g')) ?? []).length;
  const send = async (via: 'direct' | 'queue') => {
    const before = smtp.received.length;
    const r = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via });
    expect(r.error).toBeUndefined();
    expect(r.value.ok, r.value.response).toBe(true);
    const got = (await smtp.waitFor(before + 1)).at(-1)!;
    expect(got.messageId).toBe(r.value.messageId);
  };

  beforeAll(async () => {
    process.env.CCM_EXTRA_CA_FILE = testCa().caFile;
    [smtp, http, socks] = await Promise.all([startSmtpServer(), startTinyproxy({ auth }), startDanted()]);
    const db = await seededDb('sqlite');
    admin = await startConsole(db);
    await signIn(admin, 'admin', 'Admin#2026');
  }, 60_000);
  afterAll(async () => {
    await admin?.stop();
    await Promise.all([smtp?.stop(), http?.stop(), socks?.stop()]);
  });

  it('new settings offer the System Parameters proxy; the choice is saved', async () => {
    expect((await admin.call('email', 'getOutgoing')).value.settings.proxy).toBe('system');
    expect((await saveOutgoing()).settings.proxy).toBe('system');
    const bad = await admin.call('email', 'saveOutgoing', {
      expectedVersion: version,
      settings: { ...settings(), proxy: 'other' as never },
    });
    expect(bad.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'settings.proxy' });
  });

  it('HTTP/HTTPS proxy: Test connection and the queue reach the SMTP server through its CONNECT', async () => {
    await saveProxy(viaHttp());
    const before = connects();
    await send('direct');
    expect(connects()).toBe(before + 1);
    await send('queue');
    expect(connects()).toBe(before + 2);
  });

  it('SOCKS v5 proxy (no HTTP proxy): the connection is relayed by Dante', async () => {
    await saveProxy(viaSocks());
    const before = relayed();
    const http0 = connects();
    await send('direct');
    await expect.poll(relayed, { timeout: 5_000 }).toBeGreaterThan(before);
    expect(connects()).toBe(http0);
  });

  it('a host on the bypass list, and Proxy "None", go direct', async () => {
    await saveProxy(viaHttp(['127.0.0.0/8']));
    const before = connects();
    await send('direct');
    await saveProxy(viaHttp());
    await saveOutgoing({ proxy: 'none' });
    await send('direct');
    await send('queue');
    expect(connects()).toBe(before);
  });

  it('a proxy that cannot be reached fails the Test with its reason, not a direct connection', async () => {
    await saveOutgoing({ proxy: 'system' });
    await saveProxy({ ...viaHttp(), http: { ...viaHttp().http, port: 1 } });
    const r = await admin.call('email', 'testOutgoing', { to: 'ops@example.test', via: 'direct' });
    expect(r.value.ok).toBe(false);
    expect(r.value.response).toMatch(/ECONNREFUSED|proxy/i);
  });
});
