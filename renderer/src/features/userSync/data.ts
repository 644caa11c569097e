import type { DbTables } from '../../ui/kit/dbChanged';

/** react-query keys of User Synchronization; all under 'userSync'. */
export const userSyncKeys = {
  all: ['userSync'] as const,
  config: ['userSync', 'config'] as const,
  runs: ['userSync', 'runs'] as const,
};

/** Saves of other consoles (settings, runs, the users a run changed) refresh the tab. */
export const userSyncTables: DbTables = {
  tables: ['user_sync_config', 'user_sync_run', 'tenant', 'cc_user'],
  keys: [userSyncKeys.all],
};

/** The one User Synchronization tab (the working tenant's). */
export const USER_SYNC_TAB_KEY = 'users.sync';
