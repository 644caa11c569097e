import type { alarmsService as Contract } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { FeatureRuntime, ServiceDeps } from '../deps';

/** Starts the alarms feature (issue 8). */
export function startAlarms(deps: ServiceDeps): FeatureRuntime<ServiceImpl<typeof Contract>> {
  void deps;
  return { impl: () => ({}), dispose: async () => {} };
}
