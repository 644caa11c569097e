import type { TabViews } from '../../shell/tabs/Workspace';

/** Tab kinds of the alarms area → their views (the area's home tab kind is 'alarms'). */
export const alarmsTabs: TabViews = {};
