import type { objectTagsService as Contract } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { FeatureRuntime, ServiceDeps } from '../deps';
import { createObjectTagsService } from './objectTagsService';

/** Starts the objectTags feature (issue 4): plain request/response, nothing running in the background. */
export function startObjectTags(deps: ServiceDeps): FeatureRuntime<ServiceImpl<typeof Contract>> {
  const impl = createObjectTagsService(deps.data);
  return { impl: () => impl, dispose: async () => {} };
}
