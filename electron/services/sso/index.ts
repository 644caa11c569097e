import type { ssoService as Contract } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { FeatureRuntime, ServiceDeps } from '../deps';
import { OidcSignIn } from './oidcSignIn';
import { createSsoService } from './ssoService';

/** Starts the sso feature (issue 7): SAML 2.0 / OIDC / Circuit configuration, and the OIDC sign-in behind auth.ssoBegin. */
export function startSso(deps: ServiceDeps): FeatureRuntime<ServiceImpl<typeof Contract>> {
  const signIn = new OidcSignIn(deps);
  deps.auth.attachSso(signIn);
  const impl = createSsoService(deps);
  return {
    impl: () => impl,
    dispose: async () => signIn.dispose(),
  };
}
