/** Sample arguments for the web installation and hotfix methods of systemParameters (permissions.test.ts). */
const config = {
  execute: null,
  customerName: null,
  tenantID: '1',
  files: [{ key: null, include: 'https://x/a.zip', exclude: null, subDirs: null, outputFolder: 'Solidus' }],
};
export const setupConfigSamples: Record<string, unknown> = {
  'systemParameters.listSetupConfigs': {},
  'systemParameters.getSetupConfig': { id: 1 },
  'systemParameters.createSetupConfig': { customerId: 'permcheck' },
  'systemParameters.importSetupConfig': { id: 1, expectedVersion: 1, contentBase64: '' },
  'systemParameters.validateSetupConfig': { id: 1, customerId: 'permcheck', config },
  'systemParameters.saveSetupConfig': { id: 1, expectedVersion: 1, customerId: 'permcheck', config },
  'systemParameters.deleteSetupConfig': { id: 1, expectedVersion: 1 },
  'systemParameters.exportSetupConfig': { id: 1 },
  'systemParameters.getHotfixLog': {},
  'systemParameters.followHotfixLog': {},
};
