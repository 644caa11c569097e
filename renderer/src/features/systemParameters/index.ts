import { defineFeature } from '../../areas/feature';
import { tabView } from '../../shell/tabs/kinds';
import { AgentDataAccessPage } from './AgentDataAccessPage';
import { CallRecordingPage } from './CallRecordingPage';
import { CiscoTelephonyPage } from './CiscoTelephonyPage';
import { CustomerAuthPage } from './CustomerAuthPage';
import { HotfixPage } from './HotfixPage';
import { SetupConfigEditor } from './SetupConfigEditor';
import { SetupConfigHome } from './SetupConfigHome';
import { hotfixTab, setupConfigTab, webInstallationTab } from './SetupConfigTabs';
import { NumberingPage } from './NumberingPage';
import { ProxyPage } from './ProxyPage';
import {
  agentDataAccessTab,
  callRecordingTab,
  ciscoTelephonyTab,
  customerAuthTab,
  numberingTab,
  proxyTab,
  userAuthTab,
  wsdlTab,
} from './tabs';
import { WsdlPage } from './WsdlPage';
import { UserAuthPage } from './UserAuthPage';

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
    tabView(webInstallationTab, SetupConfigHome),
    tabView(setupConfigTab, SetupConfigEditor),
    tabView(hotfixTab, HotfixPage),
  ] as const,
});
