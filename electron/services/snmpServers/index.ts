import type { snmpServersService as Contract } from '../../contract/services/snmpServers';
import type { ServiceImpl } from '../../ipc/router';
import type { FeatureRuntime, ServiceDeps } from '../deps';
import { createSnmpServersService, type SnmpServersOptions } from './snmpServersService';

export { agentSecretKey, qualifiedName } from './snmpServersService';

/**
 * Alarms › Servers: the SNMP agent check and the servers' SNMP Service configuration. No
 * running parts: each agent request opens and closes its own socket.
 */
export function startSnmpServers(
  deps: ServiceDeps,
  opts: SnmpServersOptions,
): FeatureRuntime<ServiceImpl<typeof Contract>> {
  const impl = createSnmpServersService(deps, opts);
  return { impl: () => impl, dispose: async () => {} };
}
