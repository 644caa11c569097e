import type { objectTagsService as Contract } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { FeatureRuntime, ServiceDeps } from '../deps';

/** Starts the objectTags feature (issue 4). */
export function startObjectTags(deps: ServiceDeps): FeatureRuntime<ServiceImpl<typeof Contract>> {
  void deps;
  return { impl: () => ({}), dispose: async () => {} };
}
