import type { TabViews } from '../shell/tabs/Workspace';
import { AreaPlaceholder } from '../features/placeholder/AreaPlaceholder';
import { SystemHome } from '../features/system/SystemHome';
import { PreferencesEditor } from '../features/system/preferences/PreferencesEditor';
import { LaunchOptionsView } from '../features/system/launchOptions/LaunchOptionsView';
import { AboutView } from '../features/system/about/AboutView';
import { PolicyEditor } from '../features/system/policy/PolicyEditor';
import { AccountsView } from '../features/system/accounts/AccountsView';
import { AuditView } from '../features/system/audit/AuditView';
import type { Tab } from '../shell/tabs/store';
import { LogsHome } from '../features/logs/LogsHome';
import { LogViewer } from '../features/logs/viewer/LogViewer';
import { TraceLevelsEditor } from '../features/logs/trace/TraceLevelsEditor';
import { usersTabs } from '../features/users/tabs';
import { objectTagsTabs } from '../features/objectTags/tabs';
import { dispatchTabs } from '../features/dispatch/tabs';
import { responseFilesTabs } from '../features/responseFiles/tabs';
import { ssoTabs } from '../features/sso/tabs';
import { alarmsTabs } from '../features/alarms/tabs';

const TraceLevelsTab = ({ tab }: { tab: Tab }) => <TraceLevelsEditor tabKey={tab.key} />;

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
  logs: LogsHome,
  'logs.viewer': LogViewer,
  'logs.trace': TraceLevelsTab,
  ...usersTabs,
  ...objectTagsTabs,
  ...dispatchTabs,
  ...responseFilesTabs,
  ...ssoTabs,
  ...alarmsTabs,
};
