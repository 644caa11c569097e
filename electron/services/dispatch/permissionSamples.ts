/** Sample arguments for every non-public method of the service(s) below (permissions.test.ts calls each). */
const state = {
  loggedOn: true,
  activity: 'idle',
  dispatchAccess: true,
  answersInTime: true,
  freeWithinMaxWait: false,
  personalDefaultReachable: true,
  systemDefaultReachable: true,
};
const group = {
  name: 'X',
  mediaType: 'voice',
  routing: 'manual',
  personalCalls: false,
  displayInDispatch: false,
  maxWaitPersonalSec: 0,
  openRule: 'logged_on',
  skillIds: [],
  responseFileId: null,
  callerIdId: null,
  agentsMayChangeCallerId: false,
};

export const samples: Record<string, unknown> = {
  'dispatch.lookups': {},
  'dispatch.getSettings': {},
  'dispatch.saveSettings': {
    expectedVersion: 1,
    settings: {
      ringTimeSupervisionSec: 15,
      systemDefaultDestination: null,
      allowViewAllDispatchGroups: false,
      autoRestoreLogon: false,
      dispatchLicences: null,
    },
    callerIds: [],
  },
  'dispatch.listServiceGroups': {},
  'dispatch.getServiceGroup': { id: 1 },
  'dispatch.saveServiceGroup': { id: null, expectedVersion: 0, fields: group },
  'dispatch.deleteServiceGroup': { id: 1, expectedVersion: 1 },
  'dispatch.listServiceAccesses': {},
  'dispatch.saveServiceAccess': {
    id: null,
    expectedVersion: 0,
    fields: { name: 'X', bvdNumber: '4999', serviceGroupId: 1 },
  },
  'dispatch.deleteServiceAccess': { id: 1, expectedVersion: 1 },
  'dispatch.agentsPage': {},
  'dispatch.saveAgent': {
    id: 1,
    expectedVersion: 1,
    fields: { directoryNumber: null, personalDefaultDestination: null, dispatchPrivilege: false, skills: [] },
  },
  'dispatch.preview': { serviceAccessId: 1, designation: { kind: 'calledNumber', number: '5000' }, state },
  'dispatch.checkConfiguration': {},
  'dispatch.agentView': { agentId: 1 },
  'dispatch.autoLogon': {},
  'dispatch.savePhoneAgentLogon': {
    fields: { agentId: 1, callManagerId: 1, phoneNum: '5500', readyStatus: false, priorityLogon: false },
    replace: false,
  },
  'dispatch.deletePhoneAgentLogon': { agentId: 1 },
  'dispatch.listCallManagers': {},
  'dispatch.saveCallManager': {
    id: null,
    expectedVersion: 0,
    fields: { name: 'X', serverType: 'OAS', host: 'x.example', port: 7001, site: null },
  },
  'dispatch.deleteCallManager': { id: 1, expectedVersion: 1 },
};
