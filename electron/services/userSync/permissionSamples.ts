export const samples = {
  'userSync.get': {},
  'userSync.save': {
    expectedVersion: 0,
    settings: {
      type: 'none',
      ad: { host: '', port: 389, userName: '', security: 'none', baseDn: '' },
      azure: { tenantId: '', clientId: '', loginBaseUrl: '', graphBaseUrl: '' },
      userGroup: '',
      logonId: { order: 'lastFirst', firstChars: 2, lastChars: 18 },
      neverDelete: false,
      allowManualDelete: false,
      mapping: {
        firstName: { attributes: ['givenName'], when: 'always' },
        lastName: { attributes: ['sn'], when: 'always' },
        externalLogonId: { attributes: ['userPrincipalName', 'mail'], when: 'always' },
        directoryNumber: { attributes: [], when: 'add' },
        chatDisplayName: { attributes: [], when: 'add' },
      },
      schedule: { enabled: false, time: '02:00' },
    },
  },
  'userSync.preview': {},
  'userSync.previewPage': { previewId: 'x' },
  'userSync.apply': { previewId: 'x' },
  'userSync.cancel': {},
  'userSync.runs': {},
};
