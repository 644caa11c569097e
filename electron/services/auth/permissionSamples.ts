/** Sample arguments for every non-public method of the auth service (permissions.test.ts calls each). */
export const samples: Record<string, unknown> = {
  'auth.signOut': {},
  'auth.selectTenant': { tenantId: 1 },
};
