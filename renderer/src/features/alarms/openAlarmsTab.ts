import { z } from 'zod';
import { NO_PARAMS, tabKind, type ParamsOf } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';

/** The area's home tab (the alarm browser). */
export const alarmsHomeTab = tabKind('alarms', NO_PARAMS);
/** Event configuration; `oid` ("Configure this trap…") opens a new configuration for that trap. */
export const alarmEventsTab = tabKind('alarms.events', z.object({ oid: z.string().min(1).optional() }));
export type AlarmEventsTabParams = ParamsOf<typeof alarmEventsTab>;
export const alarmMibsTab = tabKind('alarms.mibs', NO_PARAMS);
export const alarmSettingsTab = tabKind('alarms.settings', NO_PARAMS);
export const alarmServersTab = tabKind('alarms.servers', NO_PARAMS);
export const alarmCorrelationTab = tabKind('alarms.correlation', NO_PARAMS);

const PAGES = {
  'alarms.mibs': { kind: alarmMibsTab, title: 'MIBs' },
  'alarms.settings': { kind: alarmSettingsTab, title: 'Trap listener' },
  'alarms.servers': { kind: alarmServersTab, title: 'Servers' },
  'alarms.correlation': { kind: alarmCorrelationTab, title: 'Correlation rules' },
} as const;

/** Opens (or focuses) one of the alarms area's pages. */
export function openAlarmsTab(kind: 'alarms.events', params?: AlarmEventsTabParams): void;
export function openAlarmsTab(kind: keyof typeof PAGES): void;
export function openAlarmsTab(kind: 'alarms.events' | keyof typeof PAGES, params: AlarmEventsTabParams = {}): void {
  if (kind === 'alarms.events')
    openTab(alarmEventsTab, params, { key: kind, title: 'Event configuration', area: 'alarms' });
  else openTab(PAGES[kind].kind, {}, { key: kind, title: PAGES[kind].title, area: 'alarms' });
}
