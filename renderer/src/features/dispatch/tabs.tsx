import type { TabViews } from '../../shell/tabs/Workspace';

/** Tab kinds of the dispatch area → their views (the area's home tab kind is 'dispatch'). */
export const dispatchTabs: TabViews = {};
