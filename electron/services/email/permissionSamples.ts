/** Sample arguments for every non-public method of email (permissions.test.ts calls each). */
const server = {
  name: 'support',
  imap: {
    host: '127.0.0.1',
    port: 993,
    useSsl: true,
    auth: 'password',
    userName: 'support@example.test',
    maxSessions: 0,
  },
  smtp: { host: '127.0.0.1', port: 465, useSsl: true, reporting: false, auth: 'none', userName: '' },
  oauth: null,
  heartbeatAddress: '',
  rateLimitPerHour: 0,
};
const destination = {
  name: 'Support',
  address: 'support@example.test',
  description: '',
  fromText: '',
  monitored: false,
  outgoing: false,
  serverId: null,
};
export const samples: Record<string, unknown> = {
  'email.listServers': {},
  'email.saveServer': { id: null, expectedVersion: 0, server, imapPassword: { password: 'x', confirm: 'x' } },
  'email.deleteServer': { id: 1, expectedVersion: 1 },
  'email.testServer': { id: 1, protocol: 'imap' },
  'email.listDestinations': {},
  'email.saveDestination': { id: null, expectedVersion: 0, destination },
  'email.deleteDestination': { id: 1, expectedVersion: 1 },
  'email.getOutgoing': {},
  'email.saveOutgoing': {
    expectedVersion: 0,
    settings: {
      enabled: false,
      protocol: 'smtp',
      fromAddress: '',
      host: '',
      port: 25,
      useAuth: false,
      userName: '',
      clientId: '',
      tenantId: '',
      authority: 'https://login.microsoftonline.com',
    },
  },
  'email.testOutgoing': { to: 'ops@example.test', via: 'queue' },
  'email.listQueue': {},
  'email.retryQueue': {},
  'email.discardQueued': { id: 1 },
};
