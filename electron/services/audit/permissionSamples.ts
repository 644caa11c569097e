/** Sample arguments for every non-public method of the audit service (permissions.test.ts calls each). */
export const samples: Record<string, unknown> = {
  'audit.query': {},
  'audit.exportCsv': {},
};
