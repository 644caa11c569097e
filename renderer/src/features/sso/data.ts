import { useQuery } from '@tanstack/react-query';
import { ccm, unwrap } from '../../api/client';
import { useDbTables, type DbTables } from '../../ui/kit/dbChanged';

/** react-query keys of the Single Sign-On area; all under 'sso', refreshed by useSsoLive. */
export const ssoKeys = {
  all: ['sso'] as const,
  sps: ['sso', 'sps'] as const,
  idps: ['sso', 'idps'] as const,
  tenants: ['sso', 'tenants'] as const,
  oidc: (tenantId: number | null) => ['sso', 'oidc', tenantId] as const,
  circuit: (tenantId: number | null) => ['sso', 'circuit', tenantId] as const,
};

/** The tables the SSO views read, for the one db.changed subscription. */
export const ssoTables: DbTables = {
  tables: [
    'saml_service_provider',
    'saml_identity_provider',
    'saml_tenant',
    'circuit_config',
    'sso_config',
    'tenant',
    'cc_user',
  ],
  keys: [ssoKeys.all],
};

/** Other consoles' saves arrive as db.changed; the app bridge does not know these tables. */
export const useSsoLive = (): void => useDbTables(ssoTables);

export const useServiceProviders = () =>
  useQuery({ queryKey: ssoKeys.sps, queryFn: () => unwrap(ccm.sso.listServiceProviders({})) });
export const useIdentityProviders = () =>
  useQuery({ queryKey: ssoKeys.idps, queryFn: () => unwrap(ccm.sso.listIdentityProviders({})) });
export const useTenantSettings = () =>
  useQuery({ queryKey: ssoKeys.tenants, queryFn: () => unwrap(ccm.sso.listTenantSettings({})) });

/** Copy to clipboard; answers whether it worked (the page may lack the permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
