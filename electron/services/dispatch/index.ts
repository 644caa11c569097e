import type { dispatchService as Contract } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { FeatureRuntime, ServiceDeps } from '../deps';

/** Starts the dispatch feature (issue 5). */
export function startDispatch(deps: ServiceDeps): FeatureRuntime<ServiceImpl<typeof Contract>> {
  void deps;
  return { impl: () => ({}), dispose: async () => {} };
}
