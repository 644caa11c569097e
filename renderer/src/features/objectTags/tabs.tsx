import type { TabViews } from '../../shell/tabs/Workspace';

/** Tab kinds of the objectTags area → their views (the area's home tab kind is 'objectTags'). */
export const objectTagsTabs: TabViews = {};
