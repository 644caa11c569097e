import { Tag20Regular } from '@fluentui/react-icons';
import { defineFeature } from '../../areas/feature';
import { objectTagsTabs } from './tabs';

export { ObjectTagValuesPanel } from './ObjectTagValuesPanel';

/** Object Tags: the tags, their assignments, Dialed Numbers and the Lookup. */
export const feature = defineFeature({
  name: 'objectTags',
  area: {
    id: 'objectTags',
    label: 'Object Tags',
    description:
      'Maintain Object Tags and their assignments to Service Accesses, Service Groups, Agents and Dialed Numbers, ' +
      'the tenant’s Dialed Numbers, and a Lookup of what a script reading the tables finds.',
    available: true,
    icon: Tag20Regular,
  },
  tabs: objectTagsTabs,
});
