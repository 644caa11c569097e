import { NO_PARAMS, tabKind, tabView } from '../../shell/tabs/kinds';
import { SsoHome } from './SsoHome';

/** The area's home tab (SAML, OpenID Connect and Circuit sign-on). */
export const ssoHomeTab = tabKind('sso', NO_PARAMS);

/** Tab kinds of the sso area with their views (the area's home tab kind is 'sso'). */
export const ssoTabs = [tabView(ssoHomeTab, SsoHome)] as const;
