import type { Generated } from 'kysely';

type Bit = number;
interface Versioned {
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

/** SAML 2.0 Service Provider: one per Application Server (Agent Portal Web). */
export interface SamlServiceProviderTable extends Versioned {
  id: Generated<number>;
  host_url: string;
  /** Bare base64 DER, or null. */
  certificate: string | null;
  /** SPKI PEM, or null. */
  public_key: string | null;
}

export interface SamlIdentityProviderTable extends Versioned {
  id: Generated<number>;
  entity_id: string;
  sso_url: string;
  username_match: string;
  slo_url: string | null;
  slo_response_url: string | null;
  /** JSON array of bare base64 DER signing certificates (several during a rollover). */
  certificates: Generated<string>;
  fingerprint: string | null;
  fingerprint_algorithm: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512' | null;
  source: 'manual' | 'metadata';
  metadata_signed: Generated<Bit>;
}

export interface SamlTenantTable extends Versioned {
  tenant_id: number;
  sso_enabled: Generated<Bit>;
  idp_id: number | null;
  single_logout: Generated<Bit>;
}

/** Circuit sign-on per tenant; the client secret is in the OS keychain (circuit:<tenantId>). */
export interface CircuitConfigTable extends Versioned {
  tenant_id: number;
  enabled: Generated<Bit>;
  client_id: string | null;
  agent_portal_url: string | null;
  circuit_login_url: string | null;
}

/**
 * The tables the sso feature adds (its migrations create them), merged into Kysely's Database
 * (connectors/db/schema.ts) so the shared file needs no edit per feature.
 */
declare module '../../connectors/db/schema' {
  interface Database {
    saml_service_provider: SamlServiceProviderTable;
    saml_identity_provider: SamlIdentityProviderTable;
    saml_tenant: SamlTenantTable;
    circuit_config: CircuitConfigTable;
  }
}
