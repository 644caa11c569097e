/**
 * What deleting a user does (seed 001, USER SYNCHRONIZATION → User Deletion and New Users).
 *
 * - "By default, users created during the synchronization process cannot be manually
 *   deleted": a synchronized user (one with a Sync ID) is refused unless the tenant's
 *   *Allow Manual Deletion for Synchronized Users* is set.
 * - "If a previously synched user was found that is deleted, the user will be undeleted.
 *   A new user will not be created. The user will maintain all previous settings." So a
 *   synchronized user's deletion is SOFT: the row stays (deleted = 1) with its Sync ID,
 *   Logon ID, Directory Number, tags and everything else, and can be undeleted — by the
 *   next synchronization or by Undelete here. Its unique values stay reserved meanwhile
 *   (the unique indexes include deleted rows), so an undelete can never collide.
 * - A user created by hand has no Sync ID: nothing can ever find and undelete it, so the
 *   seed implies no undelete. Its deletion is HARD (the row and its dependants go), which
 *   frees its Logon ID, Directory Number, External Logon ID and Circuit User for reuse.
 * - Nobody deletes the account they are signed in with.
 */
export type DeletionDecision = { kind: 'soft' } | { kind: 'hard' } | { kind: 'refuse'; message: string };

export function deletionOf(
  user: { id: number; logonId: string; syncId: string | null; deleted: boolean },
  tenant: { allowManualDeleteSynced: boolean },
  actorUserId: number | null,
): DeletionDecision {
  if (user.deleted) return { kind: 'refuse', message: `${user.logonId} is already deleted.` };
  if (user.id === actorUserId)
    return {
      kind: 'refuse',
      message: `${user.logonId} is the account you are signed in with; another administrator must delete it.`,
    };
  if (user.syncId !== null) {
    if (!tenant.allowManualDeleteSynced) {
      return {
        kind: 'refuse',
        message:
          `${user.logonId} is synchronized from the directory (Sync ID ${user.syncId}): synchronized users ` +
          `cannot be deleted manually unless the tenant allows it (User deletion → Allow Manual Deletion for ` +
          `Synchronized Users).`,
      };
    }
    return { kind: 'soft' };
  }
  return { kind: 'hard' };
}
