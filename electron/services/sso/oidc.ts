import type { ServiceImpl } from '../../ipc/router';
import type { OidcConfig, ssoService as Contract } from '../../contract';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import { domainFromWebServer, redirectUris } from '../../domain/sso';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { ServiceDeps } from '../deps';
import { actorOf, tenantFor } from '../scope';
import { discover } from './discovery';
import { httpsUrl, tenantName } from './common';

type Impl = ServiceImpl<typeof Contract>;

/** A tenant's OpenID Connect configuration and the discovery test. */
export function oidcMethods(deps: ServiceDeps): Pick<Impl, 'getOidc' | 'saveOidc' | 'testOidc'> {
  const { data } = deps;
  const k = () => data.require().kysely;

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

  return {
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
            throw staleVersionError(
              `The version you supplied [${args.expectedVersion}] does not match the current version [0]: reload.`,
              { expectedVersion: args.expectedVersion, version: 0 },
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
  };
}
