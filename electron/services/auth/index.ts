import type { LaunchOptions } from '../../cli/flags';
import { defineFeature } from '../feature';

export { AuthService, setPasswordOf, type SsoSignInHook } from './authService';
export { Session } from './session';
export { revalidatingRouter } from './guard';

/** /tenantid:<n> as a tenant ID, or undefined when it is missing or not a number. */
export function tenantIdFlag(launchOptions: LaunchOptions): number | undefined {
  return launchOptions.tenantId !== undefined && /^\d+$/.test(launchOptions.tenantId)
    ? Number(launchOptions.tenantId)
    : undefined;
}

/**
 * Sign-in, sign-out and the session. The AuthService itself is shared infrastructure (every
 * call re-checks the session through it), so startCore creates it and hands it in the deps.
 */
export const authFeature = defineFeature({
  name: 'auth',
  start: ({ auth, launchOptions, notices }) => {
    if (launchOptions.tenantId !== undefined && tenantIdFlag(launchOptions) === undefined) {
      notices.raise(
        'warning',
        `/tenantid:${launchOptions.tenantId} is not a tenant ID (a number); choose the tenant on the sign-in form.`,
      );
    }
    return { impl: auth.impl() };
  },
});
