import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { startDanted, throwawaySystemUser, type TestSocksProxy } from '../../testing/danted';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

// SOCKS v5 with a username (RFC 1929) against a real danted whose `username` method checks a
// throwaway system account (created here as root, removed after; skipped when not root).
const account = throwawaySystemUser();
let socks: TestSocksProxy;
let target: Server;
let targetUrl = '';

beforeAll(async () => {
  if (!account) return;
  socks = await startDanted({ username: true });
  target = createServer((req, res) => res.end(`hello ${req.url}`));
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
}, 30_000);
afterAll(async () => {
  await socks?.stop();
  target?.close();
  account?.remove();
});

describe.skipIf(!account).each(ENGINES)('Proxy Test: SOCKS v5 with username and password (%s)', (engine) => {
  let admin: TestConsole;
  beforeAll(async () => {
    admin = await startConsole(await seededDb(engine));
    await signIn(admin, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  }, 120_000);
  afterAll(async () => {
    await admin?.stop();
  });
  const draft = (password: string) => ({
    http: { address: '', port: null, username: '', password: null },
    socks: { address: '127.0.0.1', port: socks.port, username: account!.name, password, version: 'v5' as const },
    bypass: [],
  });

  it('the right password: relayed (danted logs the connection); a wrong one: the credentials are named', async () => {
    const ok = await admin.call('systemParameters', 'testProxy', {
      draft: draft(account!.password),
      url: `${targetUrl}/socks-auth-${engine}`,
    });
    expect(ok.value).toMatchObject({ ok: true, route: 'socks', status: 200 });
    expect(socks.log()).toContain(`127.0.0.1.${new URL(targetUrl).port}`);
    const wrong = await admin.call('systemParameters', 'testProxy', {
      draft: draft('not-the-password'),
      url: `${targetUrl}/socks-wrong-${engine}`,
    });
    expect(wrong.value).toMatchObject({ ok: false, route: 'socks', failed: 'credentials' });
  });

  it('saved: outbound requests then go through it with the password from the keychain', async () => {
    const saved = await admin.call('systemParameters', 'saveProxy', {
      expectedVersion: 0,
      draft: draft(account!.password),
    });
    expect(saved.ok).toBe(true);
    expect(saved.value.socks).toMatchObject({ username: account!.name, passwordSet: true });
    const kept = await admin.call('systemParameters', 'testProxy', {
      draft: { ...draft(''), socks: { ...draft('').socks, password: null } },
      url: `${targetUrl}/socks-kept-${engine}`,
    });
    expect(kept.value).toMatchObject({ ok: true, route: 'socks' });
    await admin.call('systemParameters', 'saveProxy', {
      expectedVersion: saved.value.version,
      draft: {
        http: draft('').http,
        socks: { ...draft('').socks, address: '', port: null, username: '', password: '' },
        bypass: [],
      },
    });
  });
});
