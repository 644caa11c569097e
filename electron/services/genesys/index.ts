import { MICC_BASE_OID } from '../../domain/alarms/trap';
import { alarmsFeature } from '../alarms';
import { defineFeature } from '../feature';
import { usersFeature } from '../users';
import { createGenesysService } from './genesysService';
import { genesysMigration } from './migrations/016_genesys';
import { genesysSmsMembersMigration } from './migrations/024_genesys_sms_members';
import { genesysDialGroupsMigration } from './migrations/028_genesys_dial_groups';
import { pureCloudAdminDeleteGuard, pureCloudAdminSaveGuard } from './pureCloudAdmin';
import { GenesysSync, type SyncOptions } from './sync';
import './schema';

export { genesysSecretKey } from './sync';

/** Test and benchmark timings (never in production builds). */
function optionsFromEnv(): SyncOptions {
  if (process.env.NODE_ENV === 'production') return {};
  const n = (name: string) => {
    const v = Number(process.env[name]);
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const o: SyncOptions = {};
  const probe = n('CCM_GENESYS_PROBE_MS');
  const full = n('CCM_GENESYS_FULL_SYNC_MS');
  const conc = n('CCM_GENESYS_CONCURRENCY');
  if (probe) o.probeMs = probe;
  if (full) o.fullSyncMs = full;
  if (conc) o.concurrency = conc;
  return o;
}

/**
 * Genesys Cloud for PureConnect (seed 004): configuration, provisioning, the one-way
 * synchronization and Integration Health. A lost connection raises the same alarm as the
 * bridge's 47000 trap (and 47001 when it is back) through the alarms runtime (`needs: [alarmsFeature]`).
 */
export const genesysFeature = defineFeature({
  name: 'genesys',
  needs: [alarmsFeature, usersFeature],
  start: (deps, features) => {
    // The integration's own user is never renamed or deleted (the users service asks these).
    const users = features.runtimeOf(usersFeature);
    users.addSaveGuard(pureCloudAdminSaveGuard);
    users.addDeleteGuard(pureCloudAdminDeleteGuard);
    const alarms = features.runtimeOf(alarmsFeature);
    const raise = (lost: boolean, source: string, text: string): boolean => {
      const event = lost ? 47000 : 47001;
      return alarms.raiseLocal({
        receivedAt: new Date().toISOString(),
        source,
        version: 'v2c',
        kind: 'trap',
        trapOid: `${MICC_BASE_OID}.0.${event}`,
        uptime: null,
        varbinds: [{ oid: `${MICC_BASE_OID}.1`, type: 'OctetString', value: text }],
      });
    };
    const sync = new GenesysSync(deps, raise, optionsFromEnv());
    return { impl: createGenesysService(deps, sync), runtime: sync, dispose: () => sync.dispose() };
  },
  migrations: {
    '016_genesys': genesysMigration,
    '024_genesys_sms_members': genesysSmsMembersMigration,
    '028_genesys_dial_groups': genesysDialGroupsMigration,
  },
});
