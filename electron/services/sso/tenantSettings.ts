import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ResponseTestResult, ssoService as Contract, TenantSsoRow } from '../../contract';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import { checkSamlResponse, type TrustAnchor } from '../../domain/sso';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import { identityKey } from '../../domain/users/logonKey';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf, tenantFor } from '../scope';
import { listSps } from './samlRepo';
import { tenantName } from './common';

type Impl = ServiceImpl<typeof Contract>;

/** Each tenant's SAML settings (on/off, its IdP, single logout) and the SAML Response test. */
export function tenantSettingsMethods(
  deps: ServiceDeps,
): Pick<Impl, 'listTenantSettings' | 'saveTenantSettings' | 'testResponse'> {
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

  return {
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
            throw staleVersionError(
              `The version you supplied [${args.expectedVersion}] does not match the current version [0]: reload.`,
              { expectedVersion: args.expectedVersion, version: 0 },
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
          mappingMessage =
            `"${v.usernameValue}" maps to ${hit.logon_id} (${user.name}) of tenant ${tName} by ` +
            `${user.matchedBy}.${hit.locked ? ' The account is locked, so the sign-in would still be refused.' : ''}`;
          if (!v.valid) mappingMessage += ' The response itself is refused (see the failed checks).';
        }
      }
      const setting = (await tenantRows(ctx)).rows.find((r) => r.tenantId === tenantId);
      if (setting && (!setting.ssoEnabled || setting.idpId !== idp.id)) {
        mappingMessage +=
          ` Note: tenant ${tName} ` +
          `${!setting.ssoEnabled ? 'has Single Sign On disabled' : 'uses another Identity Provider'}.`;
      }
      return { ...v, user, mappingMessage };
    },
  };
}
