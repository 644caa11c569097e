/** Sample arguments for every non-public method of the service(s) below (permissions.test.ts calls each). */
export const samples: Record<string, unknown> = {
  'users.page': {},
  'users.lock': { id: 1, expectedVersion: 1 },
  'users.unlock': { id: 1, expectedVersion: 1 },
  'users.bulkUpdate': { edits: [{ id: 1, expectedVersion: 1, changes: { lastName: 'X' } }] },
  'users.setPassword': { id: 1, expectedVersion: 1, password: 'Whatever#123' },
};
