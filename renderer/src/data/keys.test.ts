import { describe, expect, it } from 'vitest';
import { keysForChanges, queryKeys } from './keys';

const change = (table: string) => ({ table, tenantId: 1, rowId: '1' });

describe('db.changed → stale queries', () => {
  it('any change refreshes the audit log', () => {
    expect(keysForChanges([change('object_tag')])).toEqual([queryKeys.audit]);
  });
  it('tenant → the password policy (tenants) and the password warning (auth)', () => {
    expect(keysForChanges([change('tenant')])).toEqual([
      queryKeys.audit,
      queryKeys.tenants,
      queryKeys.auth,
      ['users', 'lookups'],
    ]);
  });
  it('cc_user → the users queries (accounts) and auth', () => {
    expect(keysForChanges([change('cc_user'), change('cc_user')])).toEqual([
      queryKeys.audit,
      queryKeys.users,
      queryKeys.auth,
    ]);
  });
  it('the policy key sits under tenants, the locked users under users, so the prefixes reach them', () => {
    expect(queryKeys.policy(1).slice(0, 1)).toEqual(queryKeys.tenants);
    expect(queryKeys.lockedUsers(1).slice(0, 1)).toEqual(queryKeys.users);
  });
});
