import { defineFeature } from '../../areas/feature';
import { tabView } from '../../shell/tabs/kinds';
import { CustomerAuthPage } from './CustomerAuthPage';
import { NumberingPage } from './NumberingPage';
import { ProxyPage } from './ProxyPage';
import { customerAuthTab, numberingTab, proxyTab, userAuthTab, wsdlTab } from './tabs';
import { WsdlPage } from './WsdlPage';
import { UserAuthPage } from './UserAuthPage';

export { openSystemParameters } from './tabs';

/** System parameters: pages of the System area (no area of their own; System home lists them). */
export const feature = defineFeature({
  name: 'systemParameters',
  tabs: [
    tabView(proxyTab, ProxyPage),
    tabView(numberingTab, NumberingPage),
    tabView(userAuthTab, UserAuthPage),
    tabView(customerAuthTab, CustomerAuthPage),
    tabView(wsdlTab, WsdlPage),
  ] as const,
});
