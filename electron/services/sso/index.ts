import { defineFeature } from '../feature';
import { seedSsoDemo } from './demo';
import { ssoMigration } from './migrations/006_sso';
import { OidcSignIn } from './oidcSignIn';
import { createSsoService } from './ssoService';
import './schema';

/** The sso feature (issue 7): SAML 2.0 / OIDC / Circuit configuration, and the OIDC sign-in behind auth.ssoBegin. */
export const ssoFeature = defineFeature({
  name: 'sso',
  start: (deps) => {
    const signIn = new OidcSignIn(deps);
    deps.auth.attachSso(signIn);
    const impl = createSsoService(deps);
    return { impl, dispose: async () => signIn.dispose() };
  },
  migrations: { '006_sso': ssoMigration },
  demo: seedSsoDemo,
});
