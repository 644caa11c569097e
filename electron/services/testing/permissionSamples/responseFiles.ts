/** Sample arguments for every non-public method of the service(s) below (permissions.test.ts calls each). */
const items = [{ id: 'a', parent: null, kind: 'response', name: 'Hello', expanded: null, description: null, src: null, text: 'Hi $Agent.Name$', extra: [], order: [] }];
const samplesValues = {
  agentName: 'A', agentFirstName: 'A', agentLastName: 'B', agentChatName: 'A', customerName: 'C', customerEmail: 'c@x', subject: 'S', fromName: 'F', fromAddress: 'f@x', smsFrom: '+1',
  serviceGroupName: 'G', serviceGroupEmail: 'g@x', callId: '1', received: '2026-01-01T00:00:00Z', now: '2026-01-01T00:00:00Z',
};
export const samples: Record<string, unknown> = {
  'responseFiles.identifiers': {},
  'responseFiles.list': {},
  'responseFiles.get': { id: 1 },
  'responseFiles.parse': { content: '<ResponseFile/>' },
  'responseFiles.check': { id: null, items, location: null },
  'responseFiles.create': { name: 'x', location: null, content: null },
  'responseFiles.save': { id: 1, expectedVersion: 1, name: 'x', location: null, items },
  'responseFiles.remove': { id: 1, expectedVersion: 1 },
  'responseFiles.exportXml': { id: 1 },
  'responseFiles.exportToFolder': { id: 1, folder: '/tmp', withSrc: false, overwrite: false },
  'responseFiles.importFromPath': { path: '/tmp/x.xml' },
  'responseFiles.preview': { items, location: null, media: 'email', samples: samplesValues, locale: 'en-US', allowRemote: false },
};
