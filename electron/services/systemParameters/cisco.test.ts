import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CISCO, ciscoProblems, type CiscoDraft } from '../../contract';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { addOutboundCa } from '../../connectors/http/outbound';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { startAxlStandIn, type AxlStandIn } from '../../testing/axl/axlStandIn';
import { testCa } from '../../testing/testCa';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { parseCcmVersion, parseFault } from './ciscoAxl';
import { ciscoSecretKey } from './cisco';

const PASSWORD = 'Cti-secret-7';

describe('AXL envelopes (pure)', () => {
  it("reads getCCMVersion's version and a SOAP Fault's faultstring", () => {
    const ok =
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:getCCMVersionResponse xmlns:ns="http://www.cisco.com/AXL/API/12.5"><return><componentVersion><version>12.5.1.11900(146)</version></componentVersion></return></ns:getCCMVersionResponse></soapenv:Body></soapenv:Envelope>';
    expect(parseCcmVersion(ok)).toBe('12.5.1.11900(146)');
    expect(parseFault(ok)).toBeNull();
    const fault =
      '<soapenv:Envelope xmlns:soapenv="x"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>bad &amp; worse</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
    expect(parseFault(fault)).toBe('bad & worse');
  });
});

describe.each(ENGINES)('Cisco IP Telephony / AXL (%s)', (engine) => {
  let admin: TestConsole, tenantAdmin: TestConsole, nw: TestConsole, supervisor: TestConsole;
  let db: Awaited<ReturnType<typeof seededDb>>;
  let axl: AxlStandIn, untrusted: AxlStandIn;
  const keychain = createKeychainStore();
  const user = `axl-${engine}-${process.pid}`;
  const draft = (over: Partial<CiscoDraft> = {}): CiscoDraft => ({
    ...structuredClone(DEFAULT_CISCO),
    systemName: 'CUCM 12.5',
    pbxAddress: axl.host,
    axlPort: axl.port,
    axlUsername: user,
    password: PASSWORD,
    ...over,
  });

  beforeAll(async () => {
    addOutboundCa(testCa().caPem);
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
    axl = await startAxlStandIn({ username: user, password: PASSWORD });
    untrusted = await startAxlStandIn({ username: user, password: PASSWORD, untrusted: true });
  }, 120_000);
  afterAll(async () => {
    for (const port of [axl?.port, untrusted?.port])
      if (port) await keychain.clear(ciscoSecretKey(1, { pbxAddress: '127.0.0.1', axlPort: port, axlUsername: user }));
    await Promise.all([
      admin?.stop(),
      tenantAdmin?.stop(),
      nw?.stop(),
      supervisor?.stop(),
      axl?.close(),
      untrusted?.close(),
    ]);
  });

  const k = () => admin.core.data.require().kysely;

  it('the table (migration 027): one row per tenant; only the Cisco page', async () => {
    const row = { tenant_id: 2, page: 'ciscoTelephony' as const, value: '{}', updated_at: 'now', updated_by: 't' };
    await k().insertInto('system_cisco').values(row).execute();
    await expect(k().insertInto('system_cisco').values(row).execute()).rejects.toThrow();
    await expect(
      k()
        .insertInto('system_cisco')
        .values({ ...row, tenant_id: 1, page: 'proxy' as never })
        .execute(),
    ).rejects.toThrow();
    await k().deleteFrom('system_cisco').execute();
  });

  it('defaults with System read; saved per tenant, the password in the keychain only (bound to host:port and user); audit has no password; stale refused', async () => {
    const doc = (await supervisor.call('systemParameters', 'getCiscoTelephony')).value;
    expect(doc).toMatchObject({ tenantId: 1, version: 0, passwordSet: false, settings: { axlPort: 8443 } });
    const saved = await tenantAdmin.call('systemParameters', 'saveCiscoTelephony', {
      expectedVersion: 0,
      draft: draft({ roles: ['axlApi', 'ctiEnabled'] }),
    });
    expect(saved.error).toBeUndefined();
    expect(saved.value).toMatchObject({ version: 1, passwordSet: true, settings: { roles: ['axlApi', 'ctiEnabled'] } });
    expect(JSON.stringify(saved.value)).not.toContain(PASSWORD);
    expect(await keychain.get(ciscoSecretKey(1, saved.value.settings))).toBe(PASSWORD);
    const row = await k().selectFrom('system_cisco').selectAll().executeTakeFirstOrThrow();
    expect(row.value).not.toContain(PASSWORD);
    const audit = await k().selectFrom('audit_log').selectAll().where('object_type', '=', 'cisco-telephony').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ newLogonEntered: true, axlUsername: user });
    const stale = await tenantAdmin.call('systemParameters', 'saveCiscoTelephony', {
      expectedVersion: 0,
      draft: draft(),
    });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    expect((await nw.call('systemParameters', 'getCiscoTelephony')).value.version).toBe(0);
  });

  it('keeps the stored password only for the same PBX address, port and username (another host must re-enter it)', async () => {
    const kept = await tenantAdmin.call('systemParameters', 'saveCiscoTelephony', {
      expectedVersion: 1,
      draft: draft({ systemName: 'CUCM 14', password: null }),
    });
    expect(kept.value).toMatchObject({ version: 2, passwordSet: true });
    const moved = await tenantAdmin.call('systemParameters', 'saveCiscoTelephony', {
      expectedVersion: 2,
      draft: draft({ pbxAddress: 'cucm.attacker.example', password: null }),
    });
    expect(moved.error).toMatchObject({ code: 'INVALID', field: 'password', details: { rule: 'secretHost' } });
    const test = await tenantAdmin.call('systemParameters', 'testCiscoAxl', {
      draft: draft({ axlPort: untrusted.port, password: null }),
    });
    expect(test.error).toMatchObject({ code: 'INVALID', field: 'password', details: { rule: 'secretHost' } });
    expect(untrusted.requests).toHaveLength(0);
  });

  it('refuses a System reader and another tenant (not a host administrator)', async () => {
    const r = await supervisor.call('systemParameters', 'saveCiscoTelephony', { expectedVersion: 2, draft: draft() });
    expect(r.error).toMatchObject({ code: 'FORBIDDEN' });
    const t = await supervisor.call('systemParameters', 'testCiscoAxl', { draft: draft() });
    expect(t.error).toMatchObject({ code: 'FORBIDDEN' });
    const other = await nw.call('systemParameters', 'getCiscoTelephony', { tenantId: 1 });
    expect(other.error).toMatchObject({ code: 'FORBIDDEN', field: 'tenantId' });
    const cert = await nw.call('systemParameters', 'fetchCiscoCertificate', {
      tenantId: 1,
      host: axl.host,
      port: axl.port,
    });
    expect(cert.error).toMatchObject({ code: 'FORBIDDEN', field: 'tenantId' });
    expect((await admin.call('systemParameters', 'getCiscoTelephony', { tenantId: 1 })).value.version).toBe(2);
  });

  const rules: [string, Partial<CiscoDraft>, string, string][] = [
    ['System name is mandatory', { systemName: ' ' }, 'systemName', 'System name is mandatory'],
    ['PBX address is mandatory', { pbxAddress: '' }, 'pbxAddress', 'PBX address is mandatory'],
    ['PBX address with a scheme', { pbxAddress: 'https://cucm/axl' }, 'pbxAddress', 'IP address or DNS name only'],
    [
      'failover address not a host',
      { failoverAddress: 'cucm sub' },
      'failoverAddress',
      'failover address must be an IP',
    ],
    ['failover address = PBX address', { failoverAddress: '127.0.0.1' }, 'failoverAddress', 'another Cisco UCM node'],
    ['voicemail number with letters', { voicemailNumber: '*99a' }, 'voicemailNumber', 'voicemail pilot number'],
    ['MWI address with letters', { mwiAddress: '99x' }, 'mwiAddress', 'prefix of the MWI pattern'],
    ['AXL port 0', { axlPort: 0 }, 'axlPort', 'from 1 to 65535'],
    ['AXL port missing', { axlPort: null }, 'axlPort', 'from 1 to 65535'],
    ['AXL version not a schema version', { axlVersion: '12' }, 'axlVersion', 'such as 12.5'],
    ['username with a colon', { axlUsername: 'a:b' }, 'axlUsername', 'cannot contain spaces or ":"'],
    ['a role listed twice', { roles: ['axlApi', 'axlApi'] }, 'roles', 'listed once'],
    [
      'a trusted certificate that is not a SHA-256',
      { trusted: { host: '127.0.0.1', port: 1, sha256: 'AB', subject: '' } },
      'trusted',
      'SHA-256 fingerprint',
    ],
  ];
  it.each(rules)('refuses: %s', async (_name, over, field, text) => {
    const d = draft(over);
    const r = await tenantAdmin.call('systemParameters', 'saveCiscoTelephony', { expectedVersion: 2, draft: d });
    expect(r.error).toMatchObject({ code: 'INVALID', field });
    expect(r.error!.message).toContain(text);
    expect(ciscoProblems(d, true)[0]?.field ?? 'trusted').toBe(field);
  });

  it('refuses: CallManager Password is mandatory with a CallManager Username (nothing stored for that user)', async () => {
    const r = await nw.call('systemParameters', 'saveCiscoTelephony', {
      expectedVersion: 0,
      draft: draft({ password: null }),
    });
    expect(r.error).toMatchObject({ code: 'INVALID', field: 'password' });
    expect(r.error!.message).toContain('CallManager Password is mandatory');
  });

  it('refuses: a trusted certificate of another host:port than the PBX address', async () => {
    const sha = Array(32).fill('AB').join(':');
    const r = await tenantAdmin.call('systemParameters', 'saveCiscoTelephony', {
      expectedVersion: 2,
      draft: draft({ trusted: { host: 'other.example', port: axl.port, sha256: sha, subject: 'CN=x' } }),
    });
    expect(r.error).toMatchObject({ code: 'INVALID', field: 'trusted' });
    expect(r.error!.message).toBe(
      `The trusted certificate is for other.example:${axl.port}: download the certificate of ` +
        `127.0.0.1:${axl.port} or remove the trust.`,
    );
  });

  it('Test: getCCMVersion with the real envelope, SOAPAction and basic auth answers the version (stored password)', async () => {
    const before = axl.requests.length;
    const r = await tenantAdmin.call('systemParameters', 'testCiscoAxl', { draft: draft({ password: null }) });
    expect(r.value).toEqual({
      ok: true,
      stage: 'ok',
      message: 'AXL answered: Cisco UCM 12.5.1.11900(146).',
      version: '12.5.1.11900(146)',
    });
    const req = axl.requests[before]!;
    expect(req.soapAction).toBe('"CUCM:DB ver=12.5 getCCMVersion"');
    expect(req.authorization).toBe(`Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`);
    expect(req.body).toContain('xmlns:ns="http://www.cisco.com/AXL/API/12.5"');
    expect(req.body).toContain('<ns:getCCMVersion>');
  });

  it('Test names what failed: the credentials (401), the SOAP Fault of a wrong AXL version, TLS, the connection', async () => {
    const auth = await tenantAdmin.call('systemParameters', 'testCiscoAxl', { draft: draft({ password: 'wrong' }) });
    expect(auth.value).toMatchObject({ ok: false, stage: 'auth' });
    expect(auth.value.message).toContain('refused the CallManager Username and Password (HTTP 401)');
    const fault = await tenantAdmin.call('systemParameters', 'testCiscoAxl', { draft: draft({ axlVersion: '9.9' }) });
    expect(fault.value).toMatchObject({ ok: false, stage: 'fault' });
    expect(fault.value.message).toContain('SOAP Fault: The endpoint reference (EPR) for the Operation not found');
    expect(fault.value.message).toContain('CUCM:DB ver=9.9 getCCMVersion');
    const tls = await tenantAdmin.call('systemParameters', 'testCiscoAxl', {
      draft: draft({ axlPort: untrusted.port }),
    });
    expect(tls.value).toMatchObject({ ok: false, stage: 'tls' });
    expect(tls.value.message).toContain('TLS: the certificate of 127.0.0.1:');
    expect(untrusted.requests).toHaveLength(0);
    const closed = await untrusted.close().then(() => 0);
    expect(closed).toBe(0);
    const net = await tenantAdmin.call('systemParameters', 'testCiscoAxl', {
      draft: draft({ axlPort: untrusted.port }),
    });
    expect(net.value).toMatchObject({ ok: false, stage: 'network' });
    untrusted = await startAxlStandIn({ username: user, password: PASSWORD, untrusted: true });
  });

  it('certificate: download shows subject, issuer, validity and SHA-256; once trusted, a Test accepts only that certificate', async () => {
    const c = await tenantAdmin.call('systemParameters', 'fetchCiscoCertificate', { host: axl.host, port: axl.port });
    expect(c.error).toBeUndefined();
    expect(c.value.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(c.value.subject).toContain('CN=');
    expect(c.value.issuer).not.toBe(c.value.subject);
    expect(Date.parse(c.value.validTo)).toBeGreaterThan(Date.now());
    const trusted = { host: axl.host, port: axl.port, sha256: c.value.sha256, subject: c.value.subject };
    const saved = await tenantAdmin.call('systemParameters', 'saveCiscoTelephony', {
      expectedVersion: 2,
      draft: draft({ trusted, password: null }),
    });
    expect(saved.value).toMatchObject({ version: 3, settings: { trusted } });
    const ok = await tenantAdmin.call('systemParameters', 'testCiscoAxl', {
      draft: draft({ trusted, password: null }),
    });
    expect(ok.value).toMatchObject({ ok: true });
    const before = axl.requests.length;
    const pinned = await tenantAdmin.call('systemParameters', 'testCiscoAxl', {
      draft: draft({ trusted: { ...trusted, sha256: Array(32).fill('00').join(':') }, password: null }),
    });
    expect(pinned.value).toMatchObject({ ok: false, stage: 'pin' });
    expect(pinned.value.message).toContain(`another certificate than the one you trusted (SHA-256 ${c.value.sha256})`);
    expect(axl.requests.length).toBe(before);
    const none = await tenantAdmin.call('systemParameters', 'fetchCiscoCertificate', { host: 'https://x', port: 1 });
    expect(none.error).toMatchObject({ code: 'INVALID', field: 'pbxAddress' });
  });

  it('a self-signed server the administrator trusted: the Test goes through on the pinned connection; untrusted, TLS refuses it', async () => {
    const at = { axlPort: untrusted.port };
    const refused = await tenantAdmin.call('systemParameters', 'testCiscoAxl', { draft: draft(at) });
    expect(refused.value).toMatchObject({ ok: false, stage: 'tls' });
    expect(untrusted.requests).toHaveLength(0);
    const c = await tenantAdmin.call('systemParameters', 'fetchCiscoCertificate', {
      host: untrusted.host,
      port: untrusted.port,
    });
    const trusted = { host: untrusted.host, port: untrusted.port, sha256: c.value.sha256, subject: c.value.subject };
    const ok = await tenantAdmin.call('systemParameters', 'testCiscoAxl', { draft: draft({ ...at, trusted }) });
    expect(ok.value).toMatchObject({ ok: true, stage: 'ok' });
    expect(untrusted.requests).toHaveLength(1);
  });
});
