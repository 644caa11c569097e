import { defineFeature } from '../../areas/feature';
import { tabView } from '../../shell/tabs/kinds';
import { AgentDataAccessPage } from './AgentDataAccessPage';
import { CallRecordingPage } from './CallRecordingPage';
import { CiscoTelephonyPage } from './CiscoTelephonyPage';
import { CloudAuthPage } from './CloudAuthPage';
import { CustomerAuthPage } from './CustomerAuthPage';
import { HotfixPage } from './HotfixPage';
import { SetupConfigEditor } from './SetupConfigEditor';
import { SetupConfigHome } from './SetupConfigHome';
import { hotfixTab, setupConfigTab, webInstallationTab } from './SetupConfigTabs';
import { NumberingPage } from './NumberingPage';
import { ProxyPage } from './ProxyPage';
import { SecureCertificatePage } from './SecureCertificatePage';
import {
  agentDataAccessTab,
  callRecordingTab,
  ciscoTelephonyTab,
  cloudAuthTab,
  customerAuthTab,
  numberingTab,
  proxyTab,
  secureCertificateTab,
  userAuthTab,
  webServerTab,
  wsdlTab,
} from './tabs';
import { WsdlPage } from './WsdlPage';
import { UserAuthPage } from './UserAuthPage';
import { WebServerPage } from './WebServerPage';

export { openSystemParameters } from './tabs';
export { openHotfix, openWebInstallation } from './SetupConfigTabs';

/** System parameters: pages of the System area (no area of their own; System home lists them). */
export const feature = defineFeature({
  name: 'systemParameters',
  tabs: [
    tabView(proxyTab, ProxyPage),
    tabView(numberingTab, NumberingPage),
    tabView(userAuthTab, UserAuthPage),
    tabView(customerAuthTab, CustomerAuthPage),
    tabView(wsdlTab, WsdlPage),
    tabView(callRecordingTab, CallRecordingPage),
    tabView(agentDataAccessTab, AgentDataAccessPage),
    tabView(ciscoTelephonyTab, CiscoTelephonyPage),
    tabView(secureCertificateTab, SecureCertificatePage),
    tabView(cloudAuthTab, CloudAuthPage),
    tabView(webServerTab, WebServerPage),
    tabView(webInstallationTab, SetupConfigHome),
    tabView(setupConfigTab, SetupConfigEditor),
    tabView(hotfixTab, HotfixPage),
  ] as const,
});
