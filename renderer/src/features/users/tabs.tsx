import type { TabViews } from '../../shell/tabs/Workspace';

/** Tab kinds of the users area → their views (the area's home tab kind is 'users'). */
export const usersTabs: TabViews = {};
