import type { ssoService as Contract } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { FeatureRuntime, ServiceDeps } from '../deps';

/** Starts the sso feature (issue 7). */
export function startSso(deps: ServiceDeps): FeatureRuntime<ServiceImpl<typeof Contract>> {
  void deps;
  return { impl: () => ({}), dispose: async () => {} };
}
