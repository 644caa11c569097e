import { sql, type Kysely } from 'kysely';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type {
  CircuitConfig,
  OidcConfig,
  ResponseTestResult,
  ssoService as Contract,
  TenantSsoRow,
} from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import {
  applicationServerOf,
  buildSpMetadata,
  certificatesToPin,
  certificateInfo,
  checkEntityIdUrl,
  checkSamlResponse,
  domainFromWebServer,
  normalizeCertificate,
  normalizeFingerprint,
  normalizeHostUrl,
  normalizePublicKey,
  parseIdpMetadata,
  redirectUris,
  spEndpoints,
  SsoInputError,
  unusableReason,
  type TrustAnchor,
} from '../../domain/sso';
import { ServiceError } from '../../ipc/errors';
import { identityKey } from '../../domain/users/logonKey';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf, tenantFor } from '../scope';
import { discover } from './discovery';
import { isForeignKeyViolation, isUniqueViolation, listIdps, listSps } from './samlRepo';

type K = Kysely<Database>;

/**
 * Keychain key of a tenant's Circuit client secret: per connection profile too, so two
 * databases on one workstation (each with a tenant 1) do not share a secret.
 */
export const circuitSecretKey = (profileId: string | null, tenantId: number) =>
  `circuit:${profileId ?? 'none'}:${tenantId}`;

/** Service and identity providers are system-wide (the seed's Master Administrator). */
function requireHostAdmin(ctx: CallContext, what: string): void {
  if (!identityOf(ctx).hostAdmin)
    throw new ServiceError('FORBIDDEN', `Only a host administrator can change ${what}: they apply to every tenant.`);
}

/** Wraps a domain rule's "is not a URL"-style message into a field error. */
function field<T>(name: string, label: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    throw new ServiceError('INVALID', `${label} ${(err as Error).message}.`, name);
  }
}

const httpsUrl = (value: string, label: string, name: string, opts: { loopbackHttp?: boolean } = {}) =>
  field(name, label, () => {
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      throw new Error('is not a URL');
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
    if (u.protocol !== 'https:' && !(opts.loopbackHttp && loopback && u.protocol === 'http:'))
      throw new Error('must be an https URL');
    return u.toString();
  });

async function tenantName(k: K, tenantId: number): Promise<string> {
  const t = await k.selectFrom('tenant').select('name').where('id', '=', tenantId).executeTakeFirst();
  if (!t) throw new ServiceError('NOT_FOUND', `Tenant ${tenantId} does not exist.`, 'tenantId');
  return t.name;
}

export function createSsoService(deps: ServiceDeps): ServiceImpl<typeof Contract> {
  const { data } = deps;
  const k = () => data.require().kysely;

  async function tenantRows(ctx: CallContext): Promise<{ singleTenant: boolean; rows: TenantSsoRow[] }> {
    const id = identityOf(ctx);
    const tenants = await k().selectFrom('tenant').select(['id', 'name']).orderBy('name').execute();
    const settings = await k()
      .selectFrom('saml_tenant')
      .leftJoin('saml_identity_provider', 'saml_identity_provider.id', 'saml_tenant.idp_id')
      .select([
        'saml_tenant.tenant_id',
        'saml_tenant.sso_enabled',
        'saml_tenant.idp_id',
        'saml_tenant.single_logout',
        'saml_tenant.version',
        'saml_identity_provider.entity_id',
      ])
      .execute();
    const visible = id.hostAdmin ? tenants : tenants.filter((t) => t.id === id.tenantId);
    return {
      singleTenant: tenants.length === 1,
      rows: visible.map((t) => {
        const s = settings.find((x) => x.tenant_id === t.id);
        return {
          tenantId: t.id,
          tenantName: t.name,
          ssoEnabled: s?.sso_enabled === 1,
          idpId: s?.idp_id ?? null,
          idpEntityId: s?.entity_id ?? null,
          singleLogout: s?.single_logout === 1,
          version: s?.version ?? 0,
        };
      }),
    };
  }

  async function oidcOf(tenantId: number): Promise<OidcConfig> {
    const name = await tenantName(k(), tenantId);
    const r = await k().selectFrom('sso_config').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    const fromFlag = domainFromWebServer(deps.launchOptions.webServer);
    const configured = r?.web_domain ?? '';
    const effectiveDomain = fromFlag ?? (configured || null);
    return {
      tenantId,
      tenantName: name,
      name: r?.idp_name ?? '',
      entityId: r?.entity_id ?? '',
      metadataLocation: r?.metadata_location ?? '',
      useExternalBrowser: r?.use_external_browser === 1,
      webDomain: configured,
      effectiveDomain,
      domainSource: fromFlag ? 'webserver' : configured ? 'configured' : null,
      redirectUris: redirectUris(effectiveDomain),
      enabled: r?.enabled === 1,
      version: r?.version ?? 0,
    };
  }

  async function circuitOf(tenantId: number): Promise<CircuitConfig> {
    const name = await tenantName(k(), tenantId);
    const r = await k().selectFrom('circuit_config').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    const users = await k()
      .selectFrom('cc_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('deleted', '=', 0)
      .where('circuit_user', 'is not', null)
      .executeTakeFirstOrThrow();
    // An unavailable keychain reads as "not set".
    const secretSet = await deps.secrets.has(circuitSecretKey(data.status().profileId, tenantId)).catch(() => false);
    return {
      tenantId,
      tenantName: name,
      enabled: r?.enabled === 1,
      clientId: r?.client_id ?? '',
      clientSecretSet: secretSet,
      agentPortalUrl: r?.agent_portal_url ?? '',
      circuitLoginUrl: r?.circuit_login_url ?? '',
      circuitUsers: Number(users.n),
      version: r?.version ?? 0,
    };
  }

  return {
    listServiceProviders: () => listSps(k()),

    async saveServiceProvider(args, ctx) {
      requireHostAdmin(ctx, 'Service Providers');
      const hostUrl = field('hostUrl', 'Host url', () => normalizeHostUrl(args.hostUrl));
      const certificate = args.certificate
        ? field('certificate', 'Certificate', () => normalizeCertificate(args.certificate!))
        : null;
      const publicKey = args.publicKey
        ? field('publicKey', 'Public key', () => normalizePublicKey(args.publicKey!, certificate))
        : null;
      let id = args.id;
      try {
        await transact(data.require(), actorOf(ctx), data, async (w) => {
          // Seed 000: each Service Provider is a role of a different Application Server —
          // one per scheme + host + port, whatever the path. PostgreSQL: saves of Service
          // Providers take turns, so two consoles cannot both pass the check (SQLite's single
          // writer already refuses the second).
          if (!w.sqlite) await sql`lock table saml_service_provider in share row exclusive mode`.execute(w.tx);
          const server = applicationServerOf(hostUrl);
          const others = await w.tx.selectFrom('saml_service_provider').select(['id', 'host_url']).execute();
          const clash = others.find((o) => o.id !== id && applicationServerOf(o.host_url) === server);
          if (clash) throw duplicateSp(hostUrl, clash.host_url);
          const after = {
            hostUrl,
            certificate: certificate ? certificateInfo(certificate, new Date()).subject : null,
            publicKey: publicKey ? 'set' : null,
          };
          if (id === undefined) {
            id = (
              await w.tx
                .insertInto('saml_service_provider')
                .values({
                  host_url: hostUrl,
                  certificate,
                  public_key: publicKey,
                  updated_at: w.now,
                  updated_by: w.actor.logonId,
                })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id;
            w.audit({
              tenantId: null,
              action: 'create',
              objectType: 'saml-service-provider',
              objectId: id,
              objectName: hostUrl,
              after,
            });
          } else {
            const before = await w.tx
              .selectFrom('saml_service_provider')
              .select(['host_url'])
              .where('id', '=', id)
              .executeTakeFirst();
            if (!before)
              throw new ServiceError('NOT_FOUND', 'The Service Provider no longer exists: another console deleted it.');
            await updateVersioned(w, 'saml_service_provider', { column: 'id', value: id }, args.expectedVersion ?? -1, {
              host_url: hostUrl,
              certificate,
              public_key: publicKey,
            });
            w.audit({
              tenantId: null,
              action: 'update',
              objectType: 'saml-service-provider',
              objectId: id,
              objectName: hostUrl,
              before: { hostUrl: before.host_url },
              after,
            });
          }
          w.changed('saml_service_provider', null, id);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateSp(hostUrl, hostUrl);
        throw err;
      }
      return (await listSps(k())).find((s) => s.id === id)!;
    },

    async deleteServiceProvider({ id, expectedVersion }, ctx) {
      requireHostAdmin(ctx, 'Service Providers');
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const row = await w.tx
          .selectFrom('saml_service_provider')
          .select(['host_url', 'version'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw new ServiceError('NOT_FOUND', 'The Service Provider no longer exists.');
        if (row.version !== expectedVersion)
          throw new ServiceError(
            'CONFLICT',
            `The version you supplied [${expectedVersion}] does not match the current version [${row.version}]: reload.`,
          );
        await w.tx.deleteFrom('saml_service_provider').where('id', '=', id).execute();
        w.audit({
          tenantId: null,
          action: 'delete',
          objectType: 'saml-service-provider',
          objectId: id,
          objectName: row.host_url,
          before: { hostUrl: row.host_url },
        });
        w.changed('saml_service_provider', null, id);
      });
      return {};
    },

    async serviceProviderMetadata({ id }) {
      const r = await k()
        .selectFrom('saml_service_provider')
        .select(['host_url', 'certificate'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) throw new ServiceError('NOT_FOUND', 'The Service Provider no longer exists.');
      const host = new URL(r.host_url).hostname.replace(/[^A-Za-z0-9.-]/g, '_');
      return {
        xml: buildSpMetadata({ hostUrl: r.host_url, certificate: r.certificate }),
        fileName: `OSCC_${host}_metadata.xml`,
      };
    },

    listIdentityProviders: () => listIdps(k()),

    async saveIdentityProvider(args, ctx) {
      requireHostAdmin(ctx, 'Identity Providers');
      const entityId = field('entityId', 'Entity ID', () => checkEntityIdUrl(args.entityId));
      const ssoUrl = httpsUrl(args.ssoUrl, 'SSO url', 'ssoUrl');
      if (!args.usernameMatch)
        throw new ServiceError(
          'INVALID',
          'Username match is required (the claim the IdP returns to compare with the contact center user name).',
          'usernameMatch',
        );
      const sloUrl = args.sloUrl ? httpsUrl(args.sloUrl, 'Single logout service url', 'sloUrl') : null;
      const sloResponseUrl = args.sloResponseUrl
        ? httpsUrl(args.sloResponseUrl, 'Single logout service response url', 'sloResponseUrl')
        : null;
      if (sloResponseUrl && !sloUrl)
        throw new ServiceError(
          'INVALID',
          'Single logout service response url needs a Single logout service url.',
          'sloResponseUrl',
        );
      let certificates: string[] = [];
      let fingerprint: string | null = null;
      let algorithm: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512' | null = null;
      if (args.trust.kind === 'certificate') {
        const c = args.trust.certificate;
        const cert = field('certificate', 'Public x509 certificate', () => normalizeCertificate(c));
        refuseUnusable(cert, 'certificate', 'Public x509 certificate');
        certificates = [cert];
      } else {
        const t = args.trust;
        fingerprint = field('fingerprint', 'Certificate fingerprint', () =>
          normalizeFingerprint(t.fingerprint, t.algorithm),
        );
        algorithm = t.algorithm;
      }
      const values = {
        entity_id: entityId,
        sso_url: ssoUrl,
        username_match: args.usernameMatch,
        slo_url: sloUrl,
        slo_response_url: sloResponseUrl,
        certificates: JSON.stringify(certificates),
        fingerprint,
        fingerprint_algorithm: algorithm,
      };
      const id = await saveIdp(ctx, args.id, args.expectedVersion, values, 'manual', false);
      return (await listIdps(k())).find((i) => i.id === id)!;
    },

    async previewMetadata({ metadata, metadataSigningCertificate }) {
      const m = readMetadata(metadata, metadataSigningCertificate);
      const existing = await k()
        .selectFrom('saml_identity_provider')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['entity_id']), '=', m.entityId.toLowerCase()))
        .executeTakeFirst();
      return { ...m, existingId: existing?.id ?? null };
    },

    async importIdentityProvider({ usernameMatch, metadata, metadataSigningCertificate }, ctx) {
      requireHostAdmin(ctx, 'Identity Providers');
      if (!usernameMatch)
        throw new ServiceError(
          'INVALID',
          'Username match is required before importing (the claim the IdP returns to compare with the contact center user name).',
          'usernameMatch',
        );
      const m = readMetadata(metadata, metadataSigningCertificate);
      // Only usable certificates are pinned (the preview lists the others as not usable); none usable refuses.
      let pinned: string[];
      try {
        pinned = certificatesToPin(m.certificates);
      } catch (err) {
        throw new ServiceError('INVALID', (err as Error).message, 'metadata');
      }
      const existing = await k()
        .selectFrom('saml_identity_provider')
        .select(['id', 'version'])
        .where((eb) => eb(eb.fn('lower', ['entity_id']), '=', m.entityId.toLowerCase()))
        .executeTakeFirst();
      const values = {
        entity_id: m.entityId,
        sso_url: m.ssoUrl,
        username_match: usernameMatch,
        slo_url: m.sloUrl,
        slo_response_url: m.sloResponseUrl,
        certificates: JSON.stringify(pinned),
        fingerprint: null,
        fingerprint_algorithm: null,
      };
      // Re-importing the same IdP's metadata updates it: that is how a certificate rollover arrives.
      const id = await saveIdp(ctx, existing?.id, existing?.version, values, 'metadata', m.signature === 'valid');
      return (await listIdps(k())).find((i) => i.id === id)!;
    },

    async deleteIdentityProvider({ id, expectedVersion }, ctx) {
      requireHostAdmin(ctx, 'Identity Providers');
      const users = (await listIdps(k())).find((i) => i.id === id)?.usedBy ?? [];
      if (users.length > 0)
        throw new ServiceError(
          'INVALID',
          `The Identity Provider is used by ${users.length === 1 ? 'tenant' : 'tenants'} ${users.join(', ')}; choose another one there first.`,
        );
      try {
        await transact(data.require(), actorOf(ctx), data, async (w) => {
          const row = await w.tx
            .selectFrom('saml_identity_provider')
            .select(['entity_id', 'version'])
            .where('id', '=', id)
            .executeTakeFirst();
          if (!row) throw new ServiceError('NOT_FOUND', 'The Identity Provider no longer exists.');
          if (row.version !== expectedVersion)
            throw new ServiceError(
              'CONFLICT',
              `The version you supplied [${expectedVersion}] does not match the current version [${row.version}]: reload.`,
            );
          await w.tx.deleteFrom('saml_identity_provider').where('id', '=', id).execute();
          w.audit({
            tenantId: null,
            action: 'delete',
            objectType: 'saml-identity-provider',
            objectId: id,
            objectName: row.entity_id,
            before: { entityId: row.entity_id },
          });
          w.changed('saml_identity_provider', null, id);
        });
      } catch (err) {
        if (isForeignKeyViolation(err))
          throw new ServiceError(
            'INVALID',
            'The Identity Provider is used by a tenant; choose another one there first.',
          );
        throw err;
      }
      return {};
    },

    listTenantSettings: (_args, ctx) => tenantRows(ctx),

    async saveTenantSettings(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      if (args.ssoEnabled && args.idpId === null)
        throw new ServiceError('INVALID', 'Choose the Identity Provider to enable Single Sign On.', 'idpId');
      let idp: { entity_id: string; slo_url: string | null } | undefined;
      if (args.idpId !== null) {
        idp = await k()
          .selectFrom('saml_identity_provider')
          .select(['entity_id', 'slo_url'])
          .where('id', '=', args.idpId)
          .executeTakeFirst();
        if (!idp) throw new ServiceError('NOT_FOUND', 'The Identity Provider no longer exists.', 'idpId');
      }
      if (args.singleLogout && !idp?.slo_url)
        throw new ServiceError(
          'INVALID',
          'Single Logout needs an Identity Provider with a Single logout service url.',
          'singleLogout',
        );
      const name = await tenantName(k(), tenantId);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const row = await w.tx
          .selectFrom('saml_tenant')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst();
        const values = {
          sso_enabled: args.ssoEnabled ? 1 : 0,
          idp_id: args.idpId,
          single_logout: args.singleLogout ? 1 : 0,
        };
        const after = {
          ssoEnabled: args.ssoEnabled,
          identityProvider: idp?.entity_id ?? null,
          singleLogout: args.singleLogout,
        };
        if (!row) {
          if (args.expectedVersion !== 0)
            throw new ServiceError(
              'CONFLICT',
              `The version you supplied [${args.expectedVersion}] does not match the current version [0]: reload.`,
            );
          await w.tx
            .insertInto('saml_tenant')
            .values({ tenant_id: tenantId, ...values, updated_at: w.now, updated_by: w.actor.logonId })
            .execute();
          w.audit({
            tenantId,
            action: 'create',
            objectType: 'saml-tenant',
            objectId: tenantId,
            objectName: name,
            after,
          });
        } else {
          await updateVersioned(
            w,
            'saml_tenant',
            { column: 'tenant_id', value: tenantId },
            args.expectedVersion,
            values,
          );
          w.audit({
            tenantId,
            action: 'update',
            objectType: 'saml-tenant',
            objectId: tenantId,
            objectName: name,
            before: { ssoEnabled: row.sso_enabled === 1, singleLogout: row.single_logout === 1, idpId: row.idp_id },
            after,
          });
        }
        w.changed('saml_tenant', tenantId, tenantId);
      });
      return (await tenantRows(ctx)).rows.find((r) => r.tenantId === tenantId)!;
    },

    async testResponse(args, ctx): Promise<ResponseTestResult> {
      const tenantId = tenantFor(ctx, args.tenantId);
      const idp = await k()
        .selectFrom('saml_identity_provider')
        .selectAll()
        .where('id', '=', args.idpId)
        .executeTakeFirst();
      if (!idp) throw new ServiceError('NOT_FOUND', 'The Identity Provider no longer exists.', 'idpId');
      const sps = await listSps(k());
      const trust: TrustAnchor =
        idp.fingerprint && idp.fingerprint_algorithm
          ? { fingerprint: idp.fingerprint, algorithm: idp.fingerprint_algorithm }
          : { certificates: JSON.parse(idp.certificates) as string[] };
      const v = checkSamlResponse(args.response, {
        trust,
        idpEntityId: idp.entity_id,
        audiences: sps.map((s) => s.entityId),
        recipients: sps.map((s) => s.acsUrl),
        usernameMatch: idp.username_match,
        now: new Date(),
      });
      const tName = await tenantName(k(), tenantId);
      let user: ResponseTestResult['user'] = null;
      let mappingMessage: string;
      if (!v.usernameValue) {
        mappingMessage = 'Not mapped: the response gives no trusted Username match value.';
      } else {
        const value = identityKey(v.usernameValue);
        const base = k()
          .selectFrom('cc_user')
          .select(['id', 'logon_id', 'first_name', 'last_name', 'locked', 'external_logon_id'])
          .where('tenant_id', '=', tenantId)
          .where('deleted', '=', 0);
        const byExternal = await base.where('external_logon_key', '=', value).executeTakeFirst();
        const byLogon = byExternal ? undefined : await base.where('logon_key', '=', value).executeTakeFirst();
        const hit = byExternal ?? byLogon;
        if (!hit) {
          mappingMessage = `No user of tenant ${tName} has "${v.usernameValue}" as External Logon ID or as Logon ID.`;
        } else {
          user = {
            id: hit.id,
            logonId: hit.logon_id,
            name: `${hit.first_name} ${hit.last_name}`.trim(),
            matchedBy: byExternal ? 'External Logon ID' : 'Logon ID',
          };
          mappingMessage = `"${v.usernameValue}" maps to ${hit.logon_id} (${user.name}) of tenant ${tName} by ${user.matchedBy}.${hit.locked ? ' The account is locked, so the sign-in would still be refused.' : ''}`;
          if (!v.valid) mappingMessage += ' The response itself is refused (see the failed checks).';
        }
      }
      const setting = (await tenantRows(ctx)).rows.find((r) => r.tenantId === tenantId);
      if (setting && (!setting.ssoEnabled || setting.idpId !== idp.id)) {
        mappingMessage += ` Note: tenant ${tName} ${!setting.ssoEnabled ? 'has Single Sign On disabled' : 'uses another Identity Provider'}.`;
      }
      return { ...v, user, mappingMessage };
    },

    getOidc: (args, ctx) => oidcOf(tenantFor(ctx, args.tenantId)),

    async saveOidc(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      const blank = !args.name && !args.entityId && !args.metadataLocation;
      if (!blank) {
        if (!args.name) throw new ServiceError('INVALID', 'Name is required (the sign-in button shows it).', 'name');
        if (!args.entityId)
          throw new ServiceError(
            'INVALID',
            'Entity ID is required: the Application (client) ID registered with the identity provider.',
            'entityId',
          );
        if (!args.metadataLocation)
          throw new ServiceError(
            'INVALID',
            'Metadata Location is required: the URL of the OpenID Connect metadata document.',
            'metadataLocation',
          );
        httpsUrl(args.metadataLocation, 'Metadata Location', 'metadataLocation', { loopbackHttp: true });
      }
      if (args.webDomain && !/^[a-z0-9.-]+(:\d{1,5})?$/i.test(args.webDomain)) {
        throw new ServiceError(
          'INVALID',
          'Web server domain is the fully qualified name with an optional port, e.g. mitel.com:4390 (no https://, no path).',
          'webDomain',
        );
      }
      const name = await tenantName(k(), tenantId);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const row = await w.tx
          .selectFrom('sso_config')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst();
        const values = {
          enabled: blank ? 0 : 1,
          idp_name: args.name || null,
          entity_id: args.entityId || null,
          metadata_location: args.metadataLocation || null,
          use_external_browser: args.useExternalBrowser ? 1 : 0,
          web_domain: args.webDomain.toLowerCase() || null,
        };
        const after = {
          name: values.idp_name,
          entityId: values.entity_id,
          metadataLocation: values.metadata_location,
          useExternalBrowser: args.useExternalBrowser,
          webDomain: values.web_domain,
        };
        if (!row) {
          if (args.expectedVersion !== 0)
            throw new ServiceError(
              'CONFLICT',
              `The version you supplied [${args.expectedVersion}] does not match the current version [0]: reload.`,
            );
          await w.tx
            .insertInto('sso_config')
            .values({
              tenant_id: tenantId,
              single_logout: 0,
              ...values,
              updated_at: w.now,
              updated_by: w.actor.logonId,
            })
            .execute();
          w.audit({
            tenantId,
            action: 'create',
            objectType: 'external-identity-provider',
            objectId: tenantId,
            objectName: name,
            after,
          });
        } else {
          await updateVersioned(
            w,
            'sso_config',
            { column: 'tenant_id', value: tenantId },
            args.expectedVersion,
            values,
          );
          w.audit({
            tenantId,
            action: 'update',
            objectType: 'external-identity-provider',
            objectId: tenantId,
            objectName: name,
            before: {
              name: row.idp_name,
              entityId: row.entity_id,
              metadataLocation: row.metadata_location,
              useExternalBrowser: row.use_external_browser === 1,
              webDomain: row.web_domain,
            },
            after,
          });
        }
        w.changed('sso_config', tenantId, tenantId);
      });
      return oidcOf(tenantId);
    },

    testOidc: ({ metadataLocation }) => discover(metadataLocation),

    getCircuit: (args, ctx) => circuitOf(tenantFor(ctx, args.tenantId)),

    async saveCircuit(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      const agentPortalUrl = args.agentPortalUrl
        ? httpsUrl(args.agentPortalUrl, 'Agent Portal URL', 'agentPortalUrl')
        : '';
      if (agentPortalUrl && !/^https:\/\/[^/]+\/agentportal\/?$/i.test(agentPortalUrl)) {
        throw new ServiceError(
          'INVALID',
          'Agent Portal URL follows the pattern https://<yourDomain>/agentportal.',
          'agentPortalUrl',
        );
      }
      const circuitLoginUrl = args.circuitLoginUrl
        ? httpsUrl(args.circuitLoginUrl, 'Circuit Login URL', 'circuitLoginUrl')
        : '';
      const key = circuitSecretKey(data.status().profileId, tenantId);
      const secretWillBeSet =
        args.clientSecret === undefined ? await deps.secrets.has(key).catch(() => false) : args.clientSecret !== '';
      if (args.enabled) {
        if (!args.clientId)
          throw new ServiceError('INVALID', 'Client ID is required to enable Circuit Sign-on.', 'clientId');
        if (!secretWillBeSet)
          throw new ServiceError('INVALID', 'Client secret is required to enable Circuit Sign-on.', 'clientSecret');
        if (!agentPortalUrl)
          throw new ServiceError(
            'INVALID',
            'Agent Portal URL is required to enable Circuit Sign-on.',
            'agentPortalUrl',
          );
        if (!circuitLoginUrl)
          throw new ServiceError(
            'INVALID',
            'Circuit Login URL is required to enable Circuit Sign-on.',
            'circuitLoginUrl',
          );
      }
      const name = await tenantName(k(), tenantId);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const row = await w.tx
          .selectFrom('circuit_config')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst();
        const values = {
          enabled: args.enabled ? 1 : 0,
          client_id: args.clientId || null,
          agent_portal_url: agentPortalUrl || null,
          circuit_login_url: circuitLoginUrl || null,
        };
        const after = {
          enabled: args.enabled,
          clientId: values.client_id,
          agentPortalUrl: values.agent_portal_url,
          circuitLoginUrl: values.circuit_login_url,
          clientSecret: args.clientSecret === undefined ? 'unchanged' : args.clientSecret ? 'set' : 'removed',
        };
        if (!row) {
          if (args.expectedVersion !== 0)
            throw new ServiceError(
              'CONFLICT',
              `The version you supplied [${args.expectedVersion}] does not match the current version [0]: reload.`,
            );
          await w.tx
            .insertInto('circuit_config')
            .values({ tenant_id: tenantId, ...values, updated_at: w.now, updated_by: w.actor.logonId })
            .execute();
          w.audit({
            tenantId,
            action: 'create',
            objectType: 'circuit-sign-on',
            objectId: tenantId,
            objectName: name,
            after,
          });
        } else {
          await updateVersioned(
            w,
            'circuit_config',
            { column: 'tenant_id', value: tenantId },
            args.expectedVersion,
            values,
          );
          w.audit({
            tenantId,
            action: 'update',
            objectType: 'circuit-sign-on',
            objectId: tenantId,
            objectName: name,
            before: {
              enabled: row.enabled === 1,
              clientId: row.client_id,
              agentPortalUrl: row.agent_portal_url,
              circuitLoginUrl: row.circuit_login_url,
            },
            after,
          });
        }
        w.changed('circuit_config', tenantId, tenantId);
        // Last, inside the transaction: if the keychain refuses, nothing is saved (no plaintext fallback).
        try {
          if (args.clientSecret) await deps.secrets.set(key, args.clientSecret);
          else if (args.clientSecret === '') await deps.secrets.clear(key);
        } catch (err) {
          throw new ServiceError(
            'UNAVAILABLE',
            `The client secret could not be stored in the OS keychain, so nothing was saved: ${(err as Error).message}`,
            'clientSecret',
          );
        }
      });
      return circuitOf(tenantId);
    },
  };

  function readMetadata(metadata: string, signingCert: string | undefined) {
    if (!metadata.trim())
      throw new ServiceError('INVALID', 'Metadata Content is empty: upload the metadata file or paste it.', 'metadata');
    const cert = signingCert
      ? field('metadataSigningCertificate', 'Metadata signing certificate', () => normalizeCertificate(signingCert))
      : null;
    if (cert) refuseUnusable(cert, 'metadataSigningCertificate', 'Metadata signing certificate');
    try {
      return parseIdpMetadata(metadata, new Date(), { metadataSigningCertificate: cert });
    } catch (err) {
      if (err instanceof SsoInputError) throw new ServiceError('INVALID', err.message, 'metadata');
      throw err;
    }
  }

  async function saveIdp(
    ctx: CallContext,
    id: number | undefined,
    expectedVersion: number | undefined,
    values: {
      entity_id: string;
      sso_url: string;
      username_match: string;
      slo_url: string | null;
      slo_response_url: string | null;
      certificates: string;
      fingerprint: string | null;
      fingerprint_algorithm: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512' | null;
    },
    source: 'manual' | 'metadata',
    signed: boolean,
  ): Promise<number> {
    const after = {
      entityId: values.entity_id,
      ssoUrl: values.sso_url,
      usernameMatch: values.username_match,
      sloUrl: values.slo_url,
      sloResponseUrl: values.slo_response_url,
      certificates: (JSON.parse(values.certificates) as string[]).map((c) => certificateInfo(c, new Date()).sha256),
      fingerprint: values.fingerprint,
      source,
    };
    try {
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const clash = await w.tx
          .selectFrom('saml_identity_provider')
          .select('id')
          .where((eb) => eb(eb.fn('lower', ['entity_id']), '=', values.entity_id.toLowerCase()))
          .executeTakeFirst();
        if (clash && clash.id !== id) throw duplicateIdp(values.entity_id);
        if (id === undefined) {
          id = (
            await w.tx
              .insertInto('saml_identity_provider')
              .values({
                ...values,
                source,
                metadata_signed: signed ? 1 : 0,
                updated_at: w.now,
                updated_by: w.actor.logonId,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
          w.audit({
            tenantId: null,
            action: 'create',
            objectType: 'saml-identity-provider',
            objectId: id,
            objectName: values.entity_id,
            after,
          });
        } else {
          const before = await w.tx
            .selectFrom('saml_identity_provider')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirst();
          if (!before)
            throw new ServiceError('NOT_FOUND', 'The Identity Provider no longer exists: another console deleted it.');
          await updateVersioned(w, 'saml_identity_provider', { column: 'id', value: id }, expectedVersion ?? -1, {
            ...values,
            source,
            metadata_signed: signed ? 1 : 0,
          });
          w.audit({
            tenantId: null,
            action: 'update',
            objectType: 'saml-identity-provider',
            objectId: id,
            objectName: values.entity_id,
            before: {
              entityId: before.entity_id,
              ssoUrl: before.sso_url,
              usernameMatch: before.username_match,
              sloUrl: before.slo_url,
              certificates: (JSON.parse(before.certificates) as string[]).length,
            },
            after,
          });
        }
        w.changed('saml_identity_provider', null, id);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw duplicateIdp(values.entity_id);
      throw err;
    }
    return id!;
  }
}

const duplicateSp = (hostUrl: string, existing: string) =>
  new ServiceError(
    'INVALID',
    existing === hostUrl
      ? `A Service Provider with Host url ${hostUrl} exists already; each Service Provider must be a role of a different Application Server.`
      : `A Service Provider on the same Application Server (${new URL(hostUrl).host}) exists already: ${existing}. Each Service Provider must be a role of a different Application Server.`,
    'hostUrl',
  );

/** An expired or not yet valid certificate is never trusted: refused when it is given (field error with why). */
function refuseUnusable(base64: string, name: string, label: string): void {
  const why = unusableReason(base64, new Date());
  if (why)
    throw new ServiceError(
      'INVALID',
      `${label} is not usable: ${why.charAt(0).toLowerCase()}${why.slice(1)}. An expired or not yet valid certificate is never trusted; use the IdP’s current one.`,
      name,
    );
}
const duplicateIdp = (entityId: string) =>
  new ServiceError('INVALID', `An Identity Provider with Entity ID ${entityId} exists already.`, 'entityId');
export { spEndpoints };
