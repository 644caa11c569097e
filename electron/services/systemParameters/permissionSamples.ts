import { setupConfigSamples } from './setupConfigPermissionSamples';

/** Sample arguments for every guarded method of systemParameters (permissions.test.ts calls each). */
const ciscoDraft = {
  systemName: 'CUCM',
  pbxAddress: '127.0.0.1',
  failoverAddress: '',
  voicemailNumber: '',
  mwiAddress: '',
  axlUsername: '',
  axlPort: 9,
  axlVersion: '12.5',
  roles: [],
  trusted: null,
  password: null,
};
const endpoint = { address: '', port: null, username: '', password: null };
const draft = { http: endpoint, socks: { ...endpoint, version: 'v5' }, bypass: [] };
export const samples: Record<string, unknown> = {
  'systemParameters.getProxy': {},
  'systemParameters.saveProxy': { expectedVersion: 0, draft },
  'systemParameters.testProxy': { draft, url: 'http://127.0.0.1:9/' },
  'systemParameters.getNumbering': {},
  'systemParameters.saveNumbering': {
    expectedVersion: 0,
    settings: {
      useDefaults: true,
      internalPatterns: ['XXXX'],
      e164: false,
      localCountryCode: '',
      internationalPrefix: '00',
      incomingPrefix: '',
      eccIncomingIncludesPrefix: false,
      outgoingPrefix: '',
      outgoingSuffix: '',
      tapiIncludesPrefix: false,
      eccOutgoingIncludesPrefix: false,
    },
  },
  'systemParameters.normalize': { number: '2001', direction: 'outgoing' },
  'systemParameters.getUserAuth': {},
  'systemParameters.saveUserAuth': {
    expectedVersion: 0,
    settings: { authorityOrder: 'sso-local', rememberLoggedInUser: true, inactivityDays: 8 },
  },
  'systemParameters.getCustomerAuth': {},
  'systemParameters.saveCustomerAuth': {
    expectedVersion: 0,
    settings: { numberToCall: '', maxReserveSeconds: 120, sendDnFromAgent: true },
  },
  'systemParameters.exportCustomerAuthReg': {},
  'systemParameters.checkWsdlSuppression': { text: '<configuration/>' },
  'systemParameters.getCallRecording': {},
  'systemParameters.saveCallRecording': {
    expectedVersion: 0,
    settings: {
      integrated: false,
      voiceRecording: 'onDemand',
      mivcrRule: 'doNotRecordAllowOverride',
      mivcrServer: '',
      dllVersions: {
        mivcr: { ccasComClient: '', socketManager: '', secTraceLog: '' },
        micce: { ccasComClient: '', socketManager: '', secTraceLog: '' },
      },
    },
  },
  'systemParameters.getAgentDataAccess': {},
  'systemParameters.saveAgentDataAccess': {
    expectedVersion: 0,
    settings: {
      useAgentGroupForSkillAssignment: false,
      useAgentGroupForDial: false,
      suppressAgentsOutsideDepartment: false,
      useAgentGroupForMessaging: false,
      useAgentGroupForForce: false,
      useAgentGroupForMonitor: false,
    },
  },
  'systemParameters.saveUserTypePrivileges': { userTypeId: 1, expectedVersion: 1, privileges: [] },
  'systemParameters.agentDataView': { agentId: 1 },
  'systemParameters.getCiscoTelephony': {},
  'systemParameters.saveCiscoTelephony': { expectedVersion: 0, draft: ciscoDraft },
  'systemParameters.testCiscoAxl': { draft: ciscoDraft },
  'systemParameters.fetchCiscoCertificate': { host: '127.0.0.1', port: 9 },
  ...setupConfigSamples,
};
