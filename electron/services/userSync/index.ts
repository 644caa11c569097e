import { defineFeature } from '../feature';
import { userSyncMigration } from './migrations/013_user_sync';
import { userSyncDomainCsvMigration } from './migrations/025_user_sync_domain_csv';
import { createUserSync } from './userSyncService';
import './schema';

import { registerRuntime } from './runtimes';

export { userSyncRuntimeFor } from './runtimes';
export { runAdSync } from './adsync';

/**
 * Users › User Synchronization: Active Directory (LDAP) or Azure AD (Microsoft Graph) group members become the
 * tenant's users, previewed first and applied in one transaction per tenant.
 */
export const userSyncFeature = defineFeature({
  name: 'userSync',
  start: (deps) => {
    const { impl, runtime } = createUserSync(deps);
    registerRuntime(deps.data, runtime);
    // The daily schedule: checked every 30 s; a tenant's run is claimed in the database, so of several consoles
    // on one database one runs it, and the tenant lock keeps a manual run and a scheduled one apart.
    let ticking = false;
    const timer = setInterval(() => {
      if (ticking) return;
      ticking = true;
      void runtime
        .scheduleTick(new Date())
        .catch(() => {})
        .finally(() => (ticking = false));
    }, 30_000);
    timer.unref();
    return { impl, runtime, dispose: () => clearInterval(timer) };
  },
  migrations: { '013_user_sync': userSyncMigration, '025_user_sync_domain_csv': userSyncDomainCsvMigration },
});
