import { tabView } from '../../shell/tabs/kinds';
import { SystemHome } from './SystemHome';
import { PreferencesEditor } from './preferences/PreferencesEditor';
import { LaunchOptionsView } from './launchOptions/LaunchOptionsView';
import { AboutView } from './about/AboutView';
import { PolicyEditor } from './policy/PolicyEditor';
import { AccountsView } from './accounts/AccountsView';
import { AuditView } from './audit/AuditView';
import {
  aboutTab,
  accountsTab,
  auditTab,
  launchOptionsTab,
  passwordPolicyTab,
  preferencesTab,
  systemHomeTab,
} from './openSystemTab';

/** Tab kinds of the System area with their views (the area's home tab kind is 'system'). */
export const systemTabs = [
  tabView(systemHomeTab, SystemHome),
  tabView(preferencesTab, PreferencesEditor),
  tabView(launchOptionsTab, LaunchOptionsView),
  tabView(aboutTab, AboutView),
  tabView(passwordPolicyTab, PolicyEditor),
  tabView(accountsTab, AccountsView),
  tabView(auditTab, AuditView),
] as const;
