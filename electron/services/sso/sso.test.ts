import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import {
  ATTACKER_CERT,
  ATTACKER_KEY,
  EXPIRED_SIGNER_CERT,
  FUTURE_SIGNER_CERT,
  IDP_CERT,
  OLD_KEY,
  ROLLOVER_CERT,
} from '../../domain/sso/testing/certs';
import {
  idpMetadataXml,
  responseXml,
  sign,
  TEST_IDP_ENTITY,
  TEST_SP_HOST,
  WINDOWS_ACCOUNT,
} from '../../domain/sso/testing/samlFactory';
import { seededDb, signIn, startConsole, type ArgsOf, type SeededDb, type TestConsole } from '../testing/harness';
import { circuitSecretKey } from './ssoService';
import { createKeychainStore } from '../../connectors/keychain/secretStore';

const { hostAdmin, supervisor, northwindAdmin } = DEMO_ACCOUNTS;
const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

// SAML 2.0, OpenID Connect and Circuit configuration through the real router, on SQLite and PostgreSQL.
describe.each(ENGINES)('single sign-on configuration on %s', (engine) => {
  let c: TestConsole;
  let db: SeededDb;
  beforeAll(async () => {
    db = await seededDb(engine, 6);
    c = await startConsole(db);
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => {
    await createKeychainStore().clear(circuitSecretKey('test', 1));
    await c.stop();
  });
  const as = async (who: { logonId: string; password: string }, tenantId = 1) => {
    await c.call('auth', 'signOut');
    await signIn(c, who.logonId, who.password, tenantId);
  };

  it('Service Providers: https Host URL required, duplicates refused (ignoring case), metadata generated, audited', async () => {
    await as(hostAdmin);
    expect((await c.call('sso', 'saveServiceProvider', { hostUrl: 'http://app01/agentportal' })).error).toMatchObject({
      field: 'hostUrl',
      message: 'Host url must be an https URL.',
    });
    expect((await c.call('sso', 'saveServiceProvider', { hostUrl: '' })).error).toMatchObject({ field: 'hostUrl' });
    expect(
      (await c.call('sso', 'saveServiceProvider', { hostUrl: TEST_SP_HOST, certificate: 'junk!' })).error,
    ).toMatchObject({
      field: 'certificate',
      message: 'Certificate is not base64 (only the certificate’s “hash line” is expected).',
    });
    // The demo has https://app01.demo.example/agentportal (TEST_SP_HOST) already.
    const dup = await c.call('sso', 'saveServiceProvider', {
      hostUrl: TEST_SP_HOST.toUpperCase().replace('HTTPS', 'https'),
    });
    expect(dup.error).toMatchObject({
      field: 'hostUrl',
      message: expect.stringMatching(
        /exists already.*Each Service Provider must be a role of a different Application Server/i,
      ),
    });
    const sp = await c.call('sso', 'saveServiceProvider', {
      hostUrl: 'https://app05.demo.example/agentportal/',
      certificate: IDP_CERT,
    });
    expect(sp.value).toMatchObject({
      hostUrl: 'https://app05.demo.example/agentportal',
      acsUrl: 'https://app05.demo.example/agentportal/saml/SSO',
      certificate: { subject: 'CN=idp.test.example, O=Test' },
      version: 1,
    });
    const second = await c.call('sso', 'saveServiceProvider', { hostUrl: 'https://app02.demo.example/agentportal' });
    expect(second.ok).toBe(true);
    const md = (await c.call('sso', 'serviceProviderMetadata', { id: sp.value.id })).value;
    expect(md.fileName).toBe('OSCC_app05.demo.example_metadata.xml');
    expect(md.xml).toContain('<md:SPSSODescriptor');
    expect(md.xml).toContain(bare(IDP_CERT));
    const edited = await c.call('sso', 'saveServiceProvider', {
      id: second.value.id,
      expectedVersion: 1,
      hostUrl: 'https://app03.demo.example/agentportal',
    });
    expect(edited.value).toMatchObject({ hostUrl: 'https://app03.demo.example/agentportal', version: 2 });
    expect(
      (
        await c.call('sso', 'saveServiceProvider', {
          id: second.value.id,
          expectedVersion: 1,
          hostUrl: 'https://app04.demo.example/agentportal',
        })
      ).error?.code,
    ).toBe('CONFLICT');
    expect((await c.call('sso', 'deleteServiceProvider', { id: second.value.id, expectedVersion: 2 })).ok).toBe(true);
    expect((await c.call('sso', 'listServiceProviders')).value.map((s: { hostUrl: string }) => s.hostUrl)).toEqual([
      TEST_SP_HOST,
      'https://app05.demo.example/agentportal',
    ]);
    const audit = (await c.call('audit', 'query', { objectType: 'saml-service-provider', limit: 10 })).value.rows;
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['delete', 'update', 'create', 'create']);
  });

  it('only a host administrator changes providers; others may read', async () => {
    await as(northwindAdmin, 2);
    expect(
      (await c.call('sso', 'saveServiceProvider', { hostUrl: 'https://x.example/agentportal' })).error,
    ).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/Only a host administrator/) });
    expect((await c.call('sso', 'listServiceProviders')).ok).toBe(true);
    await as(supervisor);
    expect(
      (await c.call('sso', 'importIdentityProvider', { usernameMatch: 'x', metadata: idpMetadataXml() })).error?.code,
    ).toBe('FORBIDDEN');
  });

  it('Identity Providers: manual add with the field rules; import from metadata; re-import updates (rollover); delete refused while used', async () => {
    await as(hostAdmin);
    const manual = (over: object) =>
      c.call('sso', 'saveIdentityProvider', {
        entityId: 'https://manual.example/idp',
        ssoUrl: 'https://manual.example/sso',
        usernameMatch: 'NameID',
        trust: { kind: 'certificate', certificate: IDP_CERT },
        ...over,
      });
    expect((await manual({ entityId: 'manual-idp' })).error).toMatchObject({
      field: 'entityId',
      message: expect.stringMatching(/^Entity ID must be a URL/),
    });
    expect((await manual({ ssoUrl: 'ftp://x' })).error).toMatchObject({
      field: 'ssoUrl',
      message: 'SSO url must be an https URL.',
    });
    expect((await manual({ usernameMatch: '' })).error).toMatchObject({ field: 'usernameMatch' });
    expect((await manual({ sloResponseUrl: 'https://manual.example/slo-resp' })).error).toMatchObject({
      field: 'sloResponseUrl',
      message: expect.stringMatching(/needs a Single logout service url/),
    });
    expect((await manual({ trust: { kind: 'certificate', certificate: 'QUJD' } })).error).toMatchObject({
      field: 'certificate',
      message: 'Public x509 certificate is not a valid X.509 certificate.',
    });
    expect(
      (await manual({ trust: { kind: 'fingerprint', fingerprint: 'AB:CD', algorithm: 'SHA256' } })).error,
    ).toMatchObject({
      field: 'fingerprint',
      message: 'Certificate fingerprint has 2 bytes; a SHA256 fingerprint has 32.',
    });
    const fp = await manual({
      trust: { kind: 'fingerprint', fingerprint: 'a'.repeat(40), algorithm: 'SHA1' },
      sloUrl: 'https://manual.example/slo',
    });
    expect(fp.value).toMatchObject({
      fingerprint: Array(20).fill('AA').join(':'),
      fingerprintAlgorithm: 'SHA1',
      certificates: [],
      effectiveSloResponseUrl: 'https://manual.example/slo',
      source: 'manual',
    });
    expect((await manual({})).error).toMatchObject({
      field: 'entityId',
      message: expect.stringMatching(/exists already/),
    });

    expect(
      (await c.call('sso', 'importIdentityProvider', { usernameMatch: '', metadata: idpMetadataXml() })).error,
    ).toMatchObject({ field: 'usernameMatch' });
    expect(
      (
        await c.call('sso', 'importIdentityProvider', {
          usernameMatch: WINDOWS_ACCOUNT,
          metadata: idpMetadataXml({ certs: [] }),
        })
      ).error,
    ).toMatchObject({ field: 'metadata', message: expect.stringMatching(/no signing certificate/) });
    const preview = (await c.call('sso', 'previewMetadata', { metadata: sign(idpMetadataXml(), 'EntityDescriptor') }))
      .value;
    expect(preview).toMatchObject({ entityId: TEST_IDP_ENTITY, signature: 'valid', existingId: null });
    const imported = await c.call('sso', 'importIdentityProvider', {
      usernameMatch: WINDOWS_ACCOUNT,
      metadata: sign(idpMetadataXml(), 'EntityDescriptor'),
    });
    expect(imported.value).toMatchObject({
      entityId: TEST_IDP_ENTITY,
      source: 'metadata',
      metadataSigned: true,
      usernameMatch: WINDOWS_ACCOUNT,
      version: 1,
    });
    expect((await c.call('sso', 'previewMetadata', { metadata: idpMetadataXml() })).value.existingId).toBe(
      imported.value.id,
    );
    const rolled = await c.call('sso', 'importIdentityProvider', {
      usernameMatch: WINDOWS_ACCOUNT,
      metadata: idpMetadataXml({ certs: [IDP_CERT, ROLLOVER_CERT] }),
    });
    expect(rolled.value).toMatchObject({ id: imported.value.id, version: 2, metadataSigned: false });
    expect(rolled.value.certificates.map((x: { subject: string }) => x.subject)).toEqual([
      'CN=idp.test.example, O=Test',
      'CN=idp-next.test.example, O=Test',
    ]);

    // tenant settings
    expect(
      (
        await c.call('sso', 'saveTenantSettings', {
          tenantId: 1,
          expectedVersion: 1,
          ssoEnabled: true,
          idpId: null,
          singleLogout: false,
        })
      ).error,
    ).toMatchObject({ field: 'idpId' });
    expect(
      (
        await c.call('sso', 'saveTenantSettings', {
          tenantId: 1,
          expectedVersion: 0,
          ssoEnabled: false,
          idpId: null,
          singleLogout: false,
        })
      ).error?.code,
    ).toBe('CONFLICT');
    expect(
      (
        await c.call('sso', 'saveTenantSettings', {
          tenantId: 1,
          expectedVersion: 1,
          ssoEnabled: true,
          idpId: fp.value.id,
          singleLogout: true,
        })
      ).ok,
    ).toBe(true);
    const noSlo = await c.call('sso', 'importIdentityProvider', {
      usernameMatch: 'NameID',
      metadata: idpMetadataXml({ entityId: 'https://noslo.example/idp', withSlo: false }),
    });
    expect(
      (
        await c.call('sso', 'saveTenantSettings', {
          tenantId: 1,
          expectedVersion: 2,
          ssoEnabled: true,
          idpId: noSlo.value.id,
          singleLogout: true,
        })
      ).error,
    ).toMatchObject({ field: 'singleLogout' });
    const t = await c.call('sso', 'saveTenantSettings', {
      tenantId: 1,
      expectedVersion: 2,
      ssoEnabled: true,
      idpId: imported.value.id,
      singleLogout: true,
    });
    expect(t.value).toMatchObject({
      tenantName: 'Demo Contact Center',
      ssoEnabled: true,
      idpEntityId: TEST_IDP_ENTITY,
      singleLogout: true,
      version: 3,
    });
    const list = (await c.call('sso', 'listTenantSettings')).value;
    expect(list.singleTenant).toBe(false);
    expect(list.rows.map((r: { tenantName: string }) => r.tenantName).sort()).toEqual([
      'Demo Contact Center',
      'Northwind Support',
    ]);
    const del = await c.call('sso', 'deleteIdentityProvider', { id: imported.value.id, expectedVersion: 2 });
    expect(del.error?.message).toBe(
      'The Identity Provider is used by tenant Demo Contact Center; choose another one there first.',
    );
    expect((await c.call('sso', 'deleteIdentityProvider', { id: fp.value.id, expectedVersion: 1 })).ok).toBe(true);

    // a tenant administrator sees and changes only their own tenant
    await as(northwindAdmin, 2);
    expect(
      (await c.call('sso', 'listTenantSettings')).value.rows.map((r: { tenantName: string }) => r.tenantName),
    ).toEqual(['Northwind Support']);
    expect(
      (
        await c.call('sso', 'saveTenantSettings', {
          tenantId: 1,
          expectedVersion: 3,
          ssoEnabled: false,
          idpId: null,
          singleLogout: false,
        })
      ).error?.code,
    ).toBe('FORBIDDEN');
  });

  it('Test a SAML response: a verdict with reasons and the user it maps to (External Logon ID, else Logon ID)', async () => {
    await as(hostAdmin);
    const idp = (await c.call('sso', 'listIdentityProviders')).value.find(
      (i: { entityId: string }) => i.entityId === TEST_IDP_ENTITY,
    );
    const synced = await c.core.data
      .require()
      .kysely.selectFrom('cc_user')
      .select(['logon_id', 'external_logon_id'])
      .where('tenant_id', '=', 1)
      .where('external_logon_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const now = new Date();
    const fresh = {
      notBefore: new Date(now.getTime() - 60_000).toISOString(),
      notOnOrAfter: new Date(now.getTime() + 300_000).toISOString(),
    };
    const byExternal = await c.call('sso', 'testResponse', {
      idpId: idp!.id,
      response: Buffer.from(
        sign(
          responseXml({ ...fresh, attributes: { [WINDOWS_ACCOUNT]: synced.external_logon_id!.toUpperCase() } }),
          'Assertion',
        ),
      ).toString('base64'),
    });
    expect(byExternal.value).toMatchObject({
      valid: true,
      user: { logonId: synced.logon_id, matchedBy: 'External Logon ID' },
    });
    const byLogon = (
      await c.call('sso', 'testResponse', {
        idpId: idp!.id,
        response: sign(responseXml({ ...fresh, attributes: { [WINDOWS_ACCOUNT]: 'tech' } }), 'Assertion'),
      })
    ).value;
    expect(byLogon).toMatchObject({ valid: true, user: { logonId: 'tech', matchedBy: 'Logon ID' } });
    const nobody = (
      await c.call('sso', 'testResponse', {
        idpId: idp!.id,
        response: sign(responseXml({ ...fresh, attributes: { [WINDOWS_ACCOUNT]: 'ghost' } }), 'Assertion'),
      })
    ).value;
    expect(nobody).toMatchObject({
      valid: true,
      user: null,
      mappingMessage: 'No user of tenant Demo Contact Center has "ghost" as External Logon ID or as Logon ID.',
    });
    const forged = (
      await c.call('sso', 'testResponse', {
        idpId: idp!.id,
        response: sign(responseXml({ ...fresh }), 'Assertion', ATTACKER_KEY, ATTACKER_CERT),
      })
    ).value;
    expect(forged.valid).toBe(false);
    expect(forged.user).toBeNull();
    const stale = (
      await c.call('sso', 'testResponse', {
        idpId: idp!.id,
        response: sign(responseXml({ attributes: { [WINDOWS_ACCOUNT]: 'tech' } }), 'Assertion'),
      })
    ).value;
    expect(stale.valid).toBe(false);
    expect(stale.checks.find((x: { id: string }) => x.id === 'time')!.ok).toBe(false);
    expect(stale.mappingMessage).toMatch(/maps to tech .* The response itself is refused/);
  });

  it('OpenID Connect: fields required together, https metadata, web domain; redirect URIs lower case; Test reports errors', async () => {
    await as(hostAdmin);
    const cfg = (await c.call('sso', 'getOidc')).value;
    expect(cfg).toMatchObject({
      enabled: false,
      version: 1,
      effectiveDomain: null,
      redirectUris: [
        { uri: 'http://localhost' },
        { uri: 'https://<domain>/webapps/contactcenter/authentication/openidlogincallback' },
        { uri: 'https://<domain>/webagent' },
      ],
    });
    const base = {
      expectedVersion: 1,
      name: 'Azure AD',
      entityId: 'f96bcece-3db3-4445-ac2a-32b9c66f761e',
      metadataLocation:
        'https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration?appid=f96bcece-3db3-4445-ac2a-32b9c66f761e',
      useExternalBrowser: true,
      webDomain: 'Mitel.com:4390',
    };
    expect((await c.call('sso', 'saveOidc', { ...base, entityId: '' })).error).toMatchObject({ field: 'entityId' });
    expect(
      (await c.call('sso', 'saveOidc', { ...base, metadataLocation: 'http://idp.example/x' })).error,
    ).toMatchObject({ field: 'metadataLocation', message: 'Metadata Location must be an https URL.' });
    expect((await c.call('sso', 'saveOidc', { ...base, webDomain: 'https://mitel.com/x' })).error).toMatchObject({
      field: 'webDomain',
    });
    const saved = (await c.call('sso', 'saveOidc', base)).value;
    expect(saved).toMatchObject({ enabled: true, version: 2, webDomain: 'mitel.com:4390', domainSource: 'configured' });
    expect(saved.redirectUris[2]!.uri).toBe('https://mitel.com:4390/webagent');
    const off = (
      await c.call('sso', 'saveOidc', { ...base, expectedVersion: 2, name: '', entityId: '', metadataLocation: '' })
    ).value;
    expect(off.enabled).toBe(false);
    const test = (
      await c.call('sso', 'testOidc', { metadataLocation: 'http://127.0.0.1:9/.well-known/openid-configuration' })
    ).value;
    expect(test).toMatchObject({ ok: false, issuer: null });
    expect(test.error).toBeTruthy();
  });

  it('one Service Provider per Application Server: the same scheme, host (any case) and port (443 implied) is refused whatever the path', async () => {
    await as(hostAdmin);
    for (const hostUrl of ['https://app01.demo.example/otherportal', 'https://APP01.Demo.Example:443/agentportal2']) {
      const r = await c.call('sso', 'saveServiceProvider', { hostUrl });
      expect(r.error, hostUrl).toMatchObject({
        field: 'hostUrl',
        message: `A Service Provider on the same Application Server (app01.demo.example) exists already: ${TEST_SP_HOST}. Each Service Provider must be a role of a different Application Server.`,
      });
    }
    const otherPort = await c.call('sso', 'saveServiceProvider', {
      hostUrl: 'https://app01.demo.example:8443/agentportal',
    });
    expect(otherPort.ok).toBe(true);
    // Moving another SP onto app01 is refused; an SP may change its own path.
    expect(
      (
        await c.call('sso', 'saveServiceProvider', {
          id: otherPort.value.id,
          expectedVersion: 1,
          hostUrl: 'https://app01.demo.example/x',
        })
      ).error,
    ).toMatchObject({ field: 'hostUrl', message: expect.stringMatching(/same Application Server/) });
    const own = await c.call('sso', 'saveServiceProvider', {
      id: otherPort.value.id,
      expectedVersion: 1,
      hostUrl: 'https://app01.demo.example:8443/portal',
    });
    expect(own.value).toMatchObject({ hostUrl: 'https://app01.demo.example:8443/portal', version: 2 });
    expect(
      (await c.call('sso', 'listServiceProviders')).value.filter((sp: { hostUrl: string }) =>
        sp.hostUrl.startsWith('https://app01.'),
      ),
    ).toHaveLength(2);
    expect((await c.call('sso', 'deleteServiceProvider', { id: otherPort.value.id, expectedVersion: 2 })).ok).toBe(
      true,
    );
  });

  it.runIf(engine === 'postgres')(
    'two consoles adding Service Providers on one Application Server at once: only one is saved',
    async () => {
      const others = await Promise.all([0, 1].map(() => startConsole(db)));
      try {
        const consoles = [c, ...others];
        for (const x of consoles) {
          await x.call('auth', 'signOut');
          await signIn(x, hostAdmin.logonId, hostAdmin.password);
        }
        const results = await Promise.all(
          consoles.map((x, i) =>
            x.call('sso', 'saveServiceProvider', { hostUrl: `https://race.demo.example/portal${i}` }),
          ),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        for (const r of results.filter((x) => !x.ok))
          expect(r.error).toMatchObject({
            field: 'hostUrl',
            message: expect.stringMatching(/same Application Server \(race.demo.example\)/),
          });
        const saved = (await c.call('sso', 'listServiceProviders')).value.filter((sp: { hostUrl: string }) =>
          sp.hostUrl.startsWith('https://race.'),
        );
        expect(saved).toHaveLength(1);
        expect(
          (await c.call('sso', 'deleteServiceProvider', { id: saved[0]!.id, expectedVersion: saved[0]!.version })).ok,
        ).toBe(true);
      } finally {
        await Promise.all(others.map((x) => x.stop()));
      }
    },
    90_000,
  );

  it('an expired or not yet valid certificate is never trusted: refused when pasted, not pinned at import, and a response it signed is refused', async () => {
    await as(hostAdmin);
    const manual = (
      over: Partial<ArgsOf<'sso', 'saveIdentityProvider'>> & Pick<ArgsOf<'sso', 'saveIdentityProvider'>, 'trust'>,
    ) =>
      c.call('sso', 'saveIdentityProvider', {
        entityId: 'https://lapsed.example/idp',
        ssoUrl: 'https://lapsed.example/sso',
        usernameMatch: WINDOWS_ACCOUNT,
        ...over,
      });
    expect((await manual({ trust: { kind: 'certificate', certificate: EXPIRED_SIGNER_CERT } })).error).toMatchObject({
      field: 'certificate',
      message: expect.stringMatching(/^Public x509 certificate is not usable: expired on 2021-01-01\./),
    });
    expect((await manual({ trust: { kind: 'certificate', certificate: FUTURE_SIGNER_CERT } })).error).toMatchObject({
      field: 'certificate',
      message: expect.stringMatching(/^Public x509 certificate is not usable: not valid before 2120-01-01\./),
    });

    const metadata = idpMetadataXml({
      entityId: 'https://lapsed.example/idp',
      certs: [IDP_CERT, EXPIRED_SIGNER_CERT, FUTURE_SIGNER_CERT],
    });
    const preview = (await c.call('sso', 'previewMetadata', { metadata })).value;
    expect(
      preview.certificates.map((x: { usable: boolean; warning: string | null }) => [
        x.usable,
        x.warning?.split(':')[0] ?? null,
      ]),
    ).toEqual([
      [true, null],
      [false, 'Expired on 2021-01-01'],
      [false, 'Not valid before 2120-01-01'],
    ]);
    const imported = await c.call('sso', 'importIdentityProvider', { usernameMatch: WINDOWS_ACCOUNT, metadata });
    expect(imported.value.certificates.map((x: { subject: string }) => x.subject)).toEqual([
      'CN=idp.test.example, O=Test',
    ]);
    const none = await c.call('sso', 'importIdentityProvider', {
      usernameMatch: WINDOWS_ACCOUNT,
      metadata: idpMetadataXml({ entityId: 'https://lapsed2.example/idp', certs: [EXPIRED_SIGNER_CERT] }),
    });
    expect(none.error).toMatchObject({
      field: 'metadata',
      message: expect.stringMatching(
        /^None of the signing certificates in the metadata is usable \(CN=lapsed-idp.test.example, O=Test: Expired on 2021-01-01\)/,
      ),
    });
    expect(
      (await c.call('sso', 'listIdentityProviders')).value.map((i: { entityId: string }) => i.entityId),
    ).not.toContain('https://lapsed2.example/idp');
    const pinnedExpired = await c.call('sso', 'previewMetadata', {
      metadata: sign(idpMetadataXml(), 'EntityDescriptor'),
      metadataSigningCertificate: EXPIRED_SIGNER_CERT,
    });
    expect(pinnedExpired.error).toMatchObject({
      field: 'metadataSigningCertificate',
      message: expect.stringMatching(/^Metadata signing certificate is not usable: expired on 2021-01-01/),
    });

    // Verification: a response signed with the expired certificate's key is refused, whether
    // the certificate was pinned while it was valid, or is pinned by its fingerprint.
    const now = Date.now();
    const fresh = {
      notBefore: new Date(now - 60_000).toISOString(),
      notOnOrAfter: new Date(now + 300_000).toISOString(),
      attributes: { [WINDOWS_ACCOUNT]: 'tech' },
    };
    const old = sign(responseXml(fresh), 'Assertion', OLD_KEY, EXPIRED_SIGNER_CERT);
    await c.core.data
      .require()
      .kysely.updateTable('saml_identity_provider')
      .set({ certificates: JSON.stringify([bare(EXPIRED_SIGNER_CERT)]) })
      .where('id', '=', imported.value.id)
      .execute();
    const listed = (await c.call('sso', 'listIdentityProviders')).value.find(
      (i: { id: number }) => i.id === imported.value.id,
    );
    expect(listed!.certificates[0]).toMatchObject({
      usable: false,
      status: 'expired',
      warning: expect.stringMatching(/^Expired on 2021-01-01: not usable/),
    });
    const refused = (await c.call('sso', 'testResponse', { idpId: imported.value.id, response: old })).value;
    expect(refused.valid).toBe(false);
    expect(refused.checks.find((x: { id: string }) => x.id === 'signature')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/CN=lapsed-idp.test.example, O=Test, which is not usable: expired on 2021-01-01/),
    });
    expect(refused.user).toBeNull();
    const byFingerprint = await manual({
      entityId: 'https://lapsed-fp.example/idp',
      trust: {
        kind: 'fingerprint',
        fingerprint: new X509Certificate(EXPIRED_SIGNER_CERT).fingerprint256,
        algorithm: 'SHA256',
      },
    });
    const fp = (await c.call('sso', 'testResponse', { idpId: byFingerprint.value.id, response: old })).value;
    expect(fp.valid).toBe(false);
    expect(fp.checks.find((x: { id: string }) => x.id === 'signature')!.message).toMatch(
      /not usable: expired on 2021-01-01/,
    );
  });

  it('a pinned metadata signing certificate refuses unsigned metadata (preview and import)', async () => {
    await as(hostAdmin);
    const unsigned = idpMetadataXml({ entityId: 'https://unsigned.example/idp' });
    for (const m of ['previewMetadata', 'importIdentityProvider'] as const) {
      const r = await c.call('sso', m, {
        usernameMatch: WINDOWS_ACCOUNT,
        metadata: unsigned,
        metadataSigningCertificate: IDP_CERT,
      });
      expect(r.error, m).toMatchObject({
        field: 'metadata',
        message: expect.stringMatching(/^The metadata is not signed, but a metadata signing certificate is given/),
      });
    }
    expect(
      (await c.call('sso', 'listIdentityProviders')).value.map((i: { entityId: string }) => i.entityId),
    ).not.toContain('https://unsigned.example/idp');
    const signed = await c.call('sso', 'importIdentityProvider', {
      usernameMatch: WINDOWS_ACCOUNT,
      metadata: sign(unsigned, 'EntityDescriptor'),
      metadataSigningCertificate: IDP_CERT,
    });
    expect(signed.value).toMatchObject({ entityId: 'https://unsigned.example/idp', metadataSigned: true });
  });

  it('Test a SAML response checks the Response’s Destination against the Service Providers’ ACS', async () => {
    await as(hostAdmin);
    const idp = (await c.call('sso', 'listIdentityProviders')).value.find(
      (i: { entityId: string }) => i.entityId === TEST_IDP_ENTITY,
    );
    const now = Date.now();
    const fresh = {
      notBefore: new Date(now - 60_000).toISOString(),
      notOnOrAfter: new Date(now + 300_000).toISOString(),
      attributes: { [WINDOWS_ACCOUNT]: 'tech' },
    };
    const ok = (await c.call('sso', 'testResponse', { idpId: idp!.id, response: sign(responseXml(fresh), 'Response') }))
      .value;
    expect(ok).toMatchObject({ valid: true, user: { logonId: 'tech' } });
    const elsewhere = (
      await c.call('sso', 'testResponse', {
        idpId: idp!.id,
        response: sign(responseXml({ ...fresh, destination: 'https://evil.example/saml/SSO' }), 'Response'),
      })
    ).value;
    expect(elsewhere.valid).toBe(false);
    expect(elsewhere.checks.filter((x: { ok: boolean }) => !x.ok)).toEqual([
      {
        id: 'destination',
        ok: false,
        message: expect.stringMatching(
          /^Destination https:\/\/evil.example\/saml\/SSO is no Service Provider’s ACS \(.*https:\/\/app01.demo.example\/agentportal\/saml\/SSO/,
        ),
      },
    ]);
    expect(elsewhere.mappingMessage).toMatch(/The response itself is refused/);
  });

  it('Test (OpenID Connect discovery) needs write permission: a reader is refused before main fetches anything', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/openid-configuration`;
    try {
      await as(supervisor); // sso: read
      expect((await c.call('sso', 'getOidc')).ok).toBe(true);
      expect((await c.call('sso', 'testOidc', { metadataLocation: url })).error?.code).toBe('FORBIDDEN');
      expect(requests).toBe(0);
      await as(hostAdmin);
      expect((await c.call('sso', 'testOidc', { metadataLocation: url })).value.ok).toBe(false);
      expect(requests).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('Circuit: secret only in the keychain (set / not set), required fields when enabled, Agent Portal URL pattern', async () => {
    await as(hostAdmin);
    // The demo tenant's row exists (version 1), with the Agent Portal URL filled in.
    expect((await c.call('sso', 'getCircuit')).value).toMatchObject({
      enabled: false,
      version: 1,
      clientSecretSet: false,
      agentPortalUrl: 'https://app01.demo.example/agentportal',
    });
    const base = {
      expectedVersion: 1,
      enabled: true,
      clientId: 'circuit-app',
      agentPortalUrl: 'https://cc.demo.example/agentportal',
      circuitLoginUrl: 'https://eu.yourcircuit.com',
    };
    expect((await c.call('sso', 'saveCircuit', base)).error).toMatchObject({ field: 'clientSecret' });
    expect(
      (
        await c.call('sso', 'saveCircuit', {
          ...base,
          clientSecret: 's3cr3t',
          agentPortalUrl: 'https://cc.demo.example/portal',
        })
      ).error,
    ).toMatchObject({ field: 'agentPortalUrl', message: expect.stringMatching(/https:\/\/<yourDomain>\/agentportal/) });
    expect((await c.call('sso', 'saveCircuit', { ...base, clientSecret: 's3cr3t', clientId: '' })).error).toMatchObject(
      { field: 'clientId' },
    );
    const saved = await c.call('sso', 'saveCircuit', { ...base, clientSecret: 'circuit-secret-XYZ' });
    expect(saved.value).toMatchObject({ enabled: true, clientId: 'circuit-app', clientSecretSet: true, version: 2 });
    expect(JSON.stringify(saved.value)).not.toContain('circuit-secret-XYZ');
    expect(await createKeychainStore().get(circuitSecretKey('test', 1))).toBe('circuit-secret-XYZ');
    expect(
      await c.core.data
        .require()
        .kysely.selectFrom('circuit_config')
        .selectAll()
        .execute()
        .then((r) => JSON.stringify(r)),
    ).not.toContain('circuit-secret-XYZ');
    const audit = JSON.stringify((await c.call('audit', 'query', { objectType: 'circuit-sign-on', limit: 5 })).value);
    expect(audit).not.toContain('circuit-secret-XYZ');
    const kept = await c.call('sso', 'saveCircuit', { ...base, expectedVersion: 2 });
    expect(kept.value.clientSecretSet).toBe(true);
    const cleared = await c.call('sso', 'saveCircuit', {
      ...base,
      expectedVersion: 3,
      enabled: false,
      clientSecret: '',
    });
    expect(cleared.value).toMatchObject({ enabled: false, clientSecretSet: false });
  });
});
