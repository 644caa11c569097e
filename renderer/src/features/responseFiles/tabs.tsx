import type { TabViews } from '../../shell/tabs/Workspace';

/** Tab kinds of the responseFiles area → their views (the area's home tab kind is 'responseFiles'). */
export const responseFilesTabs: TabViews = {};
