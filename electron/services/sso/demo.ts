import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../connectors/db/schema';

/**
 * Demo data for the sso feature: OpenID Connect off, one Service Provider (the demo Application Server's Agent
 * Portal Web) and the demo tenant's SAML and Circuit rows, both off. No identity provider
 * is configured, so the demo signs in with Logon ID and password.
 */
export async function seedSsoDemo(
  tx: Transaction<Database> | Kysely<Database>,
  tenantId: number,
  at: string,
): Promise<void> {
  const by = { updated_at: at, updated_by: 'setup' };
  // OpenID Connect (sso_config, a core table since 001): off.
  await tx
    .insertInto('sso_config')
    .values({
      tenant_id: tenantId,
      enabled: 0,
      idp_name: null,
      entity_id: null,
      metadata_location: null,
      use_external_browser: 0,
      single_logout: 0,
      ...by,
    })
    .execute();
  await tx
    .insertInto('saml_service_provider')
    .values({ host_url: 'https://app01.demo.example/agentportal', certificate: null, public_key: null, ...by })
    .execute();
  await tx
    .insertInto('saml_tenant')
    .values({ tenant_id: tenantId, sso_enabled: 0, idp_id: null, single_logout: 0, ...by })
    .execute();
  await tx
    .insertInto('circuit_config')
    .values({
      tenant_id: tenantId,
      enabled: 0,
      client_id: null,
      agent_portal_url: 'https://app01.demo.example/agentportal',
      circuit_login_url: null,
      ...by,
    })
    .execute();
}
