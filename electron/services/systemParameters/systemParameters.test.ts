import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { outboundFetch } from '../../connectors/http/outbound';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { startDanted, type TestSocksProxy } from '../../testing/danted';
import { startTinyproxy, type TestHttpProxy } from '../../testing/tinyproxy';
import { seededDb, signIn, startConsole, type ArgsOf, type TestConsole } from '../testing/harness';
import { proxySecretKey } from './proxy';

type Draft = ArgsOf<'systemParameters', 'saveProxy'>['draft'];
type Plan = ArgsOf<'systemParameters', 'saveNumbering'>['settings'];

let proxy: TestHttpProxy;
let socks: TestSocksProxy;
let target: Server;
let targetUrl = '';
const served: string[] = [];
const auth = { user: 'ccmproxy', password: 'Pr0xy-secret' };

beforeAll(async () => {
  [proxy, socks] = await Promise.all([startTinyproxy({ auth }), startDanted()]);
  target = createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.url?.startsWith('/.well-known/openid-configuration')) {
      res.setHeader('content-type', 'application/json');
      const issuer = targetUrl;
      res.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
        }),
      );
      return;
    }
    res.statusCode = req.url === '/missing' ? 404 : 200;
    res.end('ok');
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
}, 30_000);
afterAll(async () => {
  await Promise.all([proxy?.stop(), socks?.stop()]);
  target?.close();
});

const endpoint = (over: Partial<Draft['http']> = {}): Draft['http'] => ({
  address: '',
  port: null,
  username: '',
  password: null,
  ...over,
});
const draftOf = (over: { http?: Partial<Draft['http']>; socks?: Partial<Draft['socks']>; bypass?: string[] } = {}) => ({
  http: endpoint(over.http),
  socks: { ...endpoint(over.socks), version: over.socks?.version ?? ('v5' as const) },
  bypass: over.bypass ?? [],
});
const viaTinyproxy = (over: Partial<Draft['http']> = {}) =>
  draftOf({
    http: { address: '127.0.0.1', port: proxy.port, username: auth.user, password: auth.password, ...over },
  });

describe.each(ENGINES)('System parameters (%s)', (engine) => {
  let admin: TestConsole; // host administrator
  let tenantAdmin: TestConsole; // Administrator of the demo tenant, not a host administrator
  let nw: TestConsole; // Administrator of Northwind
  let supervisor: TestConsole; // System read
  const keychain = createKeychainStore();
  let db: Awaited<ReturnType<typeof seededDb>>;

  beforeAll(async () => {
    db = await seededDb(engine);
    [tenantAdmin, nw, supervisor] = await Promise.all([startConsole(db), startConsole(db), startConsole(db)]);
    await signIn(tenantAdmin, 'expiring', DEMO_ACCOUNTS.expiring.password);
    await signIn(nw, 'nwadmin', DEMO_ACCOUNTS.northwindAdmin.password, 2);
    await signIn(supervisor, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
    // Started last: its proxy provider is the one outboundFetch uses in this process.
    admin = await startConsole(db);
    await signIn(admin, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([admin?.stop(), tenantAdmin?.stop(), nw?.stop(), supervisor?.stop()]);
  });

  describe('the table (migration 017)', () => {
    it('one row per tenant and page; the proxy only installation-wide, the others only per tenant', async () => {
      const k = admin.core.data.require().kysely;
      const row = (tenant_id: number | null, page: 'proxy' | 'numbering') => ({
        tenant_id,
        page,
        value: '{}',
        updated_at: 'now',
        updated_by: 'test',
      });
      await expect(k.insertInto('system_parameter').values(row(1, 'proxy')).execute()).rejects.toThrow();
      await expect(k.insertInto('system_parameter').values(row(null, 'numbering')).execute()).rejects.toThrow();
      await k.insertInto('system_parameter').values(row(null, 'proxy')).execute();
      await expect(k.insertInto('system_parameter').values(row(null, 'proxy')).execute()).rejects.toThrow();
      await k.insertInto('system_parameter').values(row(2, 'numbering')).execute();
      await expect(k.insertInto('system_parameter').values(row(2, 'numbering')).execute()).rejects.toThrow();
      await k.deleteFrom('system_parameter').execute();
    });
  });

  describe('Proxy settings', () => {
    it('defaults: nothing set, the local addresses bypassed; readers see it, only a host administrator may change it', async () => {
      const doc = (await supervisor.call('systemParameters', 'getProxy')).value;
      expect(doc).toMatchObject({ version: 0, mayChange: false, http: { address: '', passwordSet: false } });
      expect(doc.bypass).toEqual(['<local>', 'localhost', '127.0.0.0/8', '::1']);
      expect((await admin.call('systemParameters', 'getProxy')).value.mayChange).toBe(true);
    });

    it('a tenant Administrator (System write, not host administrator) cannot save or test it', async () => {
      const save = await tenantAdmin.call('systemParameters', 'saveProxy', {
        expectedVersion: 0,
        draft: viaTinyproxy(),
      });
      expect(save.error).toMatchObject({ code: 'FORBIDDEN' });
      expect(save.error!.message).toMatch(/host administrator/);
      const test = await tenantAdmin.call('systemParameters', 'testProxy', { draft: viaTinyproxy(), url: targetUrl });
      expect(test.error).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        (await supervisor.call('systemParameters', 'saveProxy', { expectedVersion: 0, draft: draftOf() })).error,
      ).toMatchObject({ code: 'FORBIDDEN' });
    });

    it.each([
      ['Address mandatory', draftOf({ http: { port: 3128 } }), 'http.address', /Address is mandatory/],
      [
        'Port mandatory with an address',
        draftOf({ socks: { address: '10.0.0.4' } }),
        'socks.port',
        /Port is mandatory/,
      ],
      ['Port range', draftOf({ http: { address: '10.0.0.2', port: 70000 } }), 'http.port', /1–65535/],
      [
        'Username without @',
        draftOf({ http: { address: '10.0.0.2', port: 3128, username: 'me@corp', password: 'x' } }),
        'http.username',
        /Username can't include the "@"/,
      ],
      [
        'Password without @',
        draftOf({ socks: { address: '10.0.0.4', port: 1080, username: 'me', password: 'p@ss' } }),
        'socks.password',
        /Password can't include the "@"/,
      ],
      [
        'Password mandatory with a username',
        draftOf({ http: { address: '10.0.0.2', port: 3128, username: 'me', password: '' } }),
        'http.password',
        /Password is mandatory when a username is entered/,
      ],
      ['Address is a host', draftOf({ http: { address: 'a b', port: 3128 } }), 'http.address', /host name or IP/],
      ['bypass entries', draftOf({ bypass: ['10.0.0.0/40'] }), 'bypass.0', /0–32/],
    ])('refuses: %s', async (_rule, draft, field, message) => {
      const res = await admin.call('systemParameters', 'saveProxy', { expectedVersion: 0, draft });
      expect(res.error).toMatchObject({ code: 'INVALID', field });
      expect(res.error!.message).toMatch(message);
      expect((await admin.call('systemParameters', 'getProxy')).value.version).toBe(0);
    });

    it('saves with the password in the keychain only (bound to address, port and username); audit has no password', async () => {
      const res = await admin.call('systemParameters', 'saveProxy', {
        expectedVersion: 0,
        draft: { ...viaTinyproxy(), bypass: ['<local>'] },
      });
      expect(res.ok, res.error?.message).toBe(true);
      expect(res.value).toMatchObject({
        version: 1,
        http: { address: '127.0.0.1', username: auth.user, passwordSet: true },
      });
      const key = proxySecretKey('http', { address: '127.0.0.1', port: proxy.port, username: auth.user });
      expect(await keychain.get(key)).toBe(auth.password);
      const k = admin.core.data.require().kysely;
      const row = await k
        .selectFrom('system_parameter')
        .selectAll()
        .where('page', '=', 'proxy')
        .executeTakeFirstOrThrow();
      expect(row.tenant_id).toBeNull();
      expect(row.value).not.toContain(auth.password);
      const audit = await k.selectFrom('audit_log').selectAll().where('object_type', '=', 'proxy-settings').execute();
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain(auth.password);
      expect(audit[0]!.after_json).toContain('passwordsChanged');
    });

    it('the console’s own outbound requests go through it: outboundFetch and OpenID Connect discovery (proxy log)', async () => {
      const res = await outboundFetch(`${targetUrl}/through-saved-proxy`);
      expect(await res.text()).toBe('ok');
      expect(proxy.log()).toContain('/through-saved-proxy');
      // The sso feature's Test (discovery) on a loopback metadata document, not bypassed here.
      const oidc = await admin.call('sso', 'testOidc', {
        metadataLocation: `${targetUrl}/.well-known/openid-configuration`,
      } as never);
      expect(oidc.ok, oidc.error?.message).toBe(true);
      expect(proxy.log()).toContain('/.well-known/openid-configuration');
    });

    it('keeps the stored password only for the same address, port and username', async () => {
      const kept = await admin.call('systemParameters', 'saveProxy', {
        expectedVersion: 1,
        draft: { ...viaTinyproxy({ password: null }), bypass: ['<local>'] },
      });
      expect(kept.ok, kept.error?.message).toBe(true);
      const moved = await admin.call('systemParameters', 'saveProxy', {
        expectedVersion: 2,
        draft: viaTinyproxy({ address: '127.0.0.2', password: null }),
      });
      expect(moved.error).toMatchObject({ code: 'INVALID', field: 'http.password' });
      expect(moved.error!.message).toMatch(/Password is mandatory/);
    });

    it('refuses a stale version, naming who changed it', async () => {
      const res = await admin.call('systemParameters', 'saveProxy', { expectedVersion: 1, draft: viaTinyproxy() });
      expect(res.error).toMatchObject({ code: 'CONFLICT' });
      expect(res.error!.details?.conflict).toMatchObject({ expectedVersion: 1, version: 2, updatedBy: 'admin' });
    });

    it('Test: through tinyproxy; names the credentials, the proxy or the target when that is what failed', async () => {
      const ok = (await admin.call('systemParameters', 'testProxy', { draft: viaTinyproxy(), url: `${targetUrl}/t1` }))
        .value;
      expect(ok).toMatchObject({ ok: true, route: 'http', status: 200, failed: null });
      expect(proxy.log()).toContain('/t1');
      const kept = (
        await admin.call('systemParameters', 'testProxy', {
          draft: viaTinyproxy({ password: null }),
          url: `${targetUrl}/t-kept`,
        })
      ).value;
      expect(kept).toMatchObject({ ok: true });
      const creds = (
        await admin.call('systemParameters', 'testProxy', {
          draft: viaTinyproxy({ password: 'wrong' }),
          url: `${targetUrl}/t2`,
        })
      ).value;
      expect(creds).toMatchObject({ ok: false, failed: 'credentials' });
      expect(served).not.toContain('/t2');
      const down = (
        await admin.call('systemParameters', 'testProxy', {
          draft: draftOf({ http: { address: '127.0.0.1', port: 1 } }),
          url: `${targetUrl}/t3`,
        })
      ).value;
      expect(down).toMatchObject({ ok: false, failed: 'proxy' });
      expect(down.message).toMatch(/HTTP\/HTTPS proxy 127\.0\.0\.1:1 could not be reached/);
      const missing = (
        await admin.call('systemParameters', 'testProxy', { draft: viaTinyproxy(), url: `${targetUrl}/missing` })
      ).value;
      expect(missing).toMatchObject({ ok: false, failed: 'target', status: 404 });
      const bad = await admin.call('systemParameters', 'testProxy', { draft: viaTinyproxy(), url: 'ftp://x/' });
      expect(bad.error).toMatchObject({ code: 'INVALID', field: 'url' });
    });

    it('Test: SOCKS v5 through danted, and a target the SOCKS proxy cannot reach', async () => {
      const draft = draftOf({ socks: { address: '127.0.0.1', port: socks.port, version: 'v5' } });
      const ok = (await admin.call('systemParameters', 'testProxy', { draft, url: `${targetUrl}/s1` })).value;
      expect(ok).toMatchObject({ ok: true, route: 'socks', status: 200 });
      expect(socks.log()).toContain(`127.0.0.1.${new URL(targetUrl).port}`);
      const v4 = draftOf({ socks: { address: '127.0.0.1', port: socks.port, version: 'v4' } });
      expect((await admin.call('systemParameters', 'testProxy', { draft: v4, url: `${targetUrl}/s4` })).value.ok).toBe(
        true,
      );
      // A port nothing listens on any more (fetch itself refuses the well-known "bad" ports such as 1).
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((r) => closed.close(() => r()));
      const unreachable = (
        await admin.call('systemParameters', 'testProxy', { draft, url: `http://127.0.0.1:${closedPort}/` })
      ).value;
      expect(unreachable, unreachable.message).toMatchObject({ ok: false, failed: 'target' });
    });

    it('cleared: outboundFetch goes direct again, and the keychain entry is removed', async () => {
      const res = await admin.call('systemParameters', 'saveProxy', { expectedVersion: 2, draft: draftOf() });
      expect(res.ok, res.error?.message).toBe(true);
      await outboundFetch(`${targetUrl}/direct-again`);
      expect(served).toContain('/direct-again');
      expect(proxy.log()).not.toContain('/direct-again');
      const key = proxySecretKey('http', { address: '127.0.0.1', port: proxy.port, username: auth.user });
      expect(await keychain.get(key)).toBeNull();
    });
  });

  describe('Numbering Plan', () => {
    const plan = (over: Partial<Plan> = {}): Plan => ({
      useDefaults: false,
      internalPatterns: ['2XXX', '[3-5]XXX', '9!'],
      e164: false,
      localCountryCode: '+44',
      internationalPrefix: '00',
      incomingPrefix: '0',
      eccIncomingIncludesPrefix: false,
      outgoingPrefix: '0',
      outgoingSuffix: '#',
      tapiIncludesPrefix: false,
      eccOutgoingIncludesPrefix: false,
      ...over,
    });

    it.each([
      ['a pattern', { internalPatterns: ['2XX?'] }, 'internalPatterns.0', /use digits/],
      ['! only at the end', { internalPatterns: ['2!X'] }, 'internalPatterns.0', /only at the end/],
      ['a pattern listed twice', { internalPatterns: ['2XXX', '2xxx'] }, 'internalPatterns.1', /listed twice/],
      ['one Local Country Code', { localCountryCode: '+44,+33' }, 'localCountryCode', /only one prefix/],
      ['International Dialling Prefix', { internationalPrefix: '0a' }, 'internationalPrefix', /1–4 digits/],
      ['incoming prefix', { incomingPrefix: '9-' }, 'incomingPrefix', /digits, \* and #/],
      ['outgoing suffix', { outgoingSuffix: 'x' }, 'outgoingSuffix', /digits, \* and #/],
    ])('refuses %s', async (_rule, over, field, message) => {
      const res = await admin.call('systemParameters', 'saveNumbering', { expectedVersion: 0, settings: plan(over) });
      expect(res.error).toMatchObject({ code: 'INVALID', field });
      expect(res.error!.message).toMatch(message);
    });

    it('normalize: internal top-down, + → international prefix, prefix and suffix; incoming strips prefix then country code', async () => {
      const out = (
        await admin.call('systemParameters', 'normalize', {
          number: '+1 613 555 0142',
          direction: 'outgoing',
          settings: plan(),
        })
      ).value;
      expect(out).toMatchObject({ result: '0001613555 0142'.replace(' ', '') + '#', internal: false });
      const e164 = (
        await admin.call('systemParameters', 'normalize', {
          number: '+16135550142',
          direction: 'outgoing',
          settings: plan({ e164: true, outgoingPrefix: '', outgoingSuffix: '' }),
        })
      ).value;
      expect(e164.result).toBe('+16135550142');
      const internal = (
        await admin.call('systemParameters', 'normalize', { number: '3456', direction: 'outgoing', settings: plan() })
      ).value;
      expect(internal).toMatchObject({ result: '3456', internal: true, pattern: 1 });
      const incoming = (
        await admin.call('systemParameters', 'normalize', {
          number: '0+442071234567',
          direction: 'incoming',
          settings: plan(),
        })
      ).value;
      expect(incoming.result).toBe('2071234567');
      expect(incoming.steps.join(' | ')).toMatch(/Incoming prefix 0 stripped.*Local Country Code \+44 stripped/);
      const viaIntl = (
        await admin.call('systemParameters', 'normalize', {
          number: '00442071234567',
          direction: 'incoming',
          settings: plan({ incomingPrefix: '' }),
        })
      ).value;
      expect(viaIntl.result).toBe('2071234567');
    });

    it('saved per tenant; another tenant only for a host administrator', async () => {
      const res = await admin.call('systemParameters', 'saveNumbering', { expectedVersion: 0, settings: plan() });
      expect(res.ok, res.error?.message).toBe(true);
      expect(res.value).toMatchObject({
        tenantId: 1,
        version: 1,
        settings: { internalPatterns: ['2XXX', '[3-5]XXX', '9!'] },
      });
      expect((await nw.call('systemParameters', 'getNumbering')).value.version).toBe(0);
      const foreign = await nw.call('systemParameters', 'getNumbering', { tenantId: 1 });
      expect(foreign.error).toMatchObject({ code: 'FORBIDDEN', field: 'tenantId' });
      expect(
        (await nw.call('systemParameters', 'saveNumbering', { tenantId: 1, expectedVersion: 1, settings: plan() }))
          .error,
      ).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        (await supervisor.call('systemParameters', 'saveNumbering', { expectedVersion: 1, settings: plan() })).error,
      ).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('Directory Numbers and dialed numbers must match an internal pattern once the tenant has its plan', async () => {
      const lk = (await admin.call('users', 'lookups')).value;
      const fields = (logonId: string, directoryNumber: string) => ({
        logonId,
        firstName: 'Num',
        lastName: 'Plan',
        directoryNumber,
        agentGroupId: lk.agentGroups.find((g) => g.name === 'Sales')!.id,
        userTypeId: lk.userTypes.find((t) => t.name === 'Agent')!.id,
        externalLogonId: null,
        chatDisplayName: null,
        circuitUser: null,
        phoneAgentLogon: 'useSystemSetting' as const,
        personalDefaultDestination: null,
        dispatchPrivilege: false,
      });
      const refused = await admin.call('users', 'create', { fields: fields('np-refused', '7001') });
      expect(refused.error).toMatchObject({ code: 'INVALID', field: 'directoryNumber' });
      expect(refused.error!.message).toMatch(/matches none of the Internal Phone Number Patterns/);
      const ok = await admin.call('users', 'create', { fields: fields('np-ok', '4711') });
      expect(ok.ok, ok.error?.message).toBe(true);
      const dn = await admin.call('objectTags', 'addDialedNumber', { number: '+1 613 555 0177' });
      expect(dn.error).toMatchObject({ code: 'INVALID', field: 'number' });
      expect((await admin.call('objectTags', 'addDialedNumber', { number: '2999' })).ok).toBe(true);
      // Northwind has no plan of its own: any number, as before.
      expect((await nw.call('objectTags', 'addDialedNumber', { number: '+1 613 555 0177' })).ok).toBe(true);
    });
  });

  describe('Users Authentication Settings', () => {
    it('defaults: SSO > Local, Remember logged-in user on, 8 days', async () => {
      expect((await admin.call('systemParameters', 'getUserAuth')).value).toMatchObject({
        version: 0,
        settings: { authorityOrder: 'sso-local', rememberLoggedInUser: true, inactivityDays: 8 },
      });
    });
    it.each([
      [31, /1–30 days/],
      [0, /1–30 days/],
    ])('refuses an inactivity timeout of %i days', async (days, message) => {
      const res = await admin.call('systemParameters', 'saveUserAuth', {
        expectedVersion: 0,
        settings: { authorityOrder: 'sso-ldap-local', rememberLoggedInUser: false, inactivityDays: days },
      });
      expect(res.error).toMatchObject({ code: 'INVALID', field: 'inactivityDays' });
      expect(res.error!.message).toMatch(message);
    });
    it('saves 30 days and an authority order of the list; refuses an order not in it', async () => {
      const res = await admin.call('systemParameters', 'saveUserAuth', {
        expectedVersion: 0,
        settings: { authorityOrder: 'sso-cucm-ldap-local', rememberLoggedInUser: false, inactivityDays: 30 },
      });
      expect(res.ok, res.error?.message).toBe(true);
      const odd = await admin.call('systemParameters', 'saveUserAuth', {
        expectedVersion: 1,
        settings: { authorityOrder: 'ldap-first', rememberLoggedInUser: false, inactivityDays: 3 } as never,
      });
      expect(odd.error).toMatchObject({ code: 'BAD_ARGUMENTS' });
    });
  });

  describe('the console signs out after the inactivity timeout', () => {
    const DAY = 86_400_000;
    it('the tenant’s setting (30 days saved above) and the default 8 days elsewhere', async () => {
      const c = await startConsole(db);
      const n = await startConsole(db);
      try {
        await signIn(c, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
        c.core.session.touch(Date.now() - 29 * DAY);
        expect((await c.call('systemParameters', 'getUserAuth')).ok).toBe(true);
        c.core.session.touch(Date.now() - 31 * DAY);
        expect((await c.call('systemParameters', 'getUserAuth')).ok).toBe(false);
        const status = (await c.call('auth', 'status')).value;
        expect(status.user).toBeNull();
        expect(status.signedOut?.message).toMatch(/signed out after 30 days without activity/);

        await signIn(n, 'nwadmin', DEMO_ACCOUNTS.northwindAdmin.password, 2);
        n.core.session.touch(Date.now() - 7 * DAY);
        expect((await n.call('systemParameters', 'getUserAuth')).ok).toBe(true);
        n.core.session.touch(Date.now() - 8 * DAY - 60_000);
        expect((await n.call('systemParameters', 'getUserAuth')).ok).toBe(false);
        expect((await n.call('auth', 'status')).value.signedOut?.message).toMatch(/after 8 days/);
      } finally {
        await Promise.all([c.stop(), n.stop()]);
      }
    });
  });

  describe('WSDL suppression checker', () => {
    it('reads a given web.config; a reader may check, nothing is stored', async () => {
      const text =
        '<configuration><system.web><webServices><protocols><remove name="Documentation"/></protocols>' +
        '</webServices></system.web></configuration>';
      expect((await supervisor.call('systemParameters', 'checkWsdlSuppression', { text })).value.applied).toBe(true);
      const tech = await startConsole(db);
      try {
        await signIn(tech, 'tech', DEMO_ACCOUNTS.technician.password);
        expect((await tech.call('systemParameters', 'checkWsdlSuppression', { text })).error).toMatchObject({
          code: 'FORBIDDEN',
        });
      } finally {
        await tech.stop();
      }
    });
  });

  describe('Customer Authentication', () => {
    it('Number to Call must equal an existing service access BVD; Maximum Time to Reserve Agent above 0', async () => {
      const doc = (await admin.call('systemParameters', 'getCustomerAuth')).value;
      expect(doc.serviceAccesses.map((s) => s.bvd)).toContain('4000');
      const noBvd = await admin.call('systemParameters', 'saveCustomerAuth', {
        expectedVersion: 0,
        settings: { numberToCall: '2020', maxReserveSeconds: 120, sendDnFromAgent: true },
      });
      expect(noBvd.error).toMatchObject({ code: 'INVALID', field: 'numberToCall' });
      expect(noBvd.error!.message).toMatch(/must exactly match the BVD number/);
      // Another tenant's BVD does not count.
      const nwRes = await nw.call('systemParameters', 'saveCustomerAuth', {
        expectedVersion: 0,
        settings: { numberToCall: '4000', maxReserveSeconds: 120, sendDnFromAgent: true },
      });
      expect(nwRes.error).toMatchObject({ code: 'INVALID', field: 'numberToCall' });
      const zero = await admin.call('systemParameters', 'saveCustomerAuth', {
        expectedVersion: 0,
        settings: { numberToCall: '4000', maxReserveSeconds: 0, sendDnFromAgent: true },
      });
      expect(zero.error).toMatchObject({ code: 'INVALID', field: 'maxReserveSeconds' });
      const ok = await admin.call('systemParameters', 'saveCustomerAuth', {
        expectedVersion: 0,
        settings: { numberToCall: '4000', maxReserveSeconds: 90, sendDnFromAgent: false },
      });
      expect(ok.ok, ok.error?.message).toBe(true);
    });

    it('.reg export: the values under the Agent Service key, CRLF', async () => {
      const { fileName, text } = (await supervisor.call('systemParameters', 'exportCustomerAuthReg')).value;
      expect(fileName).toMatch(/^customer-authentication-.*\.reg$/);
      expect(text.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
      expect(text).toContain(
        '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services\\AgentService]\r\n',
      );
      expect(text).toContain('"NumberToCallForAuthentication"="4000"\r\n');
      expect(text).toContain('"MaximumTimeToReserveAgent"=dword:0000005a\r\n');
      expect(text).toContain('"SendDNFromAgent"=dword:00000000\r\n');
    });
  });
});
