import type { responseFilesService as Contract } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { FeatureRuntime, ServiceDeps } from '../deps';

/** Starts the responseFiles feature (issue 6). */
export function startResponseFiles(deps: ServiceDeps): FeatureRuntime<ServiceImpl<typeof Contract>> {
  void deps;
  return { impl: () => ({}), dispose: async () => {} };
}
