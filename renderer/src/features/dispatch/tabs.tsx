import { tabView } from '../../shell/tabs/kinds';
import { DispatchHome } from './DispatchHome';
import { ServiceGroupEditor } from './ServiceGroupEditor';
import { dispatchHomeTab, serviceGroupTab } from './openServiceGroupTab';

/** Tab kinds of the dispatch area with their views (the area's home tab kind is 'dispatch'). */
export const dispatchTabs = [
  tabView(dispatchHomeTab, DispatchHome),
  tabView(serviceGroupTab, ServiceGroupEditor),
] as const;
