import type { TabViews } from '../../shell/tabs/Workspace';
import { SsoHome } from './SsoHome';

/** Tab kinds of the sso area → their views (the area's home tab kind is 'sso'). */
export const ssoTabs: TabViews = { sso: SsoHome };
