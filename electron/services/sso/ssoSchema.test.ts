import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../connectors/db/engine';
import { ENGINES, newMigratedDb } from '../../connectors/db/testing/engines';

// Migration 006's constraints, enforced by the database itself on both engines: each
// insert below would succeed if the rule were only checked in the service.
describe.each(ENGINES)('single sign-on schema on %s', (engine) => {
  let db: Db;
  const by = { updated_at: '2026-11-22T00:00:00.000Z', updated_by: 'test' };
  let tenant = 0;
  const idp = (entity_id: string, extra: Record<string, unknown> = {}) =>
    db.kysely
      .insertInto('saml_identity_provider')
      .values({
        entity_id,
        sso_url: 'https://idp/sso',
        username_match: 'NameID',
        slo_url: null,
        slo_response_url: null,
        certificates: '["QUJD"]',
        fingerprint: null,
        fingerprint_algorithm: null,
        source: 'manual',
        ...by,
        ...extra,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    db = await newMigratedDb(engine);
    tenant = (
      await db.kysely
        .insertInto('tenant')
        .values({
          name: 'T',
          ...by,
          lockout_after_attempts: 5,
          cannot_reuse_last: 0,
          password_expires_days: 0,
          password_warn_days: 0,
          never_delete_synced: 0,
          allow_manual_delete_synced: 0,
          auto_restore_logon: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => db.close());

  it('Service Provider Host url: https only, unique ignoring case', async () => {
    const sp = (host_url: string) =>
      db.kysely
        .insertInto('saml_service_provider')
        .values({ host_url, certificate: null, public_key: null, ...by })
        .execute();
    await sp('https://app01.example/agentportal');
    await expect(sp('https://APP01.example/agentportal')).rejects.toThrow();
    await expect(sp('http://app02.example/agentportal')).rejects.toThrow();
  });

  it('Identity Provider: Entity ID unique ignoring case; a pinned certificate or a fingerprint with its algorithm; known algorithms only', async () => {
    await idp('https://idp.example/trust');
    await expect(idp('https://IDP.example/trust')).rejects.toThrow();
    await expect(idp('https://none.example', { certificates: '[]' })).rejects.toThrow();
    await expect(idp('https://fp-no-alg.example', { certificates: '[]', fingerprint: 'AA' })).rejects.toThrow();
    await expect(
      idp('https://md5.example', { certificates: '[]', fingerprint: 'AA', fingerprint_algorithm: 'MD5' }),
    ).rejects.toThrow();
    await idp('https://fp.example', { certificates: '[]', fingerprint: 'AA', fingerprint_algorithm: 'SHA256' });
    await expect(idp('https://bad-source.example', { source: 'guess' })).rejects.toThrow();
  });

  it('Tenant: Single Sign On needs an Identity Provider; an IdP in use cannot be deleted; bits are 0/1', async () => {
    const row = (extra: Record<string, unknown>) =>
      db.kysely
        .insertInto('saml_tenant')
        .values({ tenant_id: tenant, sso_enabled: 0, idp_id: null, single_logout: 0, ...by, ...extra })
        .execute();
    await expect(row({ sso_enabled: 1 })).rejects.toThrow();
    await expect(row({ single_logout: 2 })).rejects.toThrow();
    const { id } = await idp('https://used.example');
    await row({ sso_enabled: 1, idp_id: id });
    await expect(db.kysely.deleteFrom('saml_identity_provider').where('id', '=', id).execute()).rejects.toThrow();
  });

  it('Circuit: enabled needs a Client ID; the table has no secret column', async () => {
    await expect(
      db.kysely
        .insertInto('circuit_config')
        .values({
          tenant_id: tenant,
          enabled: 1,
          client_id: null,
          agent_portal_url: null,
          circuit_login_url: null,
          ...by,
        })
        .execute(),
    ).rejects.toThrow();
    await db.kysely
      .insertInto('circuit_config')
      .values({
        tenant_id: tenant,
        enabled: 1,
        client_id: 'app',
        agent_portal_url: null,
        circuit_login_url: null,
        ...by,
      })
      .execute();
    const row = await db.kysely.selectFrom('circuit_config').selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(row).filter((k) => /secret/i.test(k))).toEqual([]);
  });
});
