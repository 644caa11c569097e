import { defineFeature } from '../feature';
import { usersMigration } from './migrations/008_users';
import { logonKeyMigration } from './migrations/009_logon_key';
import { userSearchMigration } from './migrations/018_user_search';
import { userSearchTrigramMigration } from './migrations/033_user_search_trigram';
import { createSaveGuards, type UsersRuntime } from './saveGuards';
import { createUsersService } from './usersService';

// For other features (they import a feature only through its index.ts).
export { findByLogonId, signedInUser } from './userRepo';
export { assertMayChangeUser, type CallerPermissions } from './rights';
export { userSearchWhere } from './userSearch';
export type { UserDeleteGuard, UserSaveGuard } from './saveGuards';

/**
 * Users, agent groups, user types. The tables are core (001_initial); 008, 009, 018 and 033 are this feature's.
 * Its runtime lets a later feature add a rule to saving a user (`addSaveGuard`) or deleting users
 * (`addDeleteGuard`), see saveGuards.ts.
 */
export const usersFeature = defineFeature({
  name: 'users',
  start: ({ data, bus }) => {
    const guards = createSaveGuards();
    const runtime: UsersRuntime = { addSaveGuard: guards.addSaveGuard, addDeleteGuard: guards.addDeleteGuard };
    return { impl: createUsersService(data, guards, (p) => bus.emit('users.importProgress', p)), runtime };
  },
  migrations: {
    '008_users': usersMigration,
    '009_logon_key': logonKeyMigration,
    '018_user_search': userSearchMigration,
    '033_user_search_trigram': userSearchTrigramMigration,
  },
});
