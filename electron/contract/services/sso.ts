import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';

/**
 * Single sign-on (issue 7):
 * - SAML 2.0 for Agent Portal Web (seed 000, chapter 3): Service Providers, Identity
 *   Providers (manual or from metadata), per-tenant settings, and a SAML response tester;
 * - OpenID Connect external identity provider per tenant (seed 001, SINGLE SIGN-ON);
 * - Circuit sign-on per tenant (seed 000, chapter 4).
 * Service and identity providers are system-wide (the seed's Master Administrator):
 * changing them needs a host administrator.
 */

const Versioned = { version: z.number().int(), updatedBy: z.string(), updatedAt: z.string() };
const Expected = z.number().int().min(0);
const Url = z.string().trim().max(1000);
const OptText = (max: number) => z.string().trim().max(max).optional();

export const FingerprintAlgorithm = z.enum(['SHA1', 'SHA256', 'SHA384', 'SHA512']);

export const CertificateView = z.object({
  base64: z.string(),
  subject: z.string(),
  issuer: z.string(),
  sha1: z.string(),
  sha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  status: z.enum(['valid', 'expired', 'expiring', 'not-yet-valid']),
  /**
   * False when expired or not yet valid: never pinned at import, refused when pasted, signatures refused; `warning`
   * says why.
   */
  usable: z.boolean(),
  warning: z.string().nullable(),
});
export type CertificateView = z.infer<typeof CertificateView>;

export const ServiceProviderRow = z.object({
  id: z.number().int(),
  hostUrl: z.string(),
  entityId: z.string(),
  acsUrl: z.string(),
  sloUrl: z.string(),
  certificate: CertificateView.nullable(),
  publicKey: z.string().nullable(),
  ...Versioned,
});
export type ServiceProviderRow = z.infer<typeof ServiceProviderRow>;

export const IdentityProviderRow = z.object({
  id: z.number().int(),
  entityId: z.string(),
  ssoUrl: z.string(),
  usernameMatch: z.string(),
  sloUrl: z.string().nullable(),
  sloResponseUrl: z.string().nullable(),
  /** The SLO response URL in effect: the SLO URL when left blank (seed 000). */
  effectiveSloResponseUrl: z.string().nullable(),
  certificates: z.array(CertificateView),
  fingerprint: z.string().nullable(),
  fingerprintAlgorithm: FingerprintAlgorithm.nullable(),
  source: z.enum(['manual', 'metadata']),
  metadataSigned: z.boolean(),
  /** Tenants whose SAML settings use it (it cannot be deleted while used). */
  usedBy: z.array(z.string()),
  ...Versioned,
});
export type IdentityProviderRow = z.infer<typeof IdentityProviderRow>;

export const IdpTrust = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('certificate'), certificate: z.string().max(20000) }),
  z.object({ kind: z.literal('fingerprint'), fingerprint: z.string().max(300), algorithm: FingerprintAlgorithm }),
]);

export const MetadataPreview = z.object({
  entityId: z.string(),
  ssoUrl: z.string(),
  sloUrl: z.string().nullable(),
  sloResponseUrl: z.string().nullable(),
  certificates: z.array(CertificateView),
  signature: z.enum(['unsigned', 'valid']),
  /** An IdP with this Entity ID exists (importing updates it: URLs and certificates). */
  existingId: z.number().int().nullable(),
});
export type MetadataPreview = z.infer<typeof MetadataPreview>;

export const TenantSsoRow = z.object({
  tenantId: z.number().int(),
  tenantName: z.string(),
  ssoEnabled: z.boolean(),
  idpId: z.number().int().nullable(),
  idpEntityId: z.string().nullable(),
  singleLogout: z.boolean(),
  version: z.number().int(),
});
export type TenantSsoRow = z.infer<typeof TenantSsoRow>;

export const ResponseTestResult = z.object({
  valid: z.boolean(),
  checks: z.array(z.object({ id: z.string(), ok: z.boolean(), message: z.string() })),
  issuer: z.string().nullable(),
  nameId: z.string().nullable(),
  usernameValue: z.string().nullable(),
  attributes: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  /** Which user the Username match value maps to, or null with the reason in mappingMessage. */
  user: z
    .object({
      id: z.number().int(),
      logonId: z.string(),
      name: z.string(),
      matchedBy: z.enum(['External Logon ID', 'Logon ID']),
    })
    .nullable(),
  mappingMessage: z.string(),
});
export type ResponseTestResult = z.infer<typeof ResponseTestResult>;

export const OidcConfig = z.object({
  tenantId: z.number().int(),
  tenantName: z.string(),
  name: z.string(),
  entityId: z.string(),
  metadataLocation: z.string(),
  useExternalBrowser: z.boolean(),
  /** Configured Web server domain (with port), used when /webserver: was not given. */
  webDomain: z.string(),
  /** The domain the redirect URIs use and where it came from. */
  effectiveDomain: z.string().nullable(),
  domainSource: z.enum(['webserver', 'configured']).nullable(),
  redirectUris: z.array(z.object({ platform: z.string(), uri: z.string() })),
  enabled: z.boolean(),
  version: z.number().int(),
});
export type OidcConfig = z.infer<typeof OidcConfig>;

export const DiscoveryResult = z.object({
  ok: z.boolean(),
  url: z.string(),
  issuer: z.string().nullable(),
  endpoints: z.array(z.object({ name: z.string(), url: z.string() })),
  error: z.string().nullable(),
});
export type DiscoveryResult = z.infer<typeof DiscoveryResult>;

export const CircuitConfig = z.object({
  tenantId: z.number().int(),
  tenantName: z.string(),
  enabled: z.boolean(),
  clientId: z.string(),
  /** The client secret never leaves main: only whether the keychain holds one. */
  clientSecretSet: z.boolean(),
  agentPortalUrl: z.string(),
  circuitLoginUrl: z.string(),
  /** Users of the tenant with a Circuit User (the association). */
  circuitUsers: z.number().int(),
  version: z.number().int(),
});
export type CircuitConfig = z.infer<typeof CircuitConfig>;

/**
 * Seed 001, CONFIGURING MICC ENTERPRISE (Metadata Location): Azure AD needs
 * "?appid=<Application (client) ID>" appended to the metadata document URL. Replaces an
 * existing appid parameter; keeps the others. Pure: the form and main share it.
 */
export function withAzureAppId(metadataLocation: string, clientId: string): string {
  const u = new URL(metadataLocation.trim());
  u.searchParams.set('appid', clientId.trim());
  return u.toString();
}

const TenantArg = z.object({ tenantId: z.number().int().positive().optional() });

export const ssoService = service({
  methods: {
    listServiceProviders: method({
      args: z.object({}),
      result: z.array(ServiceProviderRow),
      permission: canRead('sso'),
      summary: 'SAML 2.0 Service Providers',
    }),
    saveServiceProvider: method({
      args: z.object({
        id: z.number().int().positive().optional(),
        expectedVersion: Expected.optional(),
        hostUrl: Url,
        certificate: OptText(20000),
        publicKey: OptText(20000),
      }),
      result: ServiceProviderRow,
      permission: canWrite('sso'),
      summary: 'Add or edit a Service Provider (host administrators)',
    }),
    deleteServiceProvider: method({
      args: z.object({ id: z.number().int().positive(), expectedVersion: Expected }),
      result: z.object({}),
      permission: canWrite('sso'),
      summary: 'Delete a Service Provider',
    }),
    serviceProviderMetadata: method({
      args: z.object({ id: z.number().int().positive() }),
      result: z.object({ xml: z.string(), fileName: z.string() }),
      permission: canRead('sso'),
      summary: 'Get Metadata of a Service Provider',
    }),

    listIdentityProviders: method({
      args: z.object({}),
      result: z.array(IdentityProviderRow),
      permission: canRead('sso'),
      summary: 'SAML 2.0 Identity Providers',
    }),
    saveIdentityProvider: method({
      args: z.object({
        id: z.number().int().positive().optional(),
        expectedVersion: Expected.optional(),
        entityId: Url,
        ssoUrl: Url,
        usernameMatch: z.string().trim().max(500),
        sloUrl: Url.optional(),
        sloResponseUrl: Url.optional(),
        trust: IdpTrust,
      }),
      result: IdentityProviderRow,
      permission: canWrite('sso'),
      summary: 'Add Identity Provider manually, or edit one',
    }),
    previewMetadata: method({
      args: z.object({ metadata: z.string().max(1_000_000), metadataSigningCertificate: OptText(20000) }),
      result: MetadataPreview,
      permission: canWrite('sso'),
      summary: 'Read IdP metadata without saving (what Import would take)',
    }),
    importIdentityProvider: method({
      args: z.object({
        usernameMatch: z.string().trim().max(500),
        metadata: z.string().max(1_000_000),
        metadataSigningCertificate: OptText(20000),
      }),
      result: IdentityProviderRow,
      permission: canWrite('sso'),
      summary: 'Import from metadata (adds, or updates the IdP with the same Entity ID)',
    }),
    deleteIdentityProvider: method({
      args: z.object({ id: z.number().int().positive(), expectedVersion: Expected }),
      result: z.object({}),
      permission: canWrite('sso'),
      summary: 'Delete an Identity Provider no tenant uses',
    }),

    listTenantSettings: method({
      args: z.object({}),
      result: z.object({ singleTenant: z.boolean(), rows: z.array(TenantSsoRow) }),
      permission: canRead('sso'),
      summary: 'SAML 2.0 per tenant',
    }),
    saveTenantSettings: method({
      args: z.object({
        tenantId: z.number().int().positive(),
        expectedVersion: Expected,
        ssoEnabled: z.boolean(),
        idpId: z.number().int().positive().nullable(),
        singleLogout: z.boolean(),
      }),
      result: TenantSsoRow,
      permission: canWrite('sso'),
      summary: 'Single Sign On, Identity Provider and Single Logout of a tenant',
    }),
    testResponse: method({
      args: z.object({
        idpId: z.number().int().positive(),
        tenantId: z.number().int().positive().optional(),
        response: z.string().min(1, 'Paste a SAMLResponse').max(2_000_000),
      }),
      result: ResponseTestResult,
      permission: canRead('sso'),
      summary: 'Test a SAML response against an Identity Provider',
    }),

    getOidc: method({
      args: TenantArg,
      result: OidcConfig,
      permission: canRead('sso'),
      summary: 'External Identity Provider (OpenID Connect) of a tenant',
    }),
    saveOidc: method({
      args: z.object({
        tenantId: z.number().int().positive().optional(),
        expectedVersion: Expected,
        name: z.string().trim().max(100),
        entityId: z.string().trim().max(500),
        metadataLocation: Url,
        useExternalBrowser: z.boolean(),
        webDomain: z.string().trim().max(255),
      }),
      result: OidcConfig,
      permission: canWrite('sso'),
      summary: 'Save the External Identity Provider (all blank = none)',
    }),
    // Write, not read: it makes main fetch a URL the caller chooses (read permission never causes side effects).
    testOidc: method({
      args: z.object({ metadataLocation: Url }),
      result: DiscoveryResult,
      permission: canWrite('sso'),
      summary: 'Fetch the discovery document',
    }),

    getCircuit: method({
      args: TenantArg,
      result: CircuitConfig,
      permission: canRead('sso'),
      summary: 'Circuit sign-on of a tenant',
    }),
    saveCircuit: method({
      args: z.object({
        tenantId: z.number().int().positive().optional(),
        expectedVersion: Expected,
        enabled: z.boolean(),
        clientId: z.string().trim().max(200),
        /** Absent = keep the stored secret; '' = remove it. */
        clientSecret: z.string().max(1000).optional(),
        agentPortalUrl: Url,
        circuitLoginUrl: Url,
      }),
      result: CircuitConfig,
      permission: canWrite('sso'),
      summary: 'Save Circuit sign-on (the secret goes to the OS keychain)',
    }),
  },
  events: {},
});
