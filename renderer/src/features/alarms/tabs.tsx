import { tabView } from '../../shell/tabs/kinds';
import { AlarmBrowser } from './AlarmBrowser';
import { AlarmLinkView } from './AlarmLinkView';
import { alarmLinkTab } from './consoleRoute';
import { CorrelationView } from './CorrelationView';
import { EventConfigView } from './EventConfigView';
import { ListenerSettingsView } from './ListenerSettingsView';
import { MibsView } from './MibsView';
import { ServersView } from './ServersView';
import {
  alarmCorrelationTab,
  alarmEventsTab,
  alarmMibsTab,
  alarmServersTab,
  alarmSettingsTab,
  alarmsHomeTab,
} from './openAlarmsTab';

/** Tab kinds of the alarms area with their views (the area's home tab kind is 'alarms'). */
export const alarmsTabs = [
  tabView(alarmsHomeTab, AlarmBrowser),
  tabView(alarmEventsTab, EventConfigView),
  tabView(alarmCorrelationTab, CorrelationView),
  tabView(alarmMibsTab, MibsView),
  tabView(alarmSettingsTab, ListenerSettingsView),
  tabView(alarmServersTab, ServersView),
  tabView(alarmLinkTab, AlarmLinkView),
] as const;
