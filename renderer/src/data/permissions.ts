import type { AccessLevel, Area, PermissionSet } from '../../../electron/contract';

/**
 * What the signed-in user's type grants, as the UI uses it. The UI hides what a user
 * may not do; main refuses it anyway (electron/contract/permissions.ts checkPermission).
 */
export const levelOf = (perms: PermissionSet | undefined, area: Area): AccessLevel => perms?.[area] ?? 'none';
export const canRead = (perms: PermissionSet | undefined, area: Area): boolean => levelOf(perms, area) !== 'none';
export const canWrite = (perms: PermissionSet | undefined, area: Area): boolean => levelOf(perms, area) === 'write';

/** The areas to show, in navigation order: those granted read or read-write. */
export function visibleAreas<T extends { id: Area }>(all: readonly T[], perms: PermissionSet | undefined): T[] {
  return all.filter((a) => canRead(perms, a.id));
}

/** The preferred start area when the user may see it, else the first area they may see (null: none). */
export function startAreaFor(
  all: readonly { id: Area }[],
  perms: PermissionSet | undefined,
  preferred: Area,
): Area | null {
  if (canRead(perms, preferred)) return preferred;
  return visibleAreas(all, perms)[0]?.id ?? null;
}
