import type { TabViews } from '../../shell/tabs/Workspace';
import { LookupView } from './LookupView';
import { ObjectTagsHome } from './ObjectTagsHome';

/** Tab kinds of the objectTags area → their views (the area's home tab kind is 'objectTags'). */
export const objectTagsTabs: TabViews = {
  objectTags: ObjectTagsHome,
  'objectTags.lookup': LookupView,
};
