/** Sample arguments for every non-public method of genesys (permissions.test.ts calls each). */
const config = {
  enabled: false,
  adminEmail: '',
  orgShortName: '',
  region: 'mypurecloud.com',
  syncUsers: true,
  syncAdvanced: false,
  browserClientApps: [],
  dialGroups: [],
};
export const samples: Record<string, unknown> = {
  'genesys.get': {},
  'genesys.save': { expectedVersion: 0, config },
  'genesys.apply': {},
  'genesys.remove': { expectedVersion: 1 },
  'genesys.forceSync': {},
  'genesys.records': { kind: 'user' },
  'genesys.health': {},
  'genesys.userProfiles': {},
  'genesys.setUserProfile': { userId: 1, businessEmail: '', displayName: '' },
  'genesys.setSkillLanguage': { skillId: 1, treatAsLanguage: false },
  'genesys.skills': {},
  'genesys.wrapupCodes': {},
  'genesys.saveWrapupCode': { id: null, expectedVersion: 0, name: 'Sample' },
  'genesys.deleteWrapupCode': { id: 1, expectedVersion: 1 },
};
