/** Sample arguments for every non-public method of the service(s) below (permissions.test.ts calls each). */
const fields = {
  logonId: 'sample',
  firstName: 'S',
  lastName: 'Ample',
  directoryNumber: null,
  agentGroupId: 1,
  userTypeId: 1,
  externalLogonId: null,
  chatDisplayName: null,
  circuitUser: null,
  phoneAgentLogon: 'useSystemSetting',
  personalDefaultDestination: null,
  dispatchPrivilege: false,
};

export const samples: Record<string, unknown> = {
  'users.page': {},
  'users.lock': { id: 1, expectedVersion: 1 },
  'users.unlock': { id: 1, expectedVersion: 1 },
  'users.bulkUpdate': { edits: [{ id: 1, expectedVersion: 1, changes: { lastName: 'X' } }] },
  'users.setPassword': { id: 1, expectedVersion: 1, password: 'Whatever#123' },
  'users.lookups': {},
  'users.get': { id: 1 },
  'users.create': { fields },
  'users.save': { id: 1, expectedVersion: 1, fields },
  'users.copy': { id: 1, fields: { ...fields, logonId: 'sample2' } },
  'users.bulk': { selection: { ids: [1] }, action: { kind: 'lock' } },
  'users.count': { selection: { filter: {} } },
  'users.exportCsv': { filter: {} },
  'users.importCsv': { text: 'Logon ID\r\nx\r\n' },
  'users.cancelImport': { importId: '00000000-0000-4000-8000-000000000000' },
  'users.saveDeletionSettings': { expectedVersion: 1, neverDeleteSynced: false, allowManualDeleteSynced: false },
};
