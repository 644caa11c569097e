import { NO_PARAMS, tabKind } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';

/** The area's home tab (the tenant's object tags). */
export const objectTagsHomeTab = tabKind('objectTags', NO_PARAMS);
/** What a script reading the tables finds for an object. */
export const lookupTab = tabKind('objectTags.lookup', NO_PARAMS);

/** Opens (or focuses) the object tag lookup. */
export function openLookupTab(): void {
  openTab(lookupTab, {}, { key: 'objectTags.lookup', title: 'Object tag lookup', area: 'objectTags' });
}
