import { z } from 'zod';

/**
 * The areas a user type grants access to (DESIGN.md, issue 3 §4). Each area is
 * granted none / read / read-write; a method declares the level it needs.
 * The one shared list of areas: every contract part names its area (canRead('users')), the
 * enum must exist before any part is evaluated, and areas are not one per feature (system
 * covers tenants, trace and audit; alarms covers snmpServers). What the built-in user types get
 * on an area is in domain/userTypes.ts, which does not compile until a new area has its row.
 */
export const AREAS = [
  'users',
  'objectTags',
  'dispatch',
  'responseFiles',
  'sso',
  'system',
  'alarms',
  'logs',
  'email',
  'webManager',
  'genesys',
] as const;
export const Area = z.enum(AREAS);
export type Area = z.infer<typeof Area>;

export const AccessLevel = z.enum(['none', 'read', 'write']);
export type AccessLevel = z.infer<typeof AccessLevel>;

/** What a caller holds: a level per area (missing = none). */
export const PermissionSet = z.partialRecord(Area, AccessLevel);
export type PermissionSet = z.infer<typeof PermissionSet>;

/**
 * What a method needs.
 * - `public`: anyone who reached the app (the window, or a browser with the run token);
 *   used for the shell itself and sign-in.
 * - `signedIn`: any signed-in user.
 * - `{ area, level }`: the user type must grant at least `level` on `area`.
 */
export type Permission =
  | { readonly kind: 'public' }
  | { readonly kind: 'signedIn' }
  | { readonly kind: 'area'; readonly area: Area; readonly level: 'read' | 'write' };

export const PUBLIC: Permission = { kind: 'public' };
export const SIGNED_IN: Permission = { kind: 'signedIn' };
export const canRead = (area: Area): Permission => ({ kind: 'area', area, level: 'read' });
export const canWrite = (area: Area): Permission => ({ kind: 'area', area, level: 'write' });

/** Who is signed in, for the services' own checks (tenant, agent-group scope). */
export interface Identity {
  readonly userId: number;
  readonly logonId: string;
  readonly tenantId: number;
  /** Host administrators see and administer every tenant. */
  readonly hostAdmin: boolean;
  /** Supervisors: the agent groups whose users they may change; null = every group. */
  readonly agentGroupScope: readonly number[] | null;
}

/** The caller as main sees it. */
export interface Principal {
  readonly signedIn: boolean;
  readonly permissions: PermissionSet;
  readonly identity?: Identity;
}

export const ANONYMOUS: Principal = { signedIn: false, permissions: {} };

const RANK: Record<AccessLevel, number> = { none: 0, read: 1, write: 2 };

/** Returns null when allowed, otherwise the reason it is not. */
export function checkPermission(
  principal: Principal,
  needed: Permission,
): { code: 'NOT_SIGNED_IN' | 'FORBIDDEN'; message: string } | null {
  if (needed.kind === 'public') return null;
  if (!principal.signedIn) return { code: 'NOT_SIGNED_IN', message: 'Sign in first.' };
  if (needed.kind === 'signedIn') return null;
  const held = principal.permissions[needed.area] ?? 'none';
  if (RANK[held] >= RANK[needed.level]) return null;
  const wanted = needed.level === 'write' ? 'read-write' : 'read';
  return {
    code: 'FORBIDDEN',
    message: `Your user type grants ${held === 'none' ? 'no' : held} access to ${needed.area}; this needs ${wanted}.`,
  };
}
