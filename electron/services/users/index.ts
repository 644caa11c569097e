import { defineFeature } from '../feature';
import { usersMigration } from './migrations/008_users';
import { logonKeyMigration } from './migrations/009_logon_key';
import { userSearchMigration } from './migrations/018_user_search';
import { createUsersService } from './usersService';

// For other features (they import a feature only through its index.ts).
export { findByLogonId, signedInUser } from './userRepo';
export { assertMayChangeUser, type CallerPermissions } from './rights';
export { userSearchWhere } from './userSearch';

/** Users, agent groups, user types. The tables are core (001_initial); 008, 009 and 018 are this feature's. */
export const usersFeature = defineFeature({
  name: 'users',
  start: ({ data }) => ({ impl: createUsersService(data) }),
  migrations: {
    '008_users': usersMigration,
    '009_logon_key': logonKeyMigration,
    '018_user_search': userSearchMigration,
  },
});
