import { alarmsFeature } from '../alarms';
import { defineFeature } from '../feature';
import { snmpServersMigration } from './migrations/012_snmp_servers';
import { createSnmpServersService } from './snmpServersService';
import './schema';

export { agentSecretKey } from './snmpServersService';

/**
 * Alarms › Servers: the SNMP agent check and the servers' SNMP Service configuration. No
 * running parts: each agent request opens and closes its own socket. It reads the alarms
 * feature's MIBs and listener settings (`needs: [alarmsFeature]`).
 */
export const snmpServersFeature = defineFeature({
  name: 'snmpServers',
  needs: [alarmsFeature],
  start: (deps, features) => {
    const alarms = features.runtimeOf(alarmsFeature);
    return { impl: createSnmpServersService(deps, { mib: () => alarms.mib, listener: () => alarms.settings }) };
  },
  migrations: { '012_snmp_servers': snmpServersMigration },
});
