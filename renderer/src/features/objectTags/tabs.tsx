import { tabView } from '../../shell/tabs/kinds';
import { LookupView } from './LookupView';
import { ObjectTagsHome } from './ObjectTagsHome';
import { lookupTab, objectTagsHomeTab } from './openObjectTagsTab';

/** Tab kinds of the objectTags area with their views (the area's home tab kind is 'objectTags'). */
export const objectTagsTabs = [tabView(objectTagsHomeTab, ObjectTagsHome), tabView(lookupTab, LookupView)] as const;
