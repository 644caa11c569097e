import type { AuditFilter, DbChange } from '../../../electron/contract';

/**
 * react-query keys. The first segment names what main's events invalidate (see
 * app/useEventBridge): 'auth' on auth.changed; 'tenants' / 'users' / 'audit' on db.changed.
 */
export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  launchOptions: ['app', 'launchOptions'] as const,
  prefs: ['prefs'] as const,
  auth: ['auth', 'status'] as const,
  connections: ['connections'] as const,
  tenants: ['tenants'] as const,
  policy: (tenantId: number) => ['tenants', 'policy', tenantId] as const,
  users: ['users'] as const,
  lockedUsers: (tenantId: number) => ['users', 'locked', tenantId] as const,
  userSearch: (tenantId: number, search: string) => ['users', 'search', tenantId, search] as const,
  audit: ['audit'] as const,
  auditPage: (filter: AuditFilter, offset: number, limit: number) => ['audit', 'page', filter, offset, limit] as const,
};

/**
 * The users area's lookups (agent groups, user types, the tenant's deletion settings). The
 * other areas (dispatch, SSO, object tags, response files, alarms) listen to db.changed for
 * their own tables.
 */
const USERS_LOOKUPS = ['users', 'lookups'] as const;

/** Which queries a db.changed batch makes stale. Every change is audited, so the audit log always is. */
export function keysForChanges(changes: readonly DbChange[]): ReadonlyArray<readonly unknown[]> {
  const tables = new Set(changes.map((c) => c.table));
  const keys: Array<readonly unknown[]> = [queryKeys.audit];
  // the policy (tenant) and one's own account (cc_user) decide the password warning
  if (tables.has('tenant')) keys.push(queryKeys.tenants, queryKeys.auth, USERS_LOOKUPS);
  if (tables.has('cc_user')) keys.push(queryKeys.users, queryKeys.auth);
  return keys;
}
