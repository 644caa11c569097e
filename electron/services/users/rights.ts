import type { Kysely } from 'kysely';
import { PermissionSet } from '../../contract';
import type { Database } from '../../connectors/db/schema';
import type { Tx } from '../../connectors/db/unitOfWork';
import { ServiceError } from '../../ipc/errors';

type Q = Kysely<Database> | Tx;

/** What the caller holds (the signed-in principal). */
export interface CallerPermissions {
  hostAdmin: boolean;
  permissions: PermissionSet;
}

/** A user type as the rights rules see it. */
export interface TypeGrant {
  id: number;
  name: string;
  hostAdmin: boolean;
  permissions: PermissionSet;
}

const RANK = { none: 0, read: 1, write: 2 } as const;

/** user_type.permissions as stored; a damaged column grants nothing rather than everything. */
export function parseGrants(json: string): PermissionSet {
  try {
    const parsed = PermissionSet.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * Why the caller may not act on (give, or change a user of) this user type, or null when
 * they may: a host administrator type needs a host administrator; any area the type grants
 * above the caller's own level needs someone who holds it.
 */
export function exceedsCaller(caller: CallerPermissions, t: TypeGrant): string | null {
  if (t.hostAdmin && !caller.hostAdmin) return `"${t.name}" is a host administrator type`;
  for (const [area, level] of Object.entries(t.permissions)) {
    const mine = caller.permissions[area as keyof PermissionSet] ?? 'none';
    if (RANK[level] > RANK[mine]) return `"${t.name}" grants ${level} access to ${area}, more than your own`;
  }
  return null;
}

/** The tenant's user types by id. */
export async function typeGrants(q: Q, tenantId: number): Promise<Map<number, TypeGrant>> {
  const rows = await q
    .selectFrom('user_type')
    .select(['id', 'name', 'is_host_admin', 'permissions'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.name, hostAdmin: r.is_host_admin === 1, permissions: parseGrants(r.permissions) },
    ]),
  );
}

/**
 * Supervisor → Administrator: every write on an existing user is refused when the user's
 * CURRENT user type grants more than the caller holds, or is a host administrator type and
 * the caller is not a host administrator — whatever the write (save, password, lock, unlock,
 * move, change type, delete, undelete, bulk edit, CSV update). One such user in a bulk refuses
 * the whole action (it runs in one transaction), naming the first few and the count.
 */
export function assertMayChangeUsers(
  caller: CallerPermissions,
  targets: ReadonlyArray<{ logon_id: string; user_type_id: number }>,
  types: ReadonlyMap<number, TypeGrant>,
): void {
  const refused: Array<{ logonId: string; why: string }> = [];
  for (const t of targets) {
    const type = types.get(t.user_type_id);
    // A type of another tenant cannot be the target's (foreign key + tenant check); treat an unknown one as
    // unchangeable.
    const why = type ? exceedsCaller(caller, type) : `#${t.user_type_id} is not one of this tenant`;
    if (why) refused.push({ logonId: t.logon_id, why });
  }
  if (refused.length === 0) return;
  if (targets.length === 1) {
    throw new ServiceError(
      'FORBIDDEN',
      `You cannot change ${refused[0]!.logonId}: its user type ${refused[0]!.why}. Only someone who holds at least ` +
        `what a user's type grants can change that user.`,
    );
  }
  const named = refused
    .slice(0, 3)
    .map((r) => r.logonId)
    .join(', ');
  throw new ServiceError(
    'FORBIDDEN',
    `${refused.length} of the ${targets.length} selected users have a user type that grants more than yours ` +
      `(${named}${refused.length > 3 ? ', …' : ''}; e.g. ${refused[0]!.why}). Nothing was changed: leave them out.`,
  );
}

/** One user, read in the caller's transaction where there is one. */
export async function assertMayChangeUser(
  q: Q,
  tenantId: number,
  caller: CallerPermissions,
  target: { logon_id: string; user_type_id: number },
): Promise<void> {
  assertMayChangeUsers(caller, [target], await typeGrants(q, tenantId));
}
