/** Sample arguments for every non-public method of the service(s) below (permissions.test.ts calls each). */
export const samples: Record<string, unknown> = {};
