import type { TabViews } from '../../shell/tabs/Workspace';
import { AlarmBrowser } from './AlarmBrowser';
import { EventConfigView } from './EventConfigView';
import { ListenerSettingsView } from './ListenerSettingsView';
import { MibsView } from './MibsView';
import { ServersView } from './ServersView';

/** Tab kinds of the alarms area → their views (the area's home tab kind is 'alarms'). */
export const alarmsTabs: TabViews = {
  alarms: AlarmBrowser,
  'alarms.events': EventConfigView,
  'alarms.mibs': MibsView,
  'alarms.settings': ListenerSettingsView,
  'alarms.servers': ServersView,
};
