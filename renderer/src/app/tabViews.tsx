import type { TabViews } from '../shell/tabs/Workspace';
import { AreaPlaceholder } from '../features/placeholder/AreaPlaceholder';
import { SystemHome } from '../features/system/SystemHome';
import { PreferencesEditor } from '../features/system/preferences/PreferencesEditor';
import { LaunchOptionsView } from '../features/system/launchOptions/LaunchOptionsView';
import { AboutView } from '../features/system/about/AboutView';
import { PolicyEditor } from '../features/system/policy/PolicyEditor';
import { AccountsView } from '../features/system/accounts/AccountsView';
import { AuditView } from '../features/system/audit/AuditView';

/** Tab kind → the view that renders it. Features add their kinds here. */
export const tabViews: TabViews = {
  placeholder: AreaPlaceholder,
  system: SystemHome,
  'system.preferences': PreferencesEditor,
  'system.launchOptions': LaunchOptionsView,
  'system.about': AboutView,
  'system.passwordPolicy': PolicyEditor,
  'system.accounts': AccountsView,
  'system.audit': AuditView,
};
