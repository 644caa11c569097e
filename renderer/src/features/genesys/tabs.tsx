import { NO_PARAMS, tabKind, tabView } from '../../shell/tabs/kinds';
import { GenesysHome } from './GenesysHome';

/** The area's home tab (Configuration, Synchronization Options and status, Integration Health). */
export const genesysHomeTab = tabKind('genesys', NO_PARAMS);

export const genesysTabs = [tabView(genesysHomeTab, GenesysHome)] as const;
