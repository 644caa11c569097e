/** Sample arguments for every non-public method of the connections service (permissions.test.ts calls each). */
export const samples: Record<string, unknown> = {
  'connections.remove': { expectedVersion: 0, id: 'x' },
  'connections.clearPassword': { id: 'x' },
};
