import { NO_PARAMS, tabKind } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';

/** The System parameters pages (System area; one tab each, for the working tenant where per tenant). */
export const proxyTab = tabKind('systemParameters.proxy', NO_PARAMS);
export const numberingTab = tabKind('systemParameters.numbering', NO_PARAMS);
export const userAuthTab = tabKind('systemParameters.userAuth', NO_PARAMS);
export const customerAuthTab = tabKind('systemParameters.customerAuth', NO_PARAMS);
export const wsdlTab = tabKind('systemParameters.wsdl', NO_PARAMS);
export const callRecordingTab = tabKind('systemParameters.callRecording', NO_PARAMS);
export const agentDataAccessTab = tabKind('systemParameters.agentDataAccess', NO_PARAMS);
export const ciscoTelephonyTab = tabKind('systemParameters.ciscoTelephony', NO_PARAMS);
export const secureCertificateTab = tabKind('systemParameters.secureCertificate', NO_PARAMS);
export const cloudAuthTab = tabKind('systemParameters.cloudAuth', NO_PARAMS);
export const webServerTab = tabKind('systemParameters.webServer', NO_PARAMS);

export const SYSTEM_PARAMETER_PAGES = {
  proxy: { kind: proxyTab, title: 'Proxy settings' },
  numbering: { kind: numberingTab, title: 'Numbering plan' },
  userAuth: { kind: userAuthTab, title: 'Users authentication settings' },
  customerAuth: { kind: customerAuthTab, title: 'Customer authentication' },
  wsdl: { kind: wsdlTab, title: 'WSDL suppression' },
  callRecording: { kind: callRecordingTab, title: 'MiVoice Call Recording' },
  agentDataAccess: { kind: agentDataAccessTab, title: 'Agent data access' },
  ciscoTelephony: { kind: ciscoTelephonyTab, title: 'Cisco IP Telephony' },
  secureCertificate: { kind: secureCertificateTab, title: 'Secure communications certificate' },
  cloudAuth: { kind: cloudAuthTab, title: 'Cloud services authentication data' },
  webServer: { kind: webServerTab, title: 'Web server settings' },
} as const;
export type SystemParameterPage = keyof typeof SYSTEM_PARAMETER_PAGES;

export function openSystemParameters(page: SystemParameterPage): void {
  const { kind, title } = SYSTEM_PARAMETER_PAGES[page];
  openTab(kind, {}, { key: kind.kind, title, area: 'system' });
}
