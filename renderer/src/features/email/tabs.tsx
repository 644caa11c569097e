import { NO_PARAMS, tabKind, tabView } from '../../shell/tabs/kinds';
import { EmailHome } from './EmailHome';

/** The area's home tab (servers and destinations). */
export const emailHomeTab = tabKind('email', NO_PARAMS);

/** Tab kinds of the email area with their views (the area's home tab kind is 'email'). */
export const emailTabs = [tabView(emailHomeTab, EmailHome)] as const;
