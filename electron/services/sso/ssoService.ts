import type { ssoService as Contract } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { circuitMethods } from './circuit';
import { identityProviderMethods } from './identityProviders';
import { oidcMethods } from './oidc';
import { serviceProviderMethods } from './serviceProviders';
import { tenantSettingsMethods } from './tenantSettings';

export { circuitSecretKey } from './common';

/**
 * Single sign-on configuration: SAML 2.0 service and identity providers, each tenant's SAML
 * settings, OpenID Connect and Circuit. One file per resource (serviceProviders.ts,
 * identityProviders.ts, tenantSettings.ts, oidc.ts, circuit.ts; shared rules in common.ts),
 * composed here.
 */
export function createSsoService(deps: ServiceDeps): ServiceImpl<typeof Contract> {
  return {
    ...serviceProviderMethods(deps),
    ...identityProviderMethods(deps),
    ...tenantSettingsMethods(deps),
    ...oidcMethods(deps),
    ...circuitMethods(deps),
  };
}
