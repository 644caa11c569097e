import type { UserFields } from '../../contract';
import type { Tx } from '../../connectors/db/unitOfWork';

/** One user's save as a guard sees it: the fields before and after, inside the save's transaction. */
interface UserSaveChange {
  readonly tenantId: number;
  readonly userId: number;
  readonly logonId: string;
  readonly before: UserFields;
  readonly after: UserFields;
}

/**
 * A rule another feature adds to saving a user (Web Manager: a virtual agent cannot get Windows
 * logon, SAML2 SSO, Automatic Post-processing or Mandatory wrap-up reason). It runs in the save's
 * transaction after the row is written (so the row is locked on PostgreSQL and a concurrent write
 * of the feature's own rows that reads it with FOR SHARE waits for it); it throws a ServiceError
 * naming the field to refuse the save, which then rolls back.
 */
export type UserSaveGuard = (tx: Tx, change: UserSaveChange) => Promise<void>;

/**
 * A rule another feature adds to deleting users (Genesys Cloud: its PureCloudAdmin user). It runs
 * in the delete's transaction before any row goes, with every user about to be deleted; it throws
 * a ServiceError to refuse the whole delete.
 */
export type UserDeleteGuard = (
  tx: Tx,
  tenantId: number,
  users: readonly { readonly id: number; readonly logonId: string }[],
) => Promise<void>;

/** The users feature's runtime: features that declare `needs: [usersFeature]` add their guards at start. */
export interface UsersRuntime {
  addSaveGuard(guard: UserSaveGuard): void;
  addDeleteGuard(guard: UserDeleteGuard): void;
}

export interface SaveGuards extends UsersRuntime {
  run(tx: Tx, change: UserSaveChange): Promise<void>;
  runDelete: UserDeleteGuard;
}

export function createSaveGuards(): SaveGuards {
  const guards: UserSaveGuard[] = [];
  const deleteGuards: UserDeleteGuard[] = [];
  return {
    addSaveGuard: (guard) => {
      guards.push(guard);
    },
    addDeleteGuard: (guard) => {
      deleteGuards.push(guard);
    },
    run: async (tx, change) => {
      for (const guard of guards) await guard(tx, change);
    },
    runDelete: async (tx, tenantId, users) => {
      for (const guard of deleteGuards) await guard(tx, tenantId, users);
    },
  };
}
