/** Sample arguments for every non-public method of the service(s) below (permissions.test.ts calls each). */
const settings = { enabled: false, address: '127.0.0.1', port: 0, communities: ['public'], acceptAnyHost: true, acceptHosts: [], retentionDays: 30, maxTrapRows: 100000, notifyDesktop: false };
const config = { oidPattern: '1.3.6.1.4.1.4242.*', name: 'x', category: 'Status Alarms', severity: 'Minor', messageFormat: '$1', dedupeKey: '', clearKey: '' };
export const samples: Record<string, unknown> = {
  'alarms.status': {},
  'alarms.list': { filter: {}, limit: 10, offset: 0 },
  'alarms.get': { id: 1 },
  'alarms.acknowledge': { ids: [1], acknowledged: true },
  'alarms.clear': { ids: [1] },
  'alarms.setNotes': { id: 1, notes: 'x' },
  'alarms.exportCsv': { filter: {} },
  'alarms.eventConfigs': {},
  'alarms.saveEventConfig': { id: null, expectedVersion: 0, config },
  'alarms.deleteEventConfig': { id: 1, expectedVersion: 1 },
  'alarms.mibs': {},
  'alarms.importMibs': { files: [{ name: 'x.mib', text: 'X DEFINITIONS ::= BEGIN\nEND' }] },
  'alarms.removeMib': { module: 'X' },
  'alarms.translate': { oids: ['1.3.6.1'] },
  'alarms.settings': {},
  'alarms.saveSettings': { expectedVersion: 1, settings },
  'alarms.saveV3User': { name: 'u', level: 'noAuthNoPriv', authProtocol: 'sha', privProtocol: 'aes' },
  'alarms.deleteV3User': { name: 'u' },
  'alarms.sendTestTrap': { version: 'v2c' },
};
