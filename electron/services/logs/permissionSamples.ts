/** Sample arguments for every non-public method of the logs service (permissions.test.ts calls each). */
export const samples: Record<string, unknown> = {
  'logs.sources': {},
  'logs.saveSource': {
    expectedVersion: 0,
    source: { id: '', kind: 'tcp', name: 'x', host: '127.0.0.1', port: 1, enabled: false },
  },
  'logs.removeSource': { expectedVersion: 0, id: 'x' },
  'logs.setCapacity': { megabytes: 64 },
  'logs.clear': {},
  'logs.allowedFolders': {},
  'logs.setAllowedFolders': { folders: null },
  'logs.openView': { filter: {} },
  'logs.closeView': { viewId: 'x' },
  'logs.window': { viewId: 'x', offset: 0, count: 10 },
  'logs.find': { viewId: 'x', from: 0, direction: 'next', what: 'error' },
  'logs.exportText': { viewId: 'x' },
};
