/** Sample arguments for every non-public method of the trace service (permissions.test.ts calls each). */
export const samples: Record<string, unknown> = {
  'trace.servers': {},
  'trace.get': { server: 'cc01' },
  'trace.save': {
    server: 'cc01',
    expectedVersion: 0,
    settings: {
      seclogonws: { logLevel: 2, logonWsTimeoutMs: 30000 },
      secreportws: { logLevel: 2 },
      socketManager: { trace: 0, executables: [] },
      disableWsdl: false,
    },
  },
  'trace.exportReg': { server: 'cc01' },
  'trace.importReg': { server: 'cc01', text: 'REGEDIT4' },
};
