/** Sample arguments for every non-public method of the tenants service (permissions.test.ts calls each). */
export const samples: Record<string, unknown> = {
  'tenants.list': {},
  'tenants.getPolicy': { tenantId: 1 },
  'tenants.savePolicy': {
    tenantId: 1,
    expectedVersion: 1,
    policy: { lockoutAfterAttempts: 1, cannotReuseLast: 0, expiresAfterDays: 0, warnDaysRemaining: 0 },
  },
};
