import type { AccessLevel, SignedInUser } from '../../contract';
import type { Db } from '../../connectors/db/engine';
import { signedInUser } from '../users';

/**
 * Re-checking the signed-in user against the database: a console left open must not keep
 * rights its account lost (locked, deleted, password reset, user type changed or its
 * permissions reduced) — whether the change came from this console or another one on the
 * same database.
 */

/** What the session was opened with, beyond SignedInUser: the password it proved. */
export interface SessionStamp {
  userId: number;
  passwordHash: string | null;
}

export type EndReason = 'locked' | 'deleted' | 'password' | 'rights';

export type Verdict =
  { kind: 'ok' } | { kind: 'refresh'; user: SignedInUser } | { kind: 'end'; reason: EndReason; message: string };

const RANK: Record<AccessLevel, number> = { none: 0, read: 1, write: 2 };

/** True when `fresh` grants everything `old` did (and maybe more). */
export function rightsCover(old: SignedInUser, fresh: SignedInUser): boolean {
  if (old.hostAdmin && !fresh.hostAdmin) return false;
  if (fresh.homeTenantId !== old.homeTenantId) return false;
  for (const [area, level] of Object.entries(old.permissions) as Array<[string, AccessLevel]>) {
    const now = (fresh.permissions as Record<string, AccessLevel | undefined>)[area] ?? 'none';
    if (RANK[now] < RANK[level]) return false;
  }
  // Agent-group scope: null = every group; otherwise the fresh list must hold every old group.
  if (fresh.agentGroupScope !== null) {
    if (old.agentGroupScope === null) return false;
    if (old.agentGroupScope.some((g) => !fresh.agentGroupScope!.includes(g))) return false;
  }
  return true;
}

function sameRights(a: SignedInUser, b: SignedInUser): boolean {
  return (
    rightsCover(a, b) &&
    rightsCover(b, a) &&
    a.userType === b.userType &&
    a.logonId === b.logonId &&
    a.firstName === b.firstName &&
    a.lastName === b.lastName
  );
}

/** Who made the last change of this kind to the user, from the audit log ("admin", "admin on 10.1.2.3"). */
async function lastActor(db: Db, userId: number, actions: string[]): Promise<string | null> {
  const row = await db.kysely
    .selectFrom('audit_log')
    .select(['actor', 'actor_user_id'])
    .where('object_type', '=', 'user')
    .where('object_id', '=', String(userId))
    .where('action', 'in', actions)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return row.actor_user_id === userId ? 'you' : row.actor;
}

const by = (actor: string | null) => (actor ? `by ${actor}` : 'by an administrator');

/** Compares the session with the account as it is now. */
export async function checkPrincipal(
  db: Db,
  current: SignedInUser,
  stamp: SessionStamp,
  ownPasswordChange: boolean,
): Promise<Verdict> {
  const u = await db.kysely.selectFrom('cc_user').selectAll().where('id', '=', current.id).executeTakeFirst();
  if (!u || u.deleted === 1) {
    const actor = await lastActor(db, current.id, ['delete', 'bulk-delete']);
    return { kind: 'end', reason: 'deleted', message: `You were signed out: your account was deleted ${by(actor)}.` };
  }
  if (u.locked === 1) {
    if (u.lock_reason === 'failed-attempts') {
      return {
        kind: 'end',
        reason: 'locked',
        message:
          `You were signed out: your account was locked after too many failed logon ` +
          `attempts${u.locked_by_host ? ` (from ${u.locked_by_host})` : ''}.`,
      };
    }
    const actor = await lastActor(db, current.id, ['lock']);
    return { kind: 'end', reason: 'locked', message: `You were signed out: your account was locked ${by(actor)}.` };
  }
  if (u.password_hash !== stamp.passwordHash && !ownPasswordChange) {
    const actor = await lastActor(db, current.id, ['password-set', 'password-change']);
    return {
      kind: 'end',
      reason: 'password',
      message:
        `You were signed out: your password was ` +
        `${actor === 'you' ? 'changed by you on another console' : `reset ${by(actor)}`}. Sign in with the new ` +
        `password.`,
    };
  }
  const fresh = await signedInUser(db.kysely, u);
  if (sameRights(current, fresh)) return { kind: 'ok' };
  if (rightsCover(current, fresh)) return { kind: 'refresh', user: fresh };
  const actor = fresh.userType !== current.userType ? await lastActor(db, current.id, ['update', 'bulk-update']) : null;
  const what =
    fresh.userType !== current.userType
      ? `your user type was changed to ${fresh.userType}`
      : `the rights of your user type ${fresh.userType} were reduced`;
  return {
    kind: 'end',
    reason: 'rights',
    message: `You were signed out: ${what} ${by(actor)}. Sign in again to work with your new rights.`,
  };
}
