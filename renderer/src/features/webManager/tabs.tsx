import { NO_PARAMS, tabKind, tabView } from '../../shell/tabs/kinds';
import { WebManagerHome } from './WebManagerHome';

/** The area's home tab. */
export const webManagerHomeTab = tabKind('webManager', NO_PARAMS);

/** Tab kinds of the webManager area with their views (the home tab kind is 'webManager'). */
export const webManagerTabs = [tabView(webManagerHomeTab, WebManagerHome)] as const;
