import type { alarmsService as Contract } from '../../contract/services/alarms';
import type { ServiceImpl } from '../../ipc/router';
import type { FeatureRuntime, ServiceDeps } from '../deps';
import { createAlarmsService } from './alarmsService';
import { AlarmsRuntime } from './runtime';

export { AlarmsRuntime } from './runtime';

/**
 * Starts the alarms feature (issue 8): the SNMP trap listener, the batching writer, the
 * retention timer and (with the embedded demo database) the demo trap source. All of them
 * stop in dispose(), after the queued traps are stored.
 */
export function startAlarms(
  deps: ServiceDeps,
): FeatureRuntime<ServiceImpl<typeof Contract>> & { runtime: AlarmsRuntime } {
  const runtime = new AlarmsRuntime(deps);
  const impl = createAlarmsService(deps, runtime);
  return { runtime, impl: () => impl, dispose: () => runtime.dispose() };
}
