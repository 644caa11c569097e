import type { TabViews } from '../../shell/tabs/Workspace';
import { DispatchHome } from './DispatchHome';
import { ServiceGroupEditor } from './ServiceGroupEditor';

/** Tab kinds of the dispatch area → their views (the area's home tab kind is 'dispatch'). */
export const dispatchTabs: TabViews = {
  dispatch: DispatchHome,
  'dispatch.serviceGroup': ServiceGroupEditor,
};
