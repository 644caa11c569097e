import { useCallback, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CcmErrorShape, Envelope } from '../../../../electron/contract';
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

/**
 * Runs a contract call for a form: busy flag, the error main answered (shown under the field
 * it names, else above the form), and a refresh of the area's queries on success.
 */
export function useAction() {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CcmErrorShape | null>(null);
  const run = useCallback(
    async <T>(call: () => Promise<Envelope<T>>): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        const env = await call();
        if (!env.ok) {
          setError(env.error);
          return undefined;
        }
        void qc.invalidateQueries({ queryKey: ssoKeys.all });
        return env.value;
      } finally {
        setBusy(false);
      }
    },
    [qc],
  );
  /** Field props for a Fluent Field: the error under the field main named. */
  const fieldError = (name: string) => {
    const message = error && error.field?.split('.').pop() === name ? error.message : undefined;
    return message
      ? {
          validationState: 'error' as const,
          validationMessage: { children: message, 'data-testid': `sso-${name}-error` },
        }
      : {};
  };
  /** An error naming none of the given fields: shown above the form. */
  const generalError = (fields: readonly string[]) =>
    error && !fields.includes(error.field?.split('.').pop() ?? '') ? error : null;
  /** Typing in a field clears the error shown under it. */
  const clear = (name: string) => setError((e) => (e && e.field?.split('.').pop() === name ? null : e));
  return { busy, error, setError, run, fieldError, generalError, clear };
}

/** Copy to clipboard; answers whether it worked (the page may lack the permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
