import { defineFeature } from '../feature';
import { userSyncMigration } from './migrations/013_user_sync';
import { createUserSync } from './userSyncService';
import './schema';

export type { UserSyncRuntime } from './userSyncService';

/**
 * Users › User Synchronization: Active Directory (LDAP) or Azure AD (Microsoft Graph) group members become the
 * tenant's users, previewed first and applied in one transaction per tenant.
 */
export const userSyncFeature = defineFeature({
  name: 'userSync',
  start: (deps) => {
    const { impl, runtime } = createUserSync(deps);
    return { impl, runtime };
  },
  migrations: { '013_user_sync': userSyncMigration },
});
