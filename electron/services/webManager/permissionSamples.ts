import { SPEECH_DEFAULTS } from '../../contract/services/webManager';

/** Sample arguments for every non-public method of webManager (permissions.test.ts calls each). */
const profile = {
  name: 'Sample',
  type: 'connector' as const,
  url: '',
  projectId: '',
  tokenEndpoint: '',
  apiEndpoint: '',
  fallbackMessage: 'Sorry',
  sessionTimeoutMin: 3,
  timeoutMessage: '',
  speech: SPEECH_DEFAULTS,
};
export const samples: Record<string, unknown> = {
  'webManager.listRestClients': {},
  'webManager.generateToken': {},
  'webManager.saveRestClient': { id: null, expectedVersion: 0, name: 'sample', token: 'x'.repeat(20) },
  'webManager.deleteRestClient': { id: 1, expectedVersion: 1 },
  'webManager.listClip': {},
  'webManager.saveClip': { id: null, expectedVersion: 0, item: { number: '1234', name: 'Sample' } },
  'webManager.deleteClip': { id: 1, expectedVersion: 1 },
  'webManager.listProfiles': {},
  'webManager.saveProfile': { id: null, expectedVersion: 0, profile },
  'webManager.deleteProfile': { id: 1, expectedVersion: 1 },
  'webManager.testProfile': { id: 1 },
  'webManager.listAgents': {},
  'webManager.setAgents': { profileId: 1, expectedVersion: 1, userIds: [] },
  'webManager.listActions': { profileId: 1 },
  'webManager.saveAction': {
    profileId: 1,
    id: null,
    expectedVersion: 0,
    action: { kind: 'externalSystemRequest', name: 'lookup', uriParameter: 'uri' },
  },
  'webManager.deleteAction': { profileId: 1, id: 1, expectedVersion: 1 },
  'webManager.getCalendar': {},
  'webManager.saveCalendar': {
    expectedVersion: 0,
    settings: {
      enabled: false,
      clientId: '',
      directoryTenantId: '',
      authorityUrl: 'https://login.microsoftonline.com',
      graphUrl: 'https://graph.microsoft.com',
    },
  },
  'webManager.testCalendar': { upn: 'someone@example.com' },
};
