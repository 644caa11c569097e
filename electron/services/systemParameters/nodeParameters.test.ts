import { X509Certificate, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_ID_MAX,
  CLIENT_SECRET_MAX,
  certificateDaysLeft,
  certificateNameChanged,
  cloudAuthProblems,
  defaultBaseUrl,
  webServerProblems,
  type SecureCertificate,
} from '../../contract';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { seededDb, signIn, startConsole, switchableKeychain, type TestConsole } from '../testing/harness';
import { cloudSecretKey } from './nodeParameters';
import {
  buildSelfSigned,
  certificateKeyName,
  fiveYearsFrom,
  generateSecureCertificate,
  keyForKeychain,
  keyFromKeychain,
} from './secureCertificate';

describe('secure communications certificate (pure)', () => {
  it('RSA 2048 / SHA-256, self-signed, CN = the computer name, 5 years, the fingerprint of its DER; the key rebuilt from the keychain form matches', async () => {
    const at = new Date('2026-02-28T10:20:30.000Z');
    const { certificate: c, keychainValue } = await generateSecureCertificate('WIN-TN8S35M6791', at);
    const x = new X509Certificate(c.pem);
    expect(x.subject).toBe('CN=WIN-TN8S35M6791');
    expect(x.issuer).toBe(x.subject);
    expect(x.ca).toBe(false);
    expect(x.subjectAltName).toBe('DNS:WIN-TN8S35M6791');
    expect(x.publicKey.asymmetricKeyType).toBe('rsa');
    expect(x.publicKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    expect(x.verify(x.publicKey)).toBe(true);
    expect(new Date(x.validFrom).toISOString()).toBe(at.toISOString());
    expect(new Date(x.validTo).toISOString()).toBe('2031-02-28T10:20:30.000Z');
    expect(c).toMatchObject({
      commonName: 'WIN-TN8S35M6791',
      validFrom: at.toISOString(),
      validTo: '2031-02-28T10:20:30.000Z',
    });
    expect(c.sha256).toBe(x.fingerprint256);
    expect(c.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // Only the public part in the PEM.
    expect(c.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    expect(c.pem).not.toContain('PRIVATE');
    // Small enough for Windows Credential Manager (2,560 bytes as UTF-16).
    expect(keychainValue.length * 2).toBeLessThan(2560);
    const key = keyFromKeychain(keychainValue);
    expect(x.checkPrivateKey(key)).toBe(true);
    expect(createPublicKey(key).export({ type: 'spki', format: 'der' })).toEqual(
      x.publicKey.export({ type: 'spki', format: 'der' }),
    );
  });

  it('a date from 2050 is a GeneralizedTime; a leap day plus 5 years is 1 March; a name that is no DNS name gets no SAN', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const der = buildSelfSigned({
      commonName: 'my_pc',
      notBefore: new Date('2048-01-01T00:00:00Z'),
      notAfter: fiveYearsFrom(new Date('2048-01-01T00:00:00Z')),
      publicKey,
      privateKey,
    });
    const x = new X509Certificate(der);
    expect(new Date(x.validTo).toISOString()).toBe('2053-01-01T00:00:00.000Z');
    expect(x.subjectAltName).toBeUndefined();
    expect(x.checkPrivateKey(keyFromKeychain(keyForKeychain(privateKey)))).toBe(true);
    expect(fiveYearsFrom(new Date('2028-02-29T00:00:00Z')).toISOString()).toBe('2033-03-01T00:00:00.000Z');
  });

  it('days left, and the computer-name change the page warns about', () => {
    const c: SecureCertificate = {
      commonName: 'PC1',
      validFrom: '2026-01-01T00:00:00Z',
      validTo: '2026-04-01T00:00:00Z',
      sha256: '',
    };
    expect(certificateDaysLeft(c.validTo, Date.parse('2026-01-01T00:00:00Z'))).toBe(90);
    expect(certificateDaysLeft(c.validTo, Date.parse('2026-04-02T00:00:00Z'))).toBe(-1);
    expect(certificateNameChanged(c, 'pc1')).toBe(false);
    expect(certificateNameChanged(c, 'PC2')).toBe(true);
  });
});

describe('cloud services authentication data and web server base URL rules (pure)', () => {
  const cloud: [string, { clientId: string; clientSecret: string }, string, RegExp][] = [
    ['both empty', { clientId: '', clientSecret: '' }, 'clientId', /^Client ID is mandatory: fill both/],
    [
      'secret without ID',
      { clientId: '  ', clientSecret: 's' },
      'clientId',
      /^Client ID is mandatory with the Client secret/,
    ],
    [
      'ID without secret',
      { clientId: 'id', clientSecret: ' ' },
      'clientSecret',
      /^Client secret is mandatory with the Client ID/,
    ],
    [
      'ID too long',
      { clientId: 'i'.repeat(CLIENT_ID_MAX + 1), clientSecret: 's' },
      'clientId',
      /^Client ID is at most 150/,
    ],
    [
      'secret too long',
      { clientId: 'i', clientSecret: 's'.repeat(CLIENT_SECRET_MAX + 1) },
      'clientSecret',
      /^Client secret is at most 512/,
    ],
    [
      'control character in ID',
      { clientId: 'a\u0007b', clientSecret: 's' },
      'clientId',
      /^Client ID cannot contain control/,
    ],
    [
      'control character in secret',
      { clientId: 'a', clientSecret: 's\u0000t' },
      'clientSecret',
      /^Client secret cannot contain control/,
    ],
  ];
  it.each(cloud)('Cloud: %s', (_name, draft, field, message) => {
    const p = cloudAuthProblems(draft);
    expect(p[0]).toMatchObject({ field });
    expect(p[0]!.message).toMatch(message);
  });
  it('Cloud: trimmed values within the limits pass', () => {
    expect(cloudAuthProblems({ clientId: ' id ', clientSecret: ` ${'s'.repeat(CLIENT_SECRET_MAX)} ` })).toEqual([]);
  });

  const web: [string, string, RegExp][] = [
    ['empty', '  ', /^Web server base URL is mandatory: enter it in this order: https:\/\/example\.com/],
    ['too long', `https://a.example/${'x'.repeat(2000)}`, /^Web server base URL is at most 2000 characters/],
    ['a space', 'https://a example.com', /^Web server base URL cannot contain spaces/],
    ['http', 'http://console.example.com', /^Web server base URL must be an absolute https:\/\/ URL/],
    ['not absolute', 'console.example.com/ccm', /^Web server base URL must be an absolute https:\/\/ URL/],
    ['not in this order', 'https:console.example.com', /^Web server base URL must be an absolute https:\/\/ URL/],
    ['not a URL', 'https://exa[mple.com', /^Web server base URL is not a valid URL/],
    [
      'credentials',
      'https://admin:pw@console.example.com/',
      /^Web server base URL cannot contain a user name or password/,
    ],
    ['user only', 'https://admin@console.example.com/', /^Web server base URL cannot contain a user name or password/],
    ['fragment', 'https://console.example.com/ccm#top', /^Web server base URL cannot contain a fragment/],
    ['query', 'https://console.example.com/ccm?x=1', /^Web server base URL cannot contain a query/],
  ];
  it.each(web)('Web server: %s', (_name, url, message) => {
    const p = webServerProblems(url);
    expect(p[0]).toMatchObject({ field: 'baseUrl' });
    expect(p[0]!.message).toMatch(message);
  });
  it('Web server: https URLs with a port and a path pass; the default is https://<computer name>', () => {
    expect(webServerProblems('https://test.imagicle.com')).toEqual([]);
    expect(webServerProblems(' https://console.example.com:8443/ccm/ ')).toEqual([]);
    expect(defaultBaseUrl('WIN-TN8S35M6791')).toBe('https://win-tn8s35m6791');
  });
});

describe.each(ENGINES)('installation parameters: certificate, cloud credentials, web server (%s)', (engine) => {
  let admin: TestConsole, tenantAdmin: TestConsole, supervisor: TestConsole, adminNoKeychain: TestConsole;
  const keychain = createKeychainStore();
  // A host administrator's console whose keychain the test can stop.
  const stoppable = switchableKeychain();
  const clientId = `ccm-test-${engine}-${process.pid}`;
  const SECRET = `Cl0ud-secret-${process.pid}`;
  const certKeys: string[] = [];

  beforeAll(async () => {
    const db = await seededDb(engine);
    [admin, tenantAdmin, supervisor, adminNoKeychain] = await Promise.all([
      startConsole(db),
      startConsole(db),
      startConsole(db),
      startConsole(db, [], { secrets: stoppable }),
    ]);
    await signIn(admin, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    await signIn(adminNoKeychain, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    await signIn(tenantAdmin, 'expiring', DEMO_ACCOUNTS.expiring.password);
    await signIn(supervisor, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
  }, 120_000);
  afterAll(async () => {
    for (const key of [...certKeys, cloudSecretKey(clientId)]) await keychain.clear(key).catch(() => {});
    await Promise.all([admin?.stop(), tenantAdmin?.stop(), supervisor?.stop(), adminNoKeychain?.stop()]);
  });
  const k = () => admin.core.data.require().kysely;
  const auditOf = (type: string) => k().selectFrom('audit_log').selectAll().where('object_type', '=', type).execute();

  it('the table (migration 029): one row per page, installation-wide only, only its three pages', async () => {
    const row = { tenant_id: null, page: 'webServer' as const, value: '{}', updated_at: 'now', updated_by: 't' };
    await k().insertInto('system_node').values(row).execute();
    await expect(k().insertInto('system_node').values(row).execute()).rejects.toThrow();
    await expect(
      k()
        .insertInto('system_node')
        .values({ ...row, page: 'cloudAuth', tenant_id: 1 as never })
        .execute(),
    ).rejects.toThrow();
    await expect(
      k()
        .insertInto('system_node')
        .values({ ...row, page: 'proxy' as never })
        .execute(),
    ).rejects.toThrow();
    await k().deleteFrom('system_node').execute();
  });

  describe('Secure communications certificate', () => {
    let first: string;

    it('with the keychain unavailable, generating is refused (UNAVAILABLE) and no certificate is stored', async () => {
      stoppable.down = true;
      try {
        const r = await adminNoKeychain.call('systemParameters', 'generateSecureCertificate', { expectedVersion: 0 });
        expect(r.error).toMatchObject({ code: 'UNAVAILABLE' });
        expect(r.error?.message).toMatch(
          /^The keychain is not available, so the certificate’s private key cannot be stored/,
        );
      } finally {
        stoppable.down = false;
      }
      expect(await k().selectFrom('system_node').selectAll().where('page', '=', 'secureCertificate').execute()).toEqual(
        [],
      );
      expect(await auditOf('secure-certificate')).toEqual([]);
    });

    it('none until a host administrator generates it; a reader sees it and may download it, but not generate one', async () => {
      const none = (await supervisor.call('systemParameters', 'getSecureCertificate')).value;
      expect(none).toMatchObject({ certificate: null, version: 0, mayChange: false, hostname: hostname() });
      const refused = await supervisor.call('systemParameters', 'generateSecureCertificate', { expectedVersion: 0 });
      expect(refused.error).toMatchObject({ code: 'FORBIDDEN' });
      expect((await supervisor.call('systemParameters', 'exportSecureCertificate')).error).toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('generates: CN = os.hostname(), 5 years, fingerprint of the stored PEM; the private key in the keychain only (not in the row, the audit or the answer)', async () => {
      const r = await admin.call('systemParameters', 'generateSecureCertificate', { expectedVersion: 0 });
      expect(r.error).toBeUndefined();
      const doc = r.value;
      expect(doc).toMatchObject({ version: 1, mayChange: true, keyOnThisComputer: true });
      const c = doc.certificate!;
      first = c.sha256;
      certKeys.push(certificateKeyName(c.sha256));
      expect(c.commonName).toBe(hostname().slice(0, 64));
      const years = new Date(c.validFrom);
      years.setUTCFullYear(years.getUTCFullYear() + 5);
      expect(c.validTo).toBe(years.toISOString());

      const pem = (await supervisor.call('systemParameters', 'exportSecureCertificate')).value;
      expect(pem.fileName).toMatch(/-certificate\.pem$/);
      const x = new X509Certificate(pem.text);
      expect(x.subject).toBe(`CN=${c.commonName}`);
      expect(x.fingerprint256).toBe(c.sha256);
      expect(Date.parse(x.validTo) - Date.parse(x.validFrom)).toBe(Date.parse(c.validTo) - Date.parse(c.validFrom));
      const stored = await keychain.get(certificateKeyName(c.sha256));
      expect(stored).not.toBeNull();
      expect(x.checkPrivateKey(keyFromKeychain(stored!))).toBe(true);

      const rows = await k().selectFrom('system_node').selectAll().execute();
      const audit = await auditOf('secure-certificate');
      expect(audit).toHaveLength(1);
      const text = JSON.stringify([rows, audit, doc, pem]);
      expect(text).not.toContain(stored!);
      for (const part of Object.values(JSON.parse(stored!) as Record<string, string>)) expect(text).not.toContain(part);
      expect(text).not.toMatch(/PRIVATE KEY/);
      expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ certificate: { sha256: c.sha256 } });
    });

    it('regenerate: a tenant Administrator (System write, not host administrator) is refused; stale refused; a new fingerprint, the old key removed', async () => {
      const tenant = await tenantAdmin.call('systemParameters', 'generateSecureCertificate', { expectedVersion: 1 });
      expect(tenant.error).toMatchObject({ code: 'FORBIDDEN' });
      expect(tenant.error!.message).toMatch(/host administrator/);
      expect((await admin.call('systemParameters', 'getSecureCertificate')).value.certificate!.sha256).toBe(first);
      const stale = await admin.call('systemParameters', 'generateSecureCertificate', { expectedVersion: 0 });
      expect(stale.error).toMatchObject({ code: 'CONFLICT' });
      const again = await admin.call('systemParameters', 'generateSecureCertificate', { expectedVersion: 1 });
      expect(again.value).toMatchObject({ version: 2, keyOnThisComputer: true });
      const sha = again.value.certificate!.sha256;
      certKeys.push(certificateKeyName(sha));
      expect(sha).not.toBe(first);
      expect(await keychain.get(certificateKeyName(first))).toBeNull();
      expect(await keychain.get(certificateKeyName(sha))).not.toBeNull();
      const after = new X509Certificate((await admin.call('systemParameters', 'exportSecureCertificate')).value.text);
      expect(after.fingerprint256).toBe(sha);
      expect(await auditOf('secure-certificate')).toHaveLength(2);
    });
  });

  describe('Cloud services authentication data', () => {
    it('not set; a tenant Administrator and a reader are refused (save and forget)', async () => {
      expect((await supervisor.call('systemParameters', 'getCloudAuth')).value).toMatchObject({
        clientId: null,
        secretSet: false,
        version: 0,
        mayChange: false,
      });
      const draft = { clientId, clientSecret: SECRET };
      for (const c of [tenantAdmin, supervisor]) {
        expect((await c.call('systemParameters', 'saveCloudAuth', { expectedVersion: 0, draft })).error).toMatchObject({
          code: 'FORBIDDEN',
        });
        expect((await c.call('systemParameters', 'forgetCloudAuth', { expectedVersion: 0 })).error).toMatchObject({
          code: 'FORBIDDEN',
        });
      }
      expect(
        (await tenantAdmin.call('systemParameters', 'saveCloudAuth', { expectedVersion: 0, draft })).error!.message,
      ).toMatch(/host administrator/);
      expect(await keychain.get(cloudSecretKey(clientId))).toBeNull();
    });

    it('main refuses each rule naming the field (nothing stored)', async () => {
      const cases: [{ clientId: string; clientSecret: string }, string, RegExp][] = [
        [{ clientId, clientSecret: '' }, 'clientSecret', /Client secret is mandatory/],
        [{ clientId: '', clientSecret: SECRET }, 'clientId', /Client ID is mandatory/],
        [{ clientId: 'x'.repeat(151), clientSecret: SECRET }, 'clientId', /at most 150/],
        [{ clientId: 'a\tb', clientSecret: SECRET }, 'clientId', /control characters/],
      ];
      for (const [draft, field, message] of cases) {
        const r = await admin.call('systemParameters', 'saveCloudAuth', { expectedVersion: 0, draft });
        expect(r.error).toMatchObject({ code: 'INVALID', field });
        expect(r.error!.message).toMatch(message);
      }
      expect((await admin.call('systemParameters', 'getCloudAuth')).value.version).toBe(0);
    });

    it('with the keychain unavailable, saving is refused (UNAVAILABLE): no row, no audit, no secret', async () => {
      stoppable.down = true;
      try {
        const r = await adminNoKeychain.call('systemParameters', 'saveCloudAuth', {
          expectedVersion: 0,
          draft: { clientId, clientSecret: SECRET },
        });
        expect(r.error).toMatchObject({ code: 'UNAVAILABLE' });
        expect(r.error?.message).toMatch(/^The keychain is not available, so the Client secret cannot be saved/);
        expect(r.error?.message).not.toContain(SECRET);
      } finally {
        stoppable.down = false;
      }
      expect(await k().selectFrom('system_node').selectAll().where('page', '=', 'cloudAuth').execute()).toEqual([]);
      expect(await auditOf('cloud-auth')).toEqual([]);
      expect(await keychain.get(cloudSecretKey(clientId))).toBeNull();
    });

    it('saves trimmed: the secret in the keychain only, bound to the Client ID; never in the answer, the row or the audit; Forget first to change', async () => {
      const r = await admin.call('systemParameters', 'saveCloudAuth', {
        expectedVersion: 0,
        draft: { clientId: ` ${clientId} `, clientSecret: ` ${SECRET} ` },
      });
      expect(r.error).toBeUndefined();
      expect(r.value).toMatchObject({ clientId, secretSet: true, version: 1 });
      expect(await keychain.get(cloudSecretKey(clientId))).toBe(SECRET);
      const rows = await k().selectFrom('system_node').selectAll().execute();
      const audit = await auditOf('cloud-auth');
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ clientId, keychainEntry: true });
      expect(
        JSON.stringify([r.value, rows, audit, (await supervisor.call('systemParameters', 'getCloudAuth')).value]),
      ).not.toContain(SECRET);
      const change = await admin.call('systemParameters', 'saveCloudAuth', {
        expectedVersion: 1,
        draft: { clientId: 'other', clientSecret: 'other-secret' },
      });
      expect(change.error).toMatchObject({ code: 'INVALID', field: 'clientId', details: { rule: 'forgetFirst' } });
      expect(await keychain.get(cloudSecretKey('other'))).toBeNull();
    });

    it('with the keychain unavailable, Forget is refused (UNAVAILABLE) and both stay', async () => {
      stoppable.down = true;
      try {
        const r = await adminNoKeychain.call('systemParameters', 'forgetCloudAuth', { expectedVersion: 1 });
        expect(r.error).toMatchObject({ code: 'UNAVAILABLE' });
        expect(r.error?.message).toMatch(/^The keychain is not available, so the Client secret cannot be removed/);
      } finally {
        stoppable.down = false;
      }
      expect((await admin.call('systemParameters', 'getCloudAuth')).value).toMatchObject({
        clientId,
        secretSet: true,
        version: 1,
      });
      expect(await keychain.get(cloudSecretKey(clientId))).toBe(SECRET);
    });

    it('Forget removes both: the Client ID from the row and the secret from the keychain (stale refused)', async () => {
      expect((await admin.call('systemParameters', 'forgetCloudAuth', { expectedVersion: 0 })).error).toMatchObject({
        code: 'CONFLICT',
      });
      expect(await keychain.get(cloudSecretKey(clientId))).toBe(SECRET);
      const r = await admin.call('systemParameters', 'forgetCloudAuth', { expectedVersion: 1 });
      expect(r.value).toMatchObject({ clientId: null, secretSet: false, version: 2 });
      expect(await keychain.get(cloudSecretKey(clientId))).toBeNull();
      expect(JSON.stringify(await auditOf('cloud-auth'))).not.toContain(SECRET);
    });
  });

  describe('Web server settings', () => {
    it('the default is https://<computer name>; readers and tenant Administrators cannot save or forget', async () => {
      expect((await supervisor.call('systemParameters', 'getWebServer')).value).toMatchObject({
        baseUrl: null,
        defaultUrl: `https://${hostname().toLowerCase()}`,
        mayChange: false,
        version: 0,
      });
      for (const c of [tenantAdmin, supervisor]) {
        const s = await c.call('systemParameters', 'saveWebServer', {
          expectedVersion: 0,
          baseUrl: 'https://a.example',
        });
        expect(s.error).toMatchObject({ code: 'FORBIDDEN' });
        const f = await c.call('systemParameters', 'forgetWebServer', { expectedVersion: 0 });
        expect(f.error).toMatchObject({ code: 'FORBIDDEN' });
      }
    });

    it.each([
      ['http://a.example', /must be an absolute https:\/\//],
      ['https://u:p@a.example', /user name or password/],
      ['https://a.example/#x', /fragment/],
      ['', /is mandatory/],
    ])('main refuses %s naming the field', async (baseUrl, message) => {
      const r = await admin.call('systemParameters', 'saveWebServer', { expectedVersion: 0, baseUrl });
      expect(r.error).toMatchObject({ code: 'INVALID', field: 'baseUrl' });
      expect(r.error!.message).toMatch(/^Web server base URL /);
      expect(r.error!.message).toMatch(message);
    });

    it('saves (trimmed, audited), refuses a stale save, and Forget reverts to the default', async () => {
      const r = await admin.call('systemParameters', 'saveWebServer', {
        expectedVersion: 0,
        baseUrl: ' https://test.example.com/ccm ',
      });
      expect(r.value).toMatchObject({ baseUrl: 'https://test.example.com/ccm', version: 1 });
      const stale = await admin.call('systemParameters', 'saveWebServer', {
        expectedVersion: 0,
        baseUrl: 'https://b.example',
      });
      expect(stale.error).toMatchObject({ code: 'CONFLICT' });
      const f = await admin.call('systemParameters', 'forgetWebServer', { expectedVersion: 1 });
      expect(f.value).toMatchObject({ baseUrl: null, version: 2, defaultUrl: `https://${hostname().toLowerCase()}` });
      const audit = await auditOf('web-server-settings');
      expect(audit.map((a) => JSON.parse(a.after_json!))).toEqual([
        { baseUrl: 'https://test.example.com/ccm' },
        { baseUrl: null },
      ]);
    });
  });
});
